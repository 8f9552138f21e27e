// Package report holds what the checks share when they report: where a
// whole-program finding goes in package main, how its message names the
// cause, and the edits of the quick fixes.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/program"
)

// DocURL is the base of the check pages (codeDescription.href, SARIF helpUri).
const DocURL = "https://github.com/scratchvet/scratchvet/blob/main/docs/checks/"

// Found is a cause located in package main: either a site in main itself
// or the first import of main, in source order, that leads to it.
type Found struct {
	Pos   token.Pos
	File  *ast.File // the file of Pos
	Cause program.Cause
	Edge  *program.Edge // nil for a site in main itself
}

// Locate finds where, in package main, to report cause. Causes in main are
// reported at their site; causes in dependencies at the first import that
// leads to them, so that one cause gives one diagnostic per binary.
func Locate(pass *analysis.Pass, res *program.Result, cause program.Cause, site token.Pos) (Found, bool) {
	if len(cause.Chain) == 0 {
		if site.IsValid() {
			return Found{Pos: site, File: fileOf(pass, site), Cause: cause}, true
		}
		return Found{}, false
	}
	for i := range res.Imports {
		e := &res.Imports[i]
		if e.Path != cause.Chain[0] || e.Closure == nil {
			continue
		}
		return Found{Pos: e.Spec.Pos(), File: fileOf(pass, e.Spec.Pos()), Cause: cause, Edge: e}, true
	}
	return Found{}, false
}

// LocalSite returns the site in main that a cause without a chain came
// from (causes carry positions as strings; sites carry token.Pos).
func LocalSite(pass *analysis.Pass, res *program.Result, cause program.Cause) token.Pos {
	for _, s := range res.Local.Sites {
		if s.Kind == cause.Kind && pass.Fset.Position(s.Pos).String() == cause.Pos {
			return s.Pos
		}
	}
	return token.NoPos
}

// FirstDependencyCause returns the first cause of kind k that lies in a
// dependency, in the order of main's imports, and how many such causes the
// summary holds.
func FirstDependencyCause(res *program.Result, k program.Kind) (program.Cause, int, bool) {
	var deps []program.Cause
	for _, c := range res.Closure.CausesOf(k) {
		if len(c.Chain) > 0 {
			deps = append(deps, c)
		}
	}
	for _, e := range res.Imports {
		for _, c := range deps {
			if c.Chain[0] == e.Path {
				return c, len(deps), true
			}
		}
	}
	return program.Cause{}, 0, false
}

// Via describes how main reaches a cause: "main → a → b".
func Via(pass *analysis.Pass, c program.Cause) string {
	if len(c.Chain) == 0 {
		return ""
	}
	return program.ChainString(pass.Pkg.Path(), c.Chain)
}

// Where names a cause's site for a message: "pkg at file.go:12".
func Where(c program.Cause) string {
	if c.Pos == "" {
		return c.Pkg
	}
	return fmt.Sprintf("%s at %s", c.Pkg, shortPos(c.Pos))
}

// shortPos keeps the last two path elements of a file:line:col position,
// enough to find the file in a module cache without a long absolute path.
func shortPos(pos string) string {
	dir, file := filepath.Split(pos)
	return filepath.Join(filepath.Base(dir), file)
}

func fileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// MainFile returns the first non-test file of the package, where package
// level findings are reported.
func MainFile(pass *analysis.Pass) *ast.File {
	for _, f := range pass.Files {
		if !program.IsTestFile(pass.Fset.File(f.Pos()).Name()) {
			return f
		}
	}
	return nil
}

// AddBlankImport returns the fix that adds import _ "path" to file.
func AddBlankImport(pass *analysis.Pass, file *ast.File, path, message string) []analysis.SuggestedFix {
	if file == nil {
		return nil
	}
	for _, spec := range file.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); p == path {
			return nil
		}
	}
	line := "_ " + strconv.Quote(path)
	var edit analysis.TextEdit
	var lastDecl *ast.GenDecl
	for _, d := range file.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			lastDecl = gd
		}
	}
	switch {
	case lastDecl != nil && lastDecl.Rparen.IsValid():
		// Inside the parenthesised block, before its closing parenthesis.
		tf := pass.Fset.File(lastDecl.Rparen)
		start := tf.LineStart(tf.Line(lastDecl.Rparen))
		edit = analysis.TextEdit{Pos: start, End: start, NewText: []byte("\t" + line + "\n")}
	case lastDecl != nil:
		edit = analysis.TextEdit{Pos: lastDecl.End(), End: lastDecl.End(), NewText: []byte("\n\nimport " + line)}
	default:
		edit = analysis.TextEdit{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport " + line)}
	}
	return []analysis.SuggestedFix{{Message: message, TextEdits: []analysis.TextEdit{edit}}}
}

// TargetName quotes a target's name for messages.
func TargetName(name string) string {
	if strings.Contains(name, ",") {
		return strconv.Quote(name)
	}
	return name
}

// FileOf returns the file of pass that contains pos.
func FileOf(pass *analysis.Pass, pos token.Pos) *ast.File { return fileOf(pass, pos) }

// More renders ", and N more" for a count of causes beyond the first.
func More(n int) string {
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf(" (and %d more)", n-1)
}

// Inferred renders the note that the build configuration was inferred.
func Inferred(res *program.Result) string {
	if res.Build.Inferred == "" {
		return ""
	}
	return " [build configuration inferred: " + res.Build.Inferred + "]"
}
