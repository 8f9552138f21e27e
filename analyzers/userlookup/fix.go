package userlookup

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/report"
)

// currentFix offers the mechanical replacement of user.Current when its
// result is used for one field only: HomeDir → os.UserHomeDir() (same
// error shape); Uid, with the error discarded → strconv.Itoa(os.Getuid()).
// The second result says what the fix does, for the message.
func currentFix(pass *analysis.Pass, site program.Site) ([]analysis.SuggestedFix, string) {
	call, assign := currentCall(pass, site.Pos)
	if call == nil || assign == nil || len(assign.Lhs) != 2 || len(assign.Rhs) != 1 {
		return nil, ""
	}
	userVar, ok := assign.Lhs[0].(*ast.Ident)
	if !ok || userVar.Name == "_" {
		return nil, ""
	}
	obj := pass.TypesInfo.ObjectOf(userVar)
	field, selectors := onlyField(pass, obj)
	file := report.FileOf(pass, site.Pos)
	if file == nil || len(selectors) == 0 {
		return nil, ""
	}
	var edits []analysis.TextEdit
	var message, advice string
	switch field {
	case "HomeDir":
		edits = append(edits, analysis.TextEdit{Pos: call.Pos(), End: call.End(), NewText: []byte("os.UserHomeDir()")})
		message = "Use os.UserHomeDir(), which reads $HOME"
		advice = "only HomeDir is used: os.UserHomeDir() reads $HOME instead"
	case "Uid":
		errVar, ok := assign.Lhs[1].(*ast.Ident)
		if !ok || errVar.Name != "_" {
			return nil, ""
		}
		tok := assign.Tok.String()
		edits = append(edits, analysis.TextEdit{Pos: assign.Pos(), End: assign.End(),
			NewText: []byte(userVar.Name + " " + tok + " strconv.Itoa(os.Getuid())")})
		message = "Use strconv.Itoa(os.Getuid()), which needs no /etc/passwd"
		advice = "only Uid is used: strconv.Itoa(os.Getuid()) needs no /etc/passwd"
	default:
		return nil, ""
	}
	for _, sel := range selectors {
		edits = append(edits, analysis.TextEdit{Pos: sel.Pos(), End: sel.End(), NewText: []byte(userVar.Name)})
	}
	imports, ok := importEdits(pass, file, call, field)
	if !ok {
		return nil, ""
	}
	edits = append(edits, imports...)
	return []analysis.SuggestedFix{{Message: message, TextEdits: edits}}, advice
}

// currentCall finds the user.Current() call at pos and the assignment
// whose only right-hand side it is.
func currentCall(pass *analysis.Pass, pos token.Pos) (*ast.CallExpr, *ast.AssignStmt) {
	file := report.FileOf(pass, pos)
	if file == nil {
		return nil, nil
	}
	var call *ast.CallExpr
	var assign *ast.AssignStmt
	inspector.New([]*ast.File{file}).WithStack([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push || n.Pos() != pos || call != nil {
			return true
		}
		c := n.(*ast.CallExpr)
		sel, ok := c.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Current" || len(c.Args) != 0 {
			return true
		}
		call = c
		if a, ok := stack[len(stack)-2].(*ast.AssignStmt); ok && len(a.Rhs) == 1 && a.Rhs[0] == c {
			assign = a
		}
		return true
	})
	return call, assign
}

// onlyField returns the field of obj's every use, when all its uses are
// selections of one field, and those selections.
func onlyField(pass *analysis.Pass, obj types.Object) (string, []*ast.SelectorExpr) {
	if obj == nil {
		return "", nil
	}
	uses := 0
	for id, o := range pass.TypesInfo.Uses {
		if o == obj && id.Pos().IsValid() {
			uses++
		}
	}
	field := ""
	var sels []*ast.SelectorExpr
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && pass.TypesInfo.Uses[id] == obj {
				if field == "" {
					field = sel.Sel.Name
				}
				if sel.Sel.Name == field {
					sels = append(sels, sel)
				}
			}
			return true
		})
	}
	if len(sels) != uses {
		return "", nil // some use is not a selection of that field
	}
	return field, sels
}

// importEdits adds the imports the replacement needs and removes os/user
// when the replaced call was its only use in the file (an unused import
// would not compile). It returns false when an edit cannot be made safely.
func importEdits(pass *analysis.Pass, file *ast.File, call *ast.CallExpr, field string) ([]analysis.TextEdit, bool) {
	var userSpec *ast.ImportSpec
	if pkgName, _ := pass.TypesInfo.Uses[call.Fun.(*ast.SelectorExpr).X.(*ast.Ident)].(*types.PkgName); pkgName != nil {
		uses := 0
		ast.Inspect(file, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && pass.TypesInfo.Uses[id] == pkgName {
				uses++
			}
			return true
		})
		for _, spec := range file.Imports {
			if p, _ := strconv.Unquote(spec.Path.Value); p == "os/user" && uses == 1 {
				userSpec = spec
			}
		}
	}
	var edits []analysis.TextEdit
	needOS := !imports(file, "os")
	if userSpec != nil && needOS && userSpec.Name == nil && renameKeepsOrder(file, userSpec) {
		// os/user becomes os: one edit, whatever the shape of the import.
		edits = append(edits, analysis.TextEdit{Pos: userSpec.Path.Pos(), End: userSpec.Path.End(), NewText: []byte(`"os"`)})
		userSpec, needOS = nil, false
	}
	add := func(path string) bool {
		edit, ok := report.ImportEdit(pass, file, "", path)
		edits = append(edits, edit)
		return ok
	}
	if needOS && !add("os") {
		return nil, false
	}
	if field == "Uid" && !imports(file, "strconv") && !add("strconv") {
		return nil, false
	}
	if userSpec != nil {
		edit, ok := report.RemoveImport(pass, file, userSpec)
		if !ok {
			return nil, false
		}
		edits = append(edits, edit)
	}
	return edits, true
}

// renameKeepsOrder reports whether the import of os/user, renamed os,
// stays in gofmt's order: no import sorts between "os" and "os/user".
func renameKeepsOrder(file *ast.File, userSpec *ast.ImportSpec) bool {
	for _, spec := range file.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); spec != userSpec && "os" <= p && p <= "os/user" {
			return false
		}
	}
	return true
}

// imports reports whether file imports path under the name the
// replacement uses (the last element of path).
func imports(file *ast.File, path string) bool {
	for _, spec := range file.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); p == path && (spec.Name == nil || spec.Name.Name == path) {
			return true
		}
	}
	return false
}
