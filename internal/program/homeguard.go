package program

import (
	"go/ast"
	"go/token"
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
// init, so on every target the lookup is not reached.

// homeGuardEnd returns the end of the first statement of body after which
// the function goes on only where $HOME is empty or unset: an if statement
// whose condition holds exactly when $HOME is set (read by os.Getenv,
// os.LookupEnv or os.UserHomeDir, in the condition or in a statement before
// it) and whose body ends with a return. It returns token.NoPos when body
// has no such statement. resolve gives the import path of a package name.
func homeGuardEnd(body *ast.BlockStmt, resolve func(ast.Expr) string) token.Pos {
	home := map[string]bool{}  // variables holding $HOME
	isSet := map[string]bool{} // variables true exactly when $HOME is set
	isErr := map[string]bool{} // os.UserHomeDir's error: nil exactly when $HOME is set
	osCall := func(e ast.Expr, name string) *ast.CallExpr {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return nil
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != name || resolve(sel.X) != "os" {
			return nil
		}
		return call
	}
	homeArg := func(call *ast.CallExpr) bool {
		return call != nil && len(call.Args) == 1 && isString(call.Args[0], "HOME")
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
				return s.End()
			}
		}
	}
	return token.NoPos
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
