package report

import (
	"bytes"
	"go/ast"
	"go/token"
	"os"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/textpos"
)

// The edits of the quick fixes that several checks share: adding and
// removing imports, deleting an element of a list. Every edit is computed
// from the text of the file as it was parsed and from positions in that
// text (internal/textpos), never from the lines //line directives claim,
// and leaves a gofmt-formatted file gofmt-formatted. An edit that cannot
// be made safely is not offered (ok is false).

// Source returns the text the file holding pos was parsed from, or false
// when it cannot be read or is not that text (its size differs).
func Source(pass *analysis.Pass, pos token.Pos) (*token.File, []byte, bool) {
	tf := pass.Fset.File(pos)
	if tf == nil {
		return nil, nil, false
	}
	read := pass.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	src, err := read(tf.Name())
	if err != nil || len(src) != tf.Size() {
		return nil, nil, false
	}
	return tf, src, true
}

// AddBlankImport returns the fix that adds import _ "path" to file.
func AddBlankImport(pass *analysis.Pass, file *ast.File, path, message string) []analysis.SuggestedFix {
	return AddImport(pass, file, "_", path, message)
}

// AddImport returns the fix that adds `import name "path"` to file (name
// may be empty), or nil when the file already imports path under any name
// or the import cannot be added safely.
func AddImport(pass *analysis.Pass, file *ast.File, name, path, message string) []analysis.SuggestedFix {
	if file == nil {
		return nil
	}
	for _, spec := range file.Imports {
		if importPath(spec) == path {
			return nil
		}
	}
	edit, ok := ImportEdit(pass, file, name, path)
	if !ok {
		return nil
	}
	return []analysis.SuggestedFix{{Message: message, TextEdits: []analysis.TextEdit{edit}}}
}

// ImportEdit returns the edit that adds `import name "path"` to file, where
// gofmt and goimports would keep it: in sorted order in the first group of
// the first parenthesised import declaration that holds paths of its kind
// (standard library, or not), or as a new group (standard library first).
// Without a parenthesised declaration it adds a declaration after the last
// one. It returns false when file already has that import (same name and
// path) or its text is unavailable.
func ImportEdit(pass *analysis.Pass, file *ast.File, name, path string) (analysis.TextEdit, bool) {
	if file == nil {
		return analysis.TextEdit{}, false
	}
	for _, spec := range file.Imports {
		if importPath(spec) == path && importName(spec) == name {
			return analysis.TextEdit{}, false
		}
	}
	tf, src, ok := Source(pass, file.Package)
	if !ok {
		return analysis.TextEdit{}, false
	}
	e := editor{tf: tf, src: src}
	line := strconv.Quote(path)
	if name != "" {
		line = name + " " + line
	}
	var decls []*ast.GenDecl
	for _, d := range file.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			decls = append(decls, gd)
		}
	}
	for _, gd := range decls {
		if gd.Lparen.IsValid() && !importsC(gd) {
			return e.insertInBlock(gd, name, path, line), true
		}
	}
	if len(decls) > 0 {
		last := decls[len(decls)-1]
		if e.endsLine(last.End()) {
			return e.insertLine(textpos.NextLineStart(tf, last.End()), "import "+line), true
		}
		return e.insert(last.End(), "; import "+line), true
	}
	// No import yet: a declaration after the package clause, set off by
	// blank lines.
	if !e.endsLine(file.Name.End()) {
		return e.insert(file.Name.End(), "; import "+line), true
	}
	at := textpos.NextLineStart(tf, file.Name.End())
	text := "\nimport " + line + "\n"
	if l := textpos.Line(tf, at); at != textpos.End(tf) && !e.blankLine(l) {
		text += "\n"
	}
	return e.insertLine(at, text[:len(text)-1]), true
}

// insertInBlock adds an import spec to a parenthesised declaration.
func (e editor) insertInBlock(gd *ast.GenDecl, name, path, line string) analysis.TextEdit {
	specs := make([]*ast.ImportSpec, len(gd.Specs))
	for i, s := range gd.Specs {
		specs[i] = s.(*ast.ImportSpec)
	}
	if len(specs) == 0 { // import ()
		if e.startsLine(gd.Rparen) && !textpos.SameLine(e.tf, gd.Lparen, gd.Rparen) {
			return e.insertLine(textpos.LineStart(e.tf, gd.Rparen), "\t"+line)
		}
		return e.insert(gd.Rparen, "\n\t"+line+"\n")
	}
	// Runs of specs as gofmt sorts them: a line without a spec between two
	// specs (blank, or a comment) ends a run.
	var runs [][]*ast.ImportSpec
	for i, s := range specs {
		if i == 0 || textpos.Line(e.tf, s.Pos()) > 1+textpos.Line(e.tf, specs[i-1].End()) {
			runs = append(runs, nil)
		}
		runs[len(runs)-1] = append(runs[len(runs)-1], s)
	}
	std := isStd(path)
	var run []*ast.ImportSpec
	for _, r := range runs {
		for _, s := range r {
			if isStd(importPath(s)) == std {
				run = r
				break
			}
		}
		if run != nil {
			break
		}
	}
	if run == nil {
		// A new group: the standard library's first, any other last.
		if std {
			first := specs[0]
			at := first.Pos()
			if first.Doc != nil {
				at = first.Doc.Pos()
			}
			if e.startsLine(at) {
				return e.insertLine(textpos.LineStart(e.tf, at), e.indent(at)+line+"\n")
			}
			return e.insert(first.Pos(), line+"; ")
		}
		last := specs[len(specs)-1]
		if e.endsLine(last.End()) {
			return e.insertLine(textpos.NextLineStart(e.tf, last.End()), "\n"+e.indent(last.Pos())+line)
		}
		return e.insert(last.End(), "; "+line)
	}
	for i, s := range run {
		if !importLess(path, name, s) {
			continue
		}
		at := s.Pos()
		if i == 0 && s.Doc != nil {
			at = s.Doc.Pos()
		}
		if e.startsLine(at) {
			return e.insertLine(textpos.LineStart(e.tf, at), e.indent(at)+line)
		}
		return e.insert(s.Pos(), line+"; ")
	}
	last := run[len(run)-1]
	if e.endsLine(last.End()) {
		return e.insertLine(textpos.NextLineStart(e.tf, last.End()), e.indent(last.Pos())+line)
	}
	return e.insert(last.End(), "; "+line)
}

// RemoveImport returns the edit that deletes an import spec: its lines
// when it has lines of its own, the whole declaration when it is the only
// spec there, or the spec and its separator when it shares a line.
func RemoveImport(pass *analysis.Pass, file *ast.File, spec *ast.ImportSpec) (analysis.TextEdit, bool) {
	tf, src, ok := Source(pass, spec.Pos())
	if !ok {
		return analysis.TextEdit{}, false
	}
	e := editor{tf: tf, src: src}
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		for i, s := range gd.Specs {
			if s != spec {
				continue
			}
			if len(gd.Specs) == 1 {
				start := gd.Pos()
				if gd.Doc != nil && !hasDirective(gd.Doc) {
					start = gd.Doc.Pos()
				}
				return e.deleteLines(start, gd.End(), ';')
			}
			start := spec.Pos()
			if spec.Doc != nil && !hasDirective(spec.Doc) {
				start = spec.Doc.Pos()
			}
			prev, next := gd.Lparen+1, gd.Rparen
			if i > 0 {
				prev = gd.Specs[i-1].End()
			}
			if i+1 < len(gd.Specs) {
				next = gd.Specs[i+1].Pos()
			}
			return e.deleteElement(prev, start, spec.End(), next, ';')
		}
	}
	return analysis.TextEdit{}, false
}

// DeleteElement returns the edit that deletes one element of a list
// (composite literal elements separated by ',', statements by ';'): its
// lines when nothing else is on them, else the element and one separator.
// prev is the end of the element before it (or just after the opening
// brace), next the start of the one after it (or the closing brace).
func DeleteElement(pass *analysis.Pass, prev, start, end, next token.Pos, sep byte) (analysis.TextEdit, bool) {
	tf, src, ok := Source(pass, start)
	if !ok {
		return analysis.TextEdit{}, false
	}
	return editor{tf: tf, src: src}.deleteElement(prev, start, end, next, sep)
}

// editor computes edits in one file from its text.
type editor struct {
	tf  *token.File
	src []byte
}

func (e editor) off(pos token.Pos) int { return e.tf.Offset(pos) }

// line returns the text of line l (1-based) without its line ending.
func (e editor) line(l int) []byte {
	start := e.off(e.tf.LineStart(l))
	end := len(e.src)
	if l < e.tf.LineCount() {
		end = e.off(e.tf.LineStart(l + 1))
	}
	return bytes.TrimRight(e.src[start:end], "\r\n")
}

func (e editor) blankLine(l int) bool {
	return len(bytes.TrimSpace(e.line(l))) == 0
}

// startsLine reports whether only blanks precede pos on its line.
func (e editor) startsLine(pos token.Pos) bool {
	start := e.off(textpos.LineStart(e.tf, pos))
	return len(bytes.TrimSpace(e.src[start:e.off(pos)])) == 0
}

// endsLine reports whether only blanks, a line comment, or an optional
// separator before them follow pos on its line.
func (e editor) endsLine(pos token.Pos) bool {
	return e.restOfLineEmpty(e.off(pos), 0)
}

func (e editor) restOfLineEmpty(off int, sep byte) bool {
	rest := e.src[off:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	rest = bytes.TrimLeft(rest, " \t")
	if sep != 0 && len(rest) > 0 && rest[0] == sep {
		rest = bytes.TrimLeft(rest[1:], " \t")
	}
	rest = bytes.TrimRight(rest, " \t\r")
	return len(rest) == 0 || bytes.HasPrefix(rest, []byte("//"))
}

// indent returns the blanks that start pos's line.
func (e editor) indent(pos token.Pos) string {
	start := e.off(textpos.LineStart(e.tf, pos))
	line := e.src[start:e.off(pos)]
	return string(line[:len(line)-len(bytes.TrimLeft(line, " \t"))])
}

func (e editor) insert(pos token.Pos, text string) analysis.TextEdit {
	return analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text)}
}

// insertLine inserts text as whole lines at the start of a line (or at the
// end of a file that lacks a final newline).
func (e editor) insertLine(at token.Pos, text string) analysis.TextEdit {
	text += "\n"
	if at == textpos.End(e.tf) && len(e.src) > 0 && e.src[len(e.src)-1] != '\n' {
		text = "\n" + strings.TrimSuffix(text, "\n")
	}
	return e.insert(at, text)
}

// deleteElement deletes [start, end), a list element between prev and
// next: its whole lines when it has them to itself (its separator and a
// line comment included), else the element and the separator after it
// (or before it, for the last element).
func (e editor) deleteElement(prev, start, end, next token.Pos, sep byte) (analysis.TextEdit, bool) {
	tf := e.tf
	if textpos.Line(tf, prev) < textpos.Line(tf, start) && e.startsLine(start) &&
		textpos.Line(tf, next) > textpos.Line(tf, end) && e.restOfLineEmpty(e.off(end), sep) {
		return e.deleteLines(start, end, sep)
	}
	between := func(a, b token.Pos) bool { // only blanks and one separator
		t := bytes.TrimSpace(e.src[e.off(a):e.off(b)])
		return len(t) == 0 || len(t) == 1 && t[0] == sep
	}
	switch {
	case textpos.SameLine(tf, end, next) && between(end, next) && e.off(next) > e.off(end) &&
		bytes.IndexByte(e.src[e.off(end):e.off(next)], sep) >= 0:
		return analysis.TextEdit{Pos: start, End: next}, true // "elt, "
	case textpos.SameLine(tf, prev, start) && between(prev, start) &&
		bytes.IndexByte(e.src[e.off(prev):e.off(start)], sep) >= 0:
		return analysis.TextEdit{Pos: prev, End: end}, true // ", elt"
	case textpos.SameLine(tf, prev, next) && between(prev, start) && between(end, next):
		return analysis.TextEdit{Pos: prev, End: next}, true // the only element: "{ elt }"
	}
	return analysis.TextEdit{}, false
}

// deleteLines deletes the lines from start's to end's, and a blank line
// next to them when gofmt would otherwise remove it: two blank lines
// meeting, or a blank line left after an opening or before a closing
// bracket. It refuses when code other than a separator sep or a line
// comment shares those lines.
func (e editor) deleteLines(start, end token.Pos, sep byte) (analysis.TextEdit, bool) {
	tf := e.tf
	if !e.startsLine(start) || !e.restOfLineEmpty(e.off(end), sep) {
		return analysis.TextEdit{}, false
	}
	first, last := textpos.Line(tf, start), textpos.Line(tf, end)
	n := tf.LineCount()
	trimmed := func(l int) []byte { return bytes.TrimSpace(e.line(l)) }
	prevBlank := first > 1 && e.blankLine(first-1)
	nextBlank := last == n || e.blankLine(last+1)
	prevOpens := first == 1 || bytes.HasSuffix(trimmed(first-1), []byte("(")) || bytes.HasSuffix(trimmed(first-1), []byte("{"))
	nextCloses := last < n && (bytes.HasPrefix(trimmed(last+1), []byte(")")) || bytes.HasPrefix(trimmed(last+1), []byte("}")))
	switch {
	case prevBlank && (nextBlank || nextCloses):
		first--
	case nextBlank && last < n && prevOpens:
		last++
	}
	from := tf.LineStart(first)
	to := textpos.End(tf)
	if last < n {
		to = tf.LineStart(last + 1)
	}
	return analysis.TextEdit{Pos: from, End: to}, true
}

// hasDirective reports whether a comment group holds a directive
// (//line, //go:...), which an edit keeps even when it deletes the
// declaration the group documents.
func hasDirective(g *ast.CommentGroup) bool {
	for _, c := range g.List {
		if strings.HasPrefix(c.Text, "//line ") || strings.HasPrefix(c.Text, "/*line ") || strings.HasPrefix(c.Text, "//go:") {
			return true
		}
	}
	return false
}

func importPath(spec *ast.ImportSpec) string {
	p, _ := strconv.Unquote(spec.Path.Value)
	return p
}

func importName(spec *ast.ImportSpec) string {
	if spec.Name == nil {
		return ""
	}
	return spec.Name.Name
}

// importLess orders specs as gofmt sorts them: by path, then by name.
func importLess(path, name string, s *ast.ImportSpec) bool {
	if p := importPath(s); path != p {
		return path < p
	}
	return name < importName(s)
}

// isStd reports whether path is a standard library package, as goimports
// groups them: no dot in its first element.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func importsC(gd *ast.GenDecl) bool {
	for _, s := range gd.Specs {
		if importPath(s.(*ast.ImportSpec)) == "C" {
			return true
		}
	}
	return false
}

// fixSources checks the suggested fixes of a check's findings before they
// are reported, in every driver (Suppress wraps each check's Report):
// every edit must lie in one source file of the package, in order, inside
// the file; a fix with an edit in a file cmd/cgo generated is dropped (its
// text is not the user's); and new text takes the line endings of the file
// it goes into, so a CRLF file stays CRLF. Sources are read once per file.
type fixSources struct {
	pass  *analysis.Pass
	files map[*token.File]fixFile
}

type fixFile struct {
	ok   bool // a source file of the package, not generated by cgo
	crlf bool
}

func (fs *fixSources) file(tf *token.File) fixFile {
	if ff, ok := fs.files[tf]; ok {
		return ff
	}
	if fs.files == nil {
		fs.files = map[*token.File]fixFile{}
	}
	var ff fixFile
	for _, f := range fs.pass.Files {
		if fs.pass.Fset.File(f.FileStart) == tf && !generatedByCgo(f) {
			if _, src, ok := Source(fs.pass, f.FileStart); ok {
				ff = fixFile{ok: true, crlf: usesCRLF(src)}
			}
			break
		}
	}
	fs.files[tf] = ff
	return ff
}

func (fs *fixSources) checkFixes(diag analysis.Diagnostic) analysis.Diagnostic {
	if len(diag.SuggestedFixes) == 0 {
		return diag
	}
	var kept []analysis.SuggestedFix
	for _, fix := range diag.SuggestedFixes {
		if fix, ok := fs.checkFix(fix); ok {
			kept = append(kept, fix)
		}
	}
	diag.SuggestedFixes = kept
	return diag
}

func (fs *fixSources) checkFix(fix analysis.SuggestedFix) (analysis.SuggestedFix, bool) {
	edits := make([]analysis.TextEdit, 0, len(fix.TextEdits))
	for _, edit := range fix.TextEdits {
		end := edit.End
		if !end.IsValid() {
			end = edit.Pos
		}
		tf := fs.pass.Fset.File(edit.Pos)
		if tf == nil || fs.pass.Fset.File(end) != tf || end < edit.Pos {
			return fix, false
		}
		ff := fs.file(tf)
		if !ff.ok {
			return fix, false
		}
		if ff.crlf {
			edit.NewText = toCRLF(edit.NewText)
		}
		edits = append(edits, edit)
	}
	fix.TextEdits = edits
	return fix, len(edits) > 0
}

// generatedByCgo reports whether f is cmd/cgo's output (x.cgo1.go,
// _cgo_gotypes.go), which go vet and go list -compiled pass instead of the
// user's file: its //line directives name the user's file, its text is not
// the user's.
func generatedByCgo(f *ast.File) bool {
	return len(f.Comments) > 0 && len(f.Comments[0].List) > 0 &&
		strings.HasPrefix(f.Comments[0].List[0].Text, "// Code generated by cmd/cgo; DO NOT EDIT.")
}

// LineEnding returns the line terminator of file's text, "\r\n" or "\n".
// A check need not use it for its fixes: every fix it reports takes the
// line endings of its file (fixSources).
func LineEnding(pass *analysis.Pass, file *ast.File) string {
	if _, src, ok := Source(pass, file.FileStart); ok && usesCRLF(src) {
		return "\r\n"
	}
	return "\n"
}

// usesCRLF reports whether the file's first line ends in "\r\n".
func usesCRLF(src []byte) bool {
	i := bytes.IndexByte(src, '\n')
	return i > 0 && src[i-1] == '\r'
}

// toCRLF turns the bare "\n" line endings of text into "\r\n".
func toCRLF(text []byte) []byte {
	if bytes.IndexByte(text, '\n') < 0 {
		return text
	}
	var out []byte
	for i, c := range text {
		if c == '\n' && (i == 0 || text[i-1] != '\r') {
			out = append(out, '\r')
		}
		out = append(out, c)
	}
	return out
}
