package program

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
)

// Code for another operating system. Every deployment scratchvet judges
// runs Linux, so a sink in a branch taken only on another GOOS never runs
// there: syncthing's openURL runs `open` only `if build.IsDarwin`, and
// `xdg-open` otherwise. Build constraints already drop whole files; this
// reads the branches inside a file, from syntax alone so that every driver
// agrees:
//
//	if runtime.GOOS == "darwin" { SINK }     // also "windows", ...
//	if runtime.GOOS != "linux" { SINK }
//	if runtime.GOOS == "linux" { ... } else { SINK }
//	if isDarwin { SINK }                      // a name saying the OS: IsDarwin, isWindows, IsMacOS
//	switch runtime.GOOS { case "darwin", "windows": SINK }
//
// A condition joined with && counts when either operand says so.

// otherOS reports whether the function declaration around the top of
// stack reaches it only on an operating system other than Linux. A
// function literal inside such a branch is made only there, so its body
// runs only there too. isRuntime reports whether a name is the runtime
// package.
func otherOS(stack []ast.Node, isRuntime func(ast.Expr) bool) bool {
	for i := len(stack) - 1; i > 0; i-- {
		switch n := stack[i-1].(type) {
		case *ast.FuncDecl:
			return false
		case *ast.IfStmt:
			switch stack[i] {
			case n.Body:
				if goosTest(n.Cond, isRuntime) == notLinux {
					return true
				}
			case n.Else:
				if goosTest(n.Cond, isRuntime) == onLinux {
					return true
				}
			}
		case *ast.CaseClause:
			if i < 3 || len(n.List) == 0 || !inBody(n, stack[i]) {
				continue
			}
			sw, ok := stack[i-2].(*ast.BlockStmt)
			if !ok {
				continue
			}
			if s, ok := stack[i-3].(*ast.SwitchStmt); ok && s.Body == sw && s.Init == nil && isGOOS(s.Tag, isRuntime) && otherOSCase(n) {
				return true
			}
		}
	}
	return false
}

// otherOSCase reports whether a case of `switch runtime.GOOS` lists only
// systems other than Linux (not default, which may be Linux).
func otherOSCase(c *ast.CaseClause) bool {
	for _, e := range c.List {
		if os, ok := stringLit(e); !ok || os == "linux" {
			return false
		}
	}
	return len(c.List) > 0
}

func inBody(c *ast.CaseClause, n ast.Node) bool {
	for _, s := range c.Body {
		if s == n {
			return true
		}
	}
	return false
}

type goosVerdict int

const (
	unknownOS goosVerdict = iota
	onLinux               // the condition holds on Linux
	notLinux              // it holds only elsewhere
)

// goosTest reads what cond says about the operating system.
func goosTest(cond ast.Expr, isRuntime func(ast.Expr) bool) goosVerdict {
	switch c := ast.Unparen(cond).(type) {
	case *ast.BinaryExpr:
		switch c.Op {
		case token.LAND:
			// True only where both operands are.
			if goosTest(c.X, isRuntime) == notLinux || goosTest(c.Y, isRuntime) == notLinux {
				return notLinux
			}
			return unknownOS
		case token.EQL, token.NEQ:
			x, y := c.X, c.Y
			if !isGOOS(x, isRuntime) {
				x, y = y, x
			}
			os, ok := stringLit(y)
			if !isGOOS(x, isRuntime) || !ok {
				return unknownOS
			}
			// runtime.GOOS is "linux" in every deployment ("android"
			// is another GOOS, though its files build with linux tags).
			if (c.Op == token.EQL) == (os == "linux") {
				return onLinux
			}
			return notLinux
		}
	case *ast.Ident:
		return osName(c.Name)
	case *ast.SelectorExpr:
		return osName(c.Sel.Name)
	}
	return unknownOS
}

// osName reads a boolean named for an operating system: IsDarwin,
// isWindows, IsMacOS; IsLinux says the opposite. Not "mac" or "js",
// which name other things too (isMAC, isJS).
func osName(name string) goosVerdict {
	lower := strings.ToLower(name)
	if !strings.HasPrefix(lower, "is") {
		return unknownOS
	}
	switch lower[2:] {
	case "darwin", "macos", "osx", "windows", "freebsd", "openbsd", "netbsd", "solaris", "illumos", "plan9":
		return notLinux
	case "linux":
		return onLinux
	}
	return unknownOS
}

// isGOOS reports whether e is runtime.GOOS.
func isGOOS(e ast.Expr, isRuntime func(ast.Expr) bool) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "GOOS" && isRuntime(sel.X)
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := ast.Unparen(e).(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}
