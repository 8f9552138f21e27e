package lsp

import (
	"fmt"
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/load"
	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/settings"
	"github.com/scratchvet/scratchvet/lsp/protocol"
)

// diagItem is one published diagnostic with what code actions need.
type diagItem struct {
	file  string
	uri   protocol.DocumentURI
	check string
	key   string // identifies the finding (for merging duplicates)
	diag  protocol.Diagnostic
	fixes []fixItem
	hash  hash // of the text diag.Range refers to
	// relHashes[i] is the hash of the text diag.RelatedInformation[i]
	// refers to (zero: not a text that changes, such as a dependency's).
	relHashes []hash
}

// fixItem is a suggested fix as LSP edits, with the hash of the text of
// every file it edits: a fix is offered only while those texts are
// unchanged.
type fixItem struct {
	title  string
	edits  map[string][]protocol.TextEdit
	uris   map[string]protocol.DocumentURI
	hashes map[string]hash
}

// convert turns the findings of one checked package into diagnostics, by
// file. A finding of a command whose cause lies in the developer's code
// (a package of the view) is also shown at the cause.
func (v *view) convert(e *engine, c *load.Checked, res *driver.Result, ov overlay) map[string][]*diagItem {
	out := map[string][]*diagItem{}
	fset := c.Package.Fset
	for _, f := range res.Findings {
		tf := fset.File(f.Pos)
		if tf == nil {
			continue
		}
		file := tf.Name()
		src, ok := c.Sources[file]
		if !ok {
			continue // not a file the package was parsed from
		}
		m := protocol.NewMapper(src)
		start := tf.Offset(f.Pos)
		end := start
		if f.End.IsValid() && fset.File(f.End) == tf {
			end = tf.Offset(f.End)
		} else {
			end = wordEnd(src, start)
		}
		rng, err := m.Range(start, end)
		if err != nil {
			continue
		}
		it := &diagItem{
			file: file, uri: ov.uri(file), check: f.Check, key: f.Message,
			diag: e.diagnostic(f.Check, f.Message, rng, severity(c.Package.Settings, f.Check)),
			hash: hashOf(src),
		}
		for _, sf := range f.SuggestedFixes {
			if fix, ok := convertFix(fset, c.Sources, ov, sf.Message, sf.TextEdits); ok {
				it.fixes = append(it.fixes, fix)
			}
		}
		out[file] = append(out[file], it)
		v.related(e, fset, f.Related, ov, it)
		if res.Program == nil || c.Name != "main" {
			continue
		}
		for _, cause := range causesAt(fset, f, res.Program) {
			if proj := v.project(e, c, it, cause, ov); proj != nil {
				out[proj.file] = append(out[proj.file], proj)
			}
		}
	}
	return out
}

// severity returns the LSP severity of check's findings under s:
// [severity] in the config file, warning by default.
func severity(s *settings.Settings, check string) protocol.DiagnosticSeverity {
	if s == nil {
		return protocol.SeverityWarning
	}
	switch s.SeverityOf(check) {
	case "error":
		return protocol.SeverityError
	case "info":
		return protocol.SeverityInformation
	}
	return protocol.SeverityWarning
}

func (e *engine) diagnostic(check, msg string, rng protocol.Range, sev protocol.DiagnosticSeverity) protocol.Diagnostic {
	d := protocol.Diagnostic{
		Range:    rng,
		Severity: sev,
		Code:     protocol.DiagnosticCode(check),
		Source:   "scratchvet",
		Message:  msg,
	}
	if c := suite.Lookup(check); c != nil {
		d.CodeDescription = &protocol.CodeDescription{Href: protocol.URI(c.URL())}
	}
	return d
}

// convertFix converts a suggested fix's edits (positions in fset) to LSP
// edits in the files' checked text.
func convertFix(fset *token.FileSet, sources map[string][]byte, ov overlay, title string, edits []analysis.TextEdit) (fixItem, bool) {
	fix := fixItem{title: title, edits: map[string][]protocol.TextEdit{}, uris: map[string]protocol.DocumentURI{}, hashes: map[string]hash{}}
	for _, ed := range edits {
		tf := fset.File(ed.Pos)
		if tf == nil {
			return fixItem{}, false
		}
		file := tf.Name()
		src, ok := sources[file]
		if !ok {
			return fixItem{}, false
		}
		start, end := tf.Offset(ed.Pos), tf.Offset(ed.Pos)
		if ed.End.IsValid() {
			end = tf.Offset(ed.End)
		}
		rng, err := protocol.NewMapper(src).Range(start, end)
		if err != nil {
			return fixItem{}, false
		}
		fix.edits[file] = append(fix.edits[file], protocol.TextEdit{Range: rng, NewText: string(ed.NewText)})
		fix.uris[file] = ov.uri(file)
		fix.hashes[file] = hashOf(src)
	}
	return fix, len(fix.edits) > 0
}

// causesAt returns the causes, in the command's program summary, whose
// sites are in a finding's related information.
func causesAt(fset *token.FileSet, f driver.Finding, prog *program.Result) []program.Cause {
	if prog.Closure == nil {
		return nil
	}
	var out []program.Cause
	for _, r := range f.Related {
		if !r.Pos.IsValid() {
			continue
		}
		p := fset.Position(r.Pos)
		for _, c := range prog.Closure.Causes {
			if c.Pos.Filename == p.Filename && c.Pos.Line == p.Line && c.Pos.Column == p.Column {
				out = append(out, c)
			}
		}
	}
	return out
}

// related adds to it a finding's related information (the cause's site,
// the imports that link it, notes on the build): the checks put it in
// Diagnostic.Related, with positions in files of other packages that they
// added to the file set. A note without a position is shown at the
// finding itself.
func (v *view) related(e *engine, fset *token.FileSet, related []analysis.RelatedInformation, ov overlay, it *diagItem) {
	for _, r := range related {
		loc, h := protocol.Location{URI: it.uri, Range: it.diag.Range}, it.hash
		if r.Pos.IsValid() {
			p := fset.Position(r.Pos)
			var ok bool
			if loc, h, ok = v.place(e, p.Filename, p.Line, p.Column, ov); !ok {
				continue
			}
		}
		it.diag.RelatedInformation = append(it.diag.RelatedInformation, protocol.DiagnosticRelatedInformation{Location: loc, Message: r.Message})
		it.relHashes = append(it.relHashes, h)
	}
}

// project returns the diagnostic of a command's finding at its cause, when
// the cause lies in a package of the view (the developer's code, not a
// dependency's): where the user can act on it.
func (v *view) project(e *engine, c *load.Checked, it *diagItem, cause program.Cause, ov overlay) *diagItem {
	if info, ok := v.snap.Info(cause.Pkg); !ok || !info.Root {
		return nil
	}
	if !cause.Pos.IsValid() {
		return nil
	}
	file := cause.Pos.Filename
	loc, h, ok := v.place(e, file, cause.Pos.Line, cause.Pos.Column, ov)
	if !ok {
		return nil
	}
	d := it.diag
	d.Range = loc.Range
	d.RelatedInformation = []protocol.DiagnosticRelatedInformation{{
		Location: protocol.Location{URI: it.uri, Range: it.diag.Range},
		Message:  fmt.Sprintf("reported for command %s, which links this through %s", c.PkgPath, program.ChainString(c.PkgPath, cause.Chain)),
	}}
	return &diagItem{
		file: file, uri: loc.URI, check: it.check, key: it.check + " " + cause.What,
		diag: d, fixes: it.fixes, hash: h, relHashes: []hash{it.hash},
	}
}

// place converts a position of a summary (line, and column in bytes) to a
// location in the text it refers to: the text the file had when its
// package was last checked, which is the current text unless the package
// no longer parses (then publish moves the location to the current text).
// It returns that text's hash.
func (v *view) place(e *engine, file string, line, col int, ov overlay) (protocol.Location, hash, bool) {
	src, err := ov.read(file)
	if err != nil {
		return protocol.Location{}, hash{}, false
	}
	h := ov.hash(file, src)
	analysed, ok := v.analysed[file]
	if early, isEarly := v.early[file]; isEarly {
		analysed, ok = early, true
	}
	if ok && analysed != h {
		if src, ok = e.text(file, analysed); !ok {
			return protocol.Location{}, hash{}, false // that text is gone
		}
		h = analysed
	}
	m := protocol.NewMapper(src)
	start, err := m.Offset(protocol.Position{Line: uint32(line - 1)})
	if err != nil || start+col-1 > len(src) {
		return protocol.Location{}, hash{}, false
	}
	start += col - 1
	rng, err := m.Range(start, wordEnd(src, start))
	if err != nil {
		return protocol.Location{}, hash{}, false
	}
	return protocol.Location{URI: ov.uri(file), Range: rng}, h, true
}

// wordEnd returns the end of the selector expression or literal starting
// at start ("time.LoadLocation", "\"net\""), at least one character.
func wordEnd(src []byte, start int) int {
	if start >= len(src) {
		return start
	}
	if src[start] == '"' || src[start] == '`' {
		if i := strings.IndexByte(string(src[start+1:min(len(src), start+1+4096)]), src[start]); i >= 0 {
			return start + i + 2
		}
	}
	end := start
	for end < len(src) {
		r, size := utf8.DecodeRune(src[end:])
		if !(r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			break
		}
		end += size
	}
	if end == start {
		_, size := utf8.DecodeRune(src[start:])
		if src[start] == '\n' || src[start] == '\r' {
			size = 0
		}
		end += size
	}
	return end
}
