package program

import (
	"go/ast"
	"go/token"
	"strings"
)

// A user.Current call is not a site when its function returns first
// wherever $HOME is set, as golang.org/x/oauth2/google, cloud.google.com/go
// and the AWS SDK do to find a home directory:
//
//	if v := os.Getenv("HOME"); v != "" {
//		return v
//	}
//	if u, err := user.Current(); err == nil { ...
//
// Container runtimes (Docker, containerd, Kubernetes) set HOME even for a
// user without a /etc/passwd entry (HOME=/), and so does the kernel for
// init, so on every target the lookup is not reached. The same holds for
// every sink after such a guard (dd-trace-go's home directory lookup runs
// getent and sh only where HOME is unset). $HOME may be read through
// os.Getenv, os.LookupEnv, os.UserHomeDir, or a wrapper of the first two
// (a function named Getenv or LookupEnv in any case, or Get and Lookup
// of a package named env), with "HOME" literal, in a local variable, or
// in a constant, variable or function of the file.

// homeGuard is what a function body says about $HOME: the end of the
// first statement after which the body goes on only where $HOME is empty
// or unset (NoPos if none), and the blocks that run only then.
type homeGuard struct {
	end   token.Pos
	unset []*ast.BlockStmt
}

// covers reports whether a call at pos runs only where $HOME is empty or
// unset.
func (g homeGuard) covers(pos token.Pos) bool {
	if g.end.IsValid() && pos > g.end {
		return true
	}
	for _, b := range g.unset {
		if b.Pos() <= pos && pos < b.End() {
			return true
		}
	}
	return false
}

// homeGuardOf reads body's $HOME guards: an if statement whose condition
// holds exactly when $HOME is set (read by os.Getenv, os.LookupEnv or
// os.UserHomeDir, in the condition or in a statement before it) and whose
// body ends with a return; and an if statement whose condition holds only
// where $HOME is empty or unset (`if home == "" { ... user.Current() ... }`,
// as github.com/docker/docker/pkg/homedir does), whose body is a block
// that runs only then. resolve gives the import path of a package name
// (of the sink packages), isPackage tells a package name;
// isHomeName tells an argument of os.Getenv that names "HOME" (a literal,
// or a constant, variable or function of the file that gives "HOME").
func homeGuardOf(body *ast.BlockStmt, resolve func(ast.Expr) string, isPackage, isHomeName func(ast.Expr) bool) homeGuard {
	var guard homeGuard
	home := map[string]bool{}  // variables holding $HOME
	isSet := map[string]bool{} // variables true exactly when $HOME is set
	isErr := map[string]bool{} // os.UserHomeDir's error: nil exactly when $HOME is set
	named := map[string]bool{} // local variables set to "HOME"
	// envCall returns e if it calls os.NAME, or, for Getenv and
	// LookupEnv, a wrapper of it: a function of that name in any case
	// (getEnv, envutil.Getenv), or Get and Lookup of a package named env.
	osCall := func(e ast.Expr, name string) *ast.CallExpr {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return nil
		}
		switch fn := ast.Unparen(call.Fun).(type) {
		case *ast.SelectorExpr:
			if fn.Sel.Name == name && resolve(fn.X) == "os" {
				return call
			}
			if name == "UserHomeDir" || !isPackage(fn.X) {
				return nil
			}
			if strings.EqualFold(fn.Sel.Name, name) || fn.X.(*ast.Ident).Name == "env" &&
				(name == "Getenv" && fn.Sel.Name == "Get" || name == "LookupEnv" && fn.Sel.Name == "Lookup") {
				return call
			}
		case *ast.Ident:
			if name != "UserHomeDir" && strings.EqualFold(fn.Name, name) {
				return call
			}
		}
		return nil
	}
	homeArg := func(call *ast.CallExpr) bool {
		if call == nil || len(call.Args) != 1 {
			return false
		}
		if id, ok := ast.Unparen(call.Args[0]).(*ast.Ident); ok && named[id.Name] {
			return true
		}
		return isHomeName(call.Args[0])
	}
	name := func(e ast.Expr) string {
		if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
			return id.Name
		}
		return ""
	}
	record := func(lhs []ast.Expr, rhs []ast.Expr) {
		if len(rhs) != 1 {
			return
		}
		if len(lhs) == 1 && isString(rhs[0], "HOME") {
			named[name(lhs[0])] = true
		}
		switch {
		case len(lhs) == 1 && homeArg(osCall(rhs[0], "Getenv")):
			home[name(lhs[0])] = true
		case len(lhs) == 2 && homeArg(osCall(rhs[0], "LookupEnv")):
			home[name(lhs[0])], isSet[name(lhs[1])] = true, true
		case len(lhs) == 2 && osCall(rhs[0], "UserHomeDir") != nil:
			home[name(lhs[0])], isErr[name(lhs[1])] = true, true
		}
	}
	isHome := func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if n := name(e); n != "" {
			return home[n]
		}
		return homeArg(osCall(e, "Getenv"))
	}
	isLenOfHome := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return false
		}
		fn, ok := call.Fun.(*ast.Ident)
		return ok && fn.Name == "len" && isHome(call.Args[0])
	}
	// setWhen reports whether cond holds exactly when $HOME is set (and
	// not empty, for the comparisons).
	setWhen := func(cond ast.Expr) bool {
		switch c := ast.Unparen(cond).(type) {
		case *ast.Ident:
			return isSet[c.Name]
		case *ast.BinaryExpr:
			x, y := ast.Unparen(c.X), ast.Unparen(c.Y)
			switch c.Op {
			case token.NEQ: // h != "", len(h) != 0
				return isHome(x) && isString(y, "") || isString(x, "") && isHome(y) ||
					isLenOfHome(x) && isZero(y) || isZero(x) && isLenOfHome(y)
			case token.GTR: // len(h) > 0
				return isLenOfHome(x) && isZero(y)
			case token.LSS: // 0 < len(h)
				return isZero(x) && isLenOfHome(y)
			case token.EQL: // err == nil
				return isErr[name(x)] && isNil(y) || isNil(x) && isErr[name(y)]
			}
		}
		return false
	}
	// unsetWhen reports whether cond holds only where $HOME is empty or
	// unset: the negation of setWhen, or a conjunction with one.
	var unsetWhen func(cond ast.Expr) bool
	unsetWhen = func(cond ast.Expr) bool {
		switch c := ast.Unparen(cond).(type) {
		case *ast.UnaryExpr: // !ok
			return c.Op == token.NOT && setWhen(c.X)
		case *ast.BinaryExpr:
			x, y := ast.Unparen(c.X), ast.Unparen(c.Y)
			switch c.Op {
			case token.LAND:
				return unsetWhen(x) || unsetWhen(y)
			case token.EQL: // h == "", len(h) == 0
				return isHome(x) && isString(y, "") || isString(x, "") && isHome(y) ||
					isLenOfHome(x) && isZero(y) || isZero(x) && isLenOfHome(y)
			case token.NEQ: // err != nil
				return isErr[name(x)] && isNil(y) || isNil(x) && isErr[name(y)]
			}
		}
		return false
	}
	for _, stmt := range body.List {
		switch s := stmt.(type) {
		case *ast.AssignStmt:
			record(s.Lhs, s.Rhs)
		case *ast.DeclStmt:
			if gen, ok := s.Decl.(*ast.GenDecl); ok && gen.Tok == token.VAR {
				for _, spec := range gen.Specs {
					if vs, ok := spec.(*ast.ValueSpec); ok {
						var lhs []ast.Expr
						for _, n := range vs.Names {
							lhs = append(lhs, n)
						}
						record(lhs, vs.Values)
					}
				}
			}
		case *ast.IfStmt:
			if init, ok := s.Init.(*ast.AssignStmt); ok {
				record(init.Lhs, init.Rhs)
			}
			if setWhen(s.Cond) && endsWithReturn(s.Body) {
				guard.end = s.End()
				return guard
			}
			if unsetWhen(s.Cond) {
				guard.unset = append(guard.unset, s.Body)
			}
		}
	}
	return guard
}

// homeNames returns a function telling whether an argument of os.Getenv
// names "HOME": the literal, or a constant or variable declared in the file
// as "HOME", or a call of a function of the file that returns it (docker's
// homedir.Key()). Only the file is read: the cheap scan parses files one
// by one.
func homeNames(f *ast.File) func(ast.Expr) bool {
	vars := map[string]bool{}  // constants and variables set to "HOME"
	funcs := map[string]bool{} // functions returning "HOME"
	for _, d := range f.Decls {
		if gen, ok := d.(*ast.GenDecl); ok && (gen.Tok == token.CONST || gen.Tok == token.VAR) {
			for _, spec := range gen.Specs {
				vs, ok := spec.(*ast.ValueSpec)
				if !ok || len(vs.Values) != len(vs.Names) {
					continue
				}
				for i, n := range vs.Names {
					if isString(vs.Values[i], "HOME") {
						vars[n.Name] = true
					}
				}
			}
		}
	}
	isName := func(e ast.Expr) bool {
		if isString(e, "HOME") {
			return true
		}
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && vars[id.Name]
	}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv != nil || fn.Body == nil || len(fn.Body.List) != 1 {
			continue
		}
		if ret, ok := fn.Body.List[0].(*ast.ReturnStmt); ok && len(ret.Results) == 1 && isName(ret.Results[0]) {
			funcs[fn.Name.Name] = true
		}
	}
	return func(e ast.Expr) bool {
		if isName(e) {
			return true
		}
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		return ok && funcs[id.Name]
	}
}

func endsWithReturn(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	_, ok := b.List[len(b.List)-1].(*ast.ReturnStmt)
	return ok
}

func isString(e ast.Expr, s string) bool {
	lit, ok := ast.Unparen(e).(*ast.BasicLit)
	return ok && lit.Kind == token.STRING && (lit.Value == `"`+s+`"` || lit.Value == "`"+s+"`")
}

func isZero(e ast.Expr) bool {
	lit, ok := ast.Unparen(e).(*ast.BasicLit)
	return ok && lit.Kind == token.INT && lit.Value == "0"
}

func isNil(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "nil"
}
