package report

import (
	"bytes"
	"go/ast"
	"go/token"
	"strconv"

	"golang.org/x/tools/go/analysis"
)

// The edits of the quick fixes that several checks share (imports).

// AddBlankImport returns the fix that adds import _ "path" to file.
func AddBlankImport(pass *analysis.Pass, file *ast.File, path, message string) []analysis.SuggestedFix {
	return AddImport(pass, file, "_", path, message)
}

// AddImport returns the fix that adds `import name "path"` to file (name
// may be empty), or nil when the file already imports path.
func AddImport(pass *analysis.Pass, file *ast.File, name, path, message string) []analysis.SuggestedFix {
	if file == nil {
		return nil
	}
	for _, spec := range file.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); p == path {
			return nil
		}
	}
	line := strconv.Quote(path)
	if name != "" {
		line = name + " " + line
	}
	nl := LineEnding(pass, file)
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
		edit = analysis.TextEdit{Pos: start, End: start, NewText: []byte("\t" + line + nl)}
	case lastDecl != nil:
		edit = analysis.TextEdit{Pos: lastDecl.End(), End: lastDecl.End(), NewText: []byte(nl + nl + "import " + line)}
	default:
		edit = analysis.TextEdit{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte(nl + nl + "import " + line)}
	}
	return []analysis.SuggestedFix{{Message: message, TextEdits: []analysis.TextEdit{edit}}}
}

// LineEnding returns the line terminator of file's text, "\r\n" or "\n":
// a fix that inserts lines keeps a CRLF file CRLF.
func LineEnding(pass *analysis.Pass, file *ast.File) string {
	src := readSource(pass, file)
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// RemoveImport returns the edit that deletes an import spec: its line in a
// parenthesised block, or the whole declaration when it is alone there.
func RemoveImport(pass *analysis.Pass, file *ast.File, spec *ast.ImportSpec) analysis.TextEdit {
	tf := pass.Fset.File(spec.Pos())
	wholeLines := func(from, to token.Pos) analysis.TextEdit {
		start := tf.LineStart(tf.Line(from))
		end := token.Pos(tf.Base() + tf.Size())
		if l := tf.Line(to); l < tf.LineCount() {
			end = tf.LineStart(l + 1)
		}
		return analysis.TextEdit{Pos: start, End: end}
	}
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		for _, s := range gd.Specs {
			if s == spec && len(gd.Specs) == 1 {
				return wholeLines(gd.Pos(), gd.End())
			}
		}
	}
	return wholeLines(spec.Pos(), spec.End())
}
