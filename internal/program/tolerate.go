package program

import (
	"go/ast"
	"go/token"
	"strings"
)

// Tolerated failures (docs/DESIGN.md#tolerated-failures). A call whose
// failure the code absorbs does not make the program fail: glog's init
// keeps "unknownuser" when user.Current fails, a program probing for a
// tool with exec.LookPath falls back when it is missing, a program that
// logs to syslog when it can uses its own logger otherwise. For the sinks
// where the fallback is the program working as intended (sink.tolerable:
// user lookups, exec probes, syslog connections) such a call is not a
// site. The sinks whose failure loses what the call was for (a time zone,
// a TLS connection, a name, a temporary file, a write under $HOME) stay
// sites whatever the code does with the error: the failure is the
// finding.
//
// The shape, read from syntax alone so that every driver agrees:
//
//	v, err := sink(...)        // or: if v, err := sink(...); err == nil { ... }
//	if err != nil { FAILURE }  // or: if err == nil { ... } else { FAILURE }
//
// where FAILURE neither returns the error nor a value computed by a call
// (errors.New, fmt.Errorf), nor calls panic, os.Exit or anything named
// Fatal*, Panic*, Exit* or Must*; and where the results of the call are
// not used after the if statement unless FAILURE ends the function or
// gives them a value of its own (a nil *user.User read later would panic).
// For exec.Command the error is that of the Run, Output, CombinedOutput
// or Start called on the command in the same expression.

// toleratedCall reports whether the failure of call, a sink call whose
// enclosing nodes are stack (call last), is absorbed.
func toleratedCall(call *ast.CallExpr, stack []ast.Node, viaCommand bool) bool {
	i := len(stack) - 1 // stack[i] is call
	var expr ast.Expr = call
	up := func() ast.Node {
		i--
		for i >= 0 {
			if p, ok := stack[i].(*ast.ParenExpr); ok {
				expr = p
				i--
				continue
			}
			return stack[i]
		}
		return nil
	}
	parent := up()
	if viaCommand {
		// exec.Command(...).Run(): the error is the outer call's.
		sel, ok := parent.(*ast.SelectorExpr)
		if !ok || sel.X != expr || !commandRuns[sel.Sel.Name] {
			return false
		}
		outer, ok := up().(*ast.CallExpr)
		if !ok || outer.Fun != sel {
			return false
		}
		expr = outer
		parent = up()
	}
	assign, ok := parent.(*ast.AssignStmt)
	if !ok || len(assign.Rhs) != 1 || assign.Rhs[0] != expr || len(assign.Lhs) == 0 {
		return false
	}
	errID, ok := assign.Lhs[len(assign.Lhs)-1].(*ast.Ident)
	if !ok {
		return false
	}
	var values []string // the other results, by name
	for _, l := range assign.Lhs[:len(assign.Lhs)-1] {
		id, ok := l.(*ast.Ident)
		if !ok {
			return false // stored in a field or an element: followed nowhere
		}
		if id.Name != "_" {
			values = append(values, id.Name)
		}
	}
	// With the error discarded, a first result compared with its zero
	// value tells the failure: go-sockaddr's `path, _ :=
	// exec.LookPath("ip"); if path == "" { path = "/sbin/ip" }`.
	failed, byZero := errID.Name, false
	if failed == "_" {
		first, ok := assign.Lhs[0].(*ast.Ident)
		if len(assign.Lhs) < 2 || !ok || first.Name == "_" {
			return false
		}
		failed, byZero = first.Name, true
	}
	// The if statement that checks the error: the one whose init is the
	// assignment, or the statement after it.
	var check *ast.IfStmt
	var rest []ast.Stmt // the statements after check in its block
	holder := up()
	if ifs, ok := holder.(*ast.IfStmt); ok && ifs.Init == assign {
		check = ifs
		if assign.Tok == token.DEFINE {
			values = nil // scoped to the if statement
		}
		holder = up()
		rest = after(holder, ifs)
	} else {
		next := after(holder, assign)
		if len(next) == 0 {
			return false
		}
		if check, ok = next[0].(*ast.IfStmt); !ok || check.Init != nil {
			return false
		}
		rest = next[1:]
	}
	var failure ast.Stmt
	switch errCompare(check.Cond, failed, byZero) {
	case token.NEQ:
		failure = check.Body
	case token.EQL:
		failure = check.Else // nil: nothing runs on failure
	default:
		return false
	}
	if failure != nil && !absorbs(failure, failed, resultTypes(stack)) {
		return false
	}
	if failure != nil && terminates(failure) {
		return true
	}
	// Read after the check, a result may be the zero value of a failure,
	// and the error hands the failure on (report(err), return err).
	var escaping []string
	if failure == nil || !assignsAll(failure, values) {
		escaping = values
	}
	if check.Init != assign || assign.Tok != token.DEFINE {
		escaping = append(escaping, errID.Name)
	}
	for _, s := range rest {
		if reads(s, escaping) {
			return false
		}
	}
	return true
}

// commandRuns are the methods of *exec.Cmd that return its failure.
var commandRuns = map[string]bool{"Run": true, "Output": true, "CombinedOutput": true, "Start": true}

// after returns the statements that follow s in the statement list
// holding it (nil when s is not in a list).
func after(holder ast.Node, s ast.Stmt) []ast.Stmt {
	var list []ast.Stmt
	switch h := holder.(type) {
	case *ast.BlockStmt:
		list = h.List
	case *ast.CaseClause:
		list = h.Body
	case *ast.CommClause:
		list = h.Body
	default:
		return nil
	}
	for i, x := range list {
		if x == s {
			return list[i+1:]
		}
	}
	return nil
}

// errCompare returns the operator of `err != nil` or `err == nil` (either
// way round), or ILLEGAL. With byZero, err names a result that is its zero
// value on failure: `v == ""` and `v == nil` count as `err != nil`, `v !=
// ""` and `v != nil` as `err == nil`.
//
// A condition whose first operand is such a comparison counts as it when
// the rest cannot change which branch a failure takes: `err == nil && u
// != nil` runs its body only on success, `err != nil || u.Uid == ""` runs
// it on every failure. Only the first operand, because the others may read
// results that a failure leaves nil; Go evaluates left to right.
func errCompare(cond ast.Expr, err string, byZero bool) token.Token {
	if b, ok := ast.Unparen(cond).(*ast.BinaryExpr); ok && (b.Op == token.LAND || b.Op == token.LOR) {
		first := b.X
		for {
			inner, ok := ast.Unparen(first).(*ast.BinaryExpr)
			if !ok || inner.Op != b.Op {
				break
			}
			first = inner.X
		}
		switch op := errCompare(first, err, byZero); {
		case b.Op == token.LAND && op == token.EQL, b.Op == token.LOR && op == token.NEQ:
			return op
		}
		return token.ILLEGAL
	}
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ && b.Op != token.EQL {
		return token.ILLEGAL
	}
	isErr := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && id.Name == err
	}
	if byZero {
		zero := func(e ast.Expr) bool {
			lit, ok := ast.Unparen(e).(*ast.BasicLit)
			return isNil(e) || ok && lit.Kind == token.STRING && (lit.Value == `""` || lit.Value == "``")
		}
		if isErr(b.X) && zero(b.Y) || zero(b.X) && isErr(b.Y) {
			if b.Op == token.EQL {
				return token.NEQ
			}
			return token.EQL
		}
		return token.ILLEGAL
	}
	if isErr(b.X) && isNil(b.Y) || isNil(b.X) && isErr(b.Y) {
		return b.Op
	}
	return token.ILLEGAL
}

// resultTypes returns the result types of the innermost function around
// the top of stack, one per result.
func resultTypes(stack []ast.Node) []ast.Expr {
	for i := len(stack) - 1; i >= 0; i-- {
		var ft *ast.FuncType
		switch fn := stack[i].(type) {
		case *ast.FuncDecl:
			ft = fn.Type
		case *ast.FuncLit:
			ft = fn.Type
		default:
			continue
		}
		var out []ast.Expr
		if ft.Results != nil {
			for _, f := range ft.Results.List {
				for range max(len(f.Names), 1) {
					out = append(out, f.Type)
				}
			}
		}
		return out
	}
	return nil
}

// absorbs reports whether the failure branch carries on: no return of the
// error or of a computed value, nor of nil other than as an error (a nil
// *user.User handed up panics there), no panic, exit or fatal log.
// Function literals in it do not run there.
func absorbs(failure ast.Stmt, err string, results []ast.Expr) bool {
	ok := true
	ast.Inspect(failure, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for i, r := range n.Results {
				// A value made by a call hands the failure on only as an
				// error; elsewhere it is a fallback (smallstep's
				// CommandWithSudo returns exec.Command(cmd...) when sudo
				// is missing).
				made := !plainValue(r) && (len(n.Results) != len(results) || isErrorType(results[i]))
				if made || mentions(r, []string{err}) {
					ok = false
				}
				if isNil(r) && (len(n.Results) != len(results) || !isErrorType(results[i])) {
					ok = false
				}
			}
		case *ast.CallExpr:
			if fails(n) {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// plainValue reports whether a returned expression is a value that is no
// error made for the occasion: a name, a literal, a field, an address.
func plainValue(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.SelectorExpr:
		return plainValue(e.X)
	case *ast.UnaryExpr:
		return e.Op == token.AND && plainValue(e.X)
	case *ast.CompositeLit:
		for _, elt := range e.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				elt = kv.Value
			}
			if !plainValue(elt) {
				return false
			}
		}
		return true
	}
	return false
}

// fails reports whether a call ends the program or the goroutine, or is
// named as though it did (log.Fatal, klog.Exitf, t.Fatalf, template.Must).
func fails(call *ast.CallExpr) bool {
	var name string
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		name = f.Name
	case *ast.SelectorExpr:
		name = f.Sel.Name
	default:
		return false
	}
	if name == "panic" {
		return true
	}
	for _, prefix := range []string{"Fatal", "Panic", "Exit", "Must"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// terminates reports whether a statement ends with a return (or a branch
// out of a loop), so that what follows runs only without a failure.
func terminates(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.BlockStmt:
		return len(s.List) > 0 && terminates(s.List[len(s.List)-1])
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok == token.CONTINUE || s.Tok == token.BREAK || s.Tok == token.GOTO
	case *ast.IfStmt:
		return s.Else != nil && terminates(s.Body) && terminates(s.Else)
	}
	return false
}

// assignsAll reports whether a statement gives each of names a value of
// its own at its top level (v = fallback).
func assignsAll(s ast.Stmt, names []string) bool {
	b, ok := s.(*ast.BlockStmt)
	if !ok {
		return false
	}
	set := map[string]bool{}
	for _, st := range b.List {
		if a, ok := st.(*ast.AssignStmt); ok && a.Tok == token.ASSIGN {
			for _, l := range a.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					set[id.Name] = true
				}
			}
		}
	}
	for _, n := range names {
		if !set[n] {
			return false
		}
	}
	return true
}

// reads reports whether n reads one of names (an assignment to it is no
// read).
func reads(n ast.Node, names []string) bool {
	if len(names) == 0 {
		return false
	}
	assigned := map[*ast.Ident]bool{}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					assigned[id] = true
				}
			}
		case *ast.Ident:
			if !assigned[n] && mentions(n, names) {
				found = true
			}
		}
		return !found
	})
	return found
}

// mentions reports whether n uses one of names.
func mentions(n ast.Node, names []string) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			for _, name := range names {
				if id.Name == name {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func isErrorType(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "error"
}

// gatingProbe reports whether a tolerated exec.LookPath call (call, with
// its enclosing nodes stack) gates the code that runs the program:
//
//	if _, err := exec.LookPath("gcloud"); err != nil { ...; return fallback }
//	if _, err := exec.LookPath("gcloud"); err == nil { ... }
//
// A package that probes so for a program and goes on without it runs the
// program only where the probe found it, wherever in the package that
// is (go-containerregistry's google keychain probes for gcloud, then runs
// it through a function variable): its runs of that program are not
// sites (docs/DESIGN.md#tolerated-failures).
func gatingProbe(call *ast.CallExpr, stack []ast.Node) bool {
	if len(stack) < 3 {
		return false
	}
	assign, ok := stack[len(stack)-2].(*ast.AssignStmt)
	if !ok || len(assign.Lhs) != 2 || len(assign.Rhs) != 1 || ast.Unparen(assign.Rhs[0]) != call {
		return false
	}
	ifStmt, ok := stack[len(stack)-3].(*ast.IfStmt)
	if !ok || ifStmt.Init != assign {
		return false
	}
	errName, ok := assign.Lhs[1].(*ast.Ident)
	if !ok {
		return false
	}
	cond, ok := ast.Unparen(ifStmt.Cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	x, y := ast.Unparen(cond.X), ast.Unparen(cond.Y)
	isErr := func(e ast.Expr) bool { id, ok := e.(*ast.Ident); return ok && id.Name == errName.Name }
	if !(isErr(x) && isNil(y) || isNil(x) && isErr(y)) {
		return false
	}
	switch cond.Op {
	case token.NEQ:
		return endsWithReturn(ifStmt.Body)
	case token.EQL:
		return true
	}
	return false
}
