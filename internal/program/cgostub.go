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
// pattern: `//go:build !cgo` and an error "Binary was compiled with
// 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub").
// Since the file is compiled, the build has cgo off. A !cgo file without a
// message about cgo is a working fallback (like net's cgo_stub.go), not a
// stub. The file must have been parsed with comments.
func cgoStub(f *ast.File) (Site, bool) {
	if !requiresNoCgo(f) {
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
// when cgo is off.
func requiresNoCgo(f *ast.File) bool {
	for _, group := range f.Comments {
		if group.Pos() > f.Package {
			break
		}
		for _, c := range group.List {
			if !constraint.IsGoBuild(c.Text) {
				continue
			}
			expr, err := constraint.Parse(c.Text)
			if err != nil {
				return false
			}
			with := func(cgo bool) bool {
				return expr.Eval(func(tag string) bool { return tag != "cgo" || cgo })
			}
			return with(false) && !with(true)
		}
	}
	return false
}

func mentionsCgo(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "cgo_enabled") || strings.Contains(l, "requires cgo") ||
		strings.Contains(l, "without cgo") || strings.Contains(l, "cgo") && strings.Contains(l, "stub")
}
