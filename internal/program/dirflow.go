package program

import (
	"go/ast"
	"go/token"
	"path"
)

// Some needs are not a call but a directory flowing into a write: a path
// built from os.TempDir() is under /tmp; one built from os.UserCacheDir(),
// UserConfigDir() or UserHomeDir() is under $HOME. Reading there fails
// harmlessly where nothing was written; creating a file or directory is
// what breaks (docs/FACTS.md#temporary-files, #home-directory). The flow is
// followed within one function, through local variables and
// filepath.Join, path.Join, fmt.Sprintf and string concatenation.

// A dirSource is a call whose result is a directory the target may lack.
type dirSource struct {
	kind      Kind
	pkg, name string
}

var dirSources = []dirSource{
	{KindTemp, "os", "TempDir"},
	{KindHome, "os", "UserCacheDir"},
	{KindHome, "os", "UserConfigDir"},
	{KindHome, "os", "UserHomeDir"},
}

// A dirWrite is a call that creates something at the path in argument arg.
type dirWrite struct {
	pkg, name string
	arg       int
}

var dirWrites = []dirWrite{
	{"os", "Create", 0}, {"os", "OpenFile", 0}, {"os", "Mkdir", 0}, {"os", "MkdirAll", 0},
	{"os", "WriteFile", 0}, {"os", "CreateTemp", 0}, {"os", "MkdirTemp", 0},
	{"os", "Symlink", 1}, {"os", "Link", 1}, {"os", "Rename", 1},
	{"io/ioutil", "WriteFile", 0}, {"io/ioutil", "TempFile", 0}, {"io/ioutil", "TempDir", 0},
}

// dirJoins build a path from their arguments.
var dirJoins = []dirWrite{{"path/filepath", "Join", -1}, {"path", "Join", -1}, {"fmt", "Sprintf", -1}}

// dirFlowSites returns the writes under a source directory in the
// function fn (its body, nested function literals included).
// resolve gives the import path of a package name.
func dirFlowSites(fn ast.Node, resolve func(ast.Expr) string) []Site {
	callOf := func(e ast.Expr) (pkg, name string, call *ast.CallExpr) {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return "", "", nil
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return "", "", nil
		}
		return resolve(sel.X), sel.Sel.Name, call
	}
	tainted := map[string]dirSource{} // local variables holding a source path
	var source func(e ast.Expr) (dirSource, bool)
	source = func(e ast.Expr) (dirSource, bool) {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			src, ok := tainted[e.Name]
			return src, ok
		case *ast.BinaryExpr:
			if e.Op == token.ADD {
				if src, ok := source(e.X); ok {
					return src, true
				}
				return source(e.Y)
			}
		case *ast.CallExpr:
			pkg, name, call := callOf(e)
			for _, s := range dirSources {
				if s.pkg == pkg && s.name == name {
					return s, true
				}
			}
			for _, j := range dirJoins {
				if j.pkg == pkg && j.name == name {
					for _, a := range call.Args {
						if src, ok := source(a); ok {
							return src, true
						}
					}
				}
			}
		}
		return dirSource{}, false
	}
	taint := func(lhs ast.Expr, rhs ast.Expr) bool {
		id, ok := lhs.(*ast.Ident)
		if !ok || id.Name == "_" {
			return false
		}
		if _, done := tainted[id.Name]; done {
			return false
		}
		if src, ok := source(rhs); ok {
			tainted[id.Name] = src
			return true
		}
		return false
	}
	// Taint is flow-insensitive: repeat until no assignment adds a
	// variable (x := os.TempDir(); y := filepath.Join(x, "a"), in any order).
	for changed := true; changed; {
		changed = false
		ast.Inspect(fn, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				switch {
				case len(n.Lhs) == len(n.Rhs):
					for i := range n.Lhs {
						changed = taint(n.Lhs[i], n.Rhs[i]) || changed
					}
				case len(n.Rhs) == 1 && len(n.Lhs) == 2:
					// dir, err := os.UserCacheDir()
					changed = taint(n.Lhs[0], n.Rhs[0]) || changed
				}
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if i < len(n.Values) {
						changed = taint(name, n.Values[i]) || changed
					} else if len(n.Values) == 1 && i == 0 {
						changed = taint(name, n.Values[0]) || changed
					}
				}
			}
			return true
		})
	}
	var sites []Site
	ast.Inspect(fn, func(n ast.Node) bool {
		e, ok := n.(ast.Expr)
		if !ok {
			return true
		}
		pkg, name, call := callOf(e)
		if call == nil {
			return true
		}
		for _, w := range dirWrites {
			if w.pkg != pkg || w.name != name || w.arg >= len(call.Args) {
				continue
			}
			if src, ok := source(call.Args[w.arg]); ok {
				sites = append(sites, Site{Kind: src.kind, Pos: call.Pos(),
					What: path.Base(pkg) + "." + name + "(" + src.pkg + "." + src.name + "()...)"})
			}
		}
		return true
	})
	return sites
}
