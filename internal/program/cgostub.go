package program

import (
	"go/ast"
	"go/build/constraint"
	"go/token"
	"strconv"
	"strings"
)

// cgoStub recognises the file a package compiles when cgo is off in place
// of its cgo implementation, and that only fails (the mattn/go-sqlite3
// pattern: `//go:build !cgo` (or `// +build !cgo`) and an error "Binary was compiled with
// 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub").
// Since the file is compiled, the build has cgo off. A !cgo file without a
// message about cgo is a working fallback (like net's cgo_stub.go), not a
// stub. The file must have been parsed with comments.
func cgoStub(f *ast.File, fset *token.FileSet) (Site, bool) {
	if !requiresNoCgo(f, fset) {
		return Site{}, false
	}
	var site Site
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if found || !ok || lit.Kind != token.STRING {
			return !found
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil || !mentionsCgo(s) {
			return true
		}
		if len(s) > 160 {
			s = s[:160] + "..."
		}
		site, found = Site{Kind: KindCgoStub, Pos: lit.Pos(), What: strconv.Quote(s)}, true
		return false
	})
	return site, found
}

// requiresNoCgo reports whether the file's build constraint holds only
// when cgo is off. The constraint is read as go/build reads it: a
// //go:build line in the file's header decides; without one, the
// "// +build" lines do (all of them must hold), but only those followed by
// a blank line before the package clause, so that a package comment
// mentioning +build is not taken for one. Older packages, such as
// github.com/mattn/go-sqlite3 up to v1.14.19, mark their stub with
// "// +build !cgo" only.
func requiresNoCgo(f *ast.File, fset *token.FileSet) bool {
	expr := buildConstraint(f, fset)
	if expr == nil {
		return false
	}
	with := func(cgo bool) bool {
		return expr.Eval(func(tag string) bool { return tag != "cgo" || cgo })
	}
	return with(false) && !with(true)
}

// buildConstraint returns the file's build constraint, nil when it has none
// (or an unparsable //go:build line, which the go command rejects).
func buildConstraint(f *ast.File, fset *token.FileSet) constraint.Expr {
	var groups []*ast.CommentGroup
	for _, g := range f.Comments {
		if g.Pos() > f.Package {
			break
		}
		groups = append(groups, g)
	}
	for _, g := range groups {
		for _, c := range g.List {
			if constraint.IsGoBuild(c.Text) {
				expr, err := constraint.Parse(c.Text)
				if err != nil {
					return nil
				}
				return expr
			}
		}
	}
	line := func(p token.Pos) int { return fset.PositionFor(p, false).Line }
	var expr constraint.Expr
	for i, g := range groups {
		// A blank line must follow the group: the next group starts at
		// least two lines below it, or the package clause does. Comment
		// groups are separated by blank lines, so only the last group
		// before the package clause can fail this.
		next := line(f.Package)
		if i+1 < len(groups) {
			next = line(groups[i+1].Pos())
		}
		if next <= line(g.End())+1 {
			continue
		}
		for _, c := range g.List {
			if !constraint.IsPlusBuild(c.Text) {
				continue
			}
			x, err := constraint.Parse(c.Text)
			if err != nil {
				continue // go/build ignores a malformed +build line
			}
			if expr == nil {
				expr = x
			} else {
				expr = &constraint.AndExpr{X: expr, Y: x}
			}
		}
	}
	return expr
}

func mentionsCgo(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "cgo_enabled") || strings.Contains(l, "requires cgo") ||
		strings.Contains(l, "without cgo") || strings.Contains(l, "cgo") && strings.Contains(l, "stub")
}
