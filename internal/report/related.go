package report

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/program"
)

// Related information of whole-program findings: the cause's site and
// where each package of its import chain imports the next. Causes in
// dependencies lie in files the pass has not parsed; a Locator adds those
// files to pass.Fset (their line tables only, from their text read once)
// so that the positions are token.Pos values like any other.

// maxFileSize bounds the text read to build a file's line table; a larger
// (or unreadable) file gets synthetic lines that still give the right line
// and column.
const maxFileSize = 8 << 20

// maxHops bounds the import links listed for one cause.
const maxHops = 8

// A Locator finds positions outside the package under analysis. It caches
// what it read for the pass it was made for.
type Locator struct {
	pass    *analysis.Pass
	files   map[string]*token.File // by name, added or found in pass.Fset
	imports map[string][]*ast.ImportSpec
	isets   map[string]*token.FileSet
}

// NewLocator returns a Locator for pass.
func NewLocator(pass *analysis.Pass) *Locator {
	return &Locator{pass: pass, files: map[string]*token.File{}, imports: map[string][]*ast.ImportSpec{},
		isets: map[string]*token.FileSet{}}
}

// Pos returns the position in pass.Fset of p, adding p's file when the
// file set does not have it; NoPos when p is not valid.
func (l *Locator) Pos(p token.Position) token.Pos {
	if !p.IsValid() || p.Filename == "" {
		return token.NoPos
	}
	tf := l.file(p.Filename, p.Line, p.Column)
	if tf == nil || p.Line > tf.LineCount() {
		return token.NoPos
	}
	start := tf.LineStart(p.Line)
	off := tf.Offset(start) + p.Column - 1
	if off > tf.Size() {
		off = tf.Size()
	}
	return tf.Pos(off)
}

func (l *Locator) file(name string, line, col int) *token.File {
	if tf, ok := l.files[name]; ok {
		return tf
	}
	// A file of the package is in the file set as parsed. Others are
	// added, even when the file set has a file of that name: the type
	// checker's importer adds files with made-up lines for the positions
	// in export data.
	var found *token.File
	for _, f := range l.pass.Files {
		if tf := l.pass.Fset.File(f.Pos()); tf != nil && tf.Name() == name {
			found = tf
		}
	}
	if found == nil {
		if src, err := l.read(name); err == nil {
			found = l.pass.Fset.AddFile(name, -1, len(src))
			found.SetLinesForContent(src)
		} else {
			// Unreadable: lines of one byte, so that line and column
			// (within the line) still come out right.
			lines := make([]int, line)
			for i := range lines {
				lines[i] = i
			}
			found = l.pass.Fset.AddFile(name, -1, line+col)
			found.SetLines(lines)
		}
	}
	l.files[name] = found
	return found
}

// read returns a file's text as the checks see it (an editor's unsaved
// text through Pass.ReadFile), bounded by maxFileSize.
func (l *Locator) read(name string) ([]byte, error) {
	if l.pass.ReadFile != nil {
		if src, err := l.pass.ReadFile(name); err == nil {
			if len(src) > maxFileSize {
				return nil, fmt.Errorf("%s: larger than %d bytes", name, maxFileSize)
			}
			return src, nil
		}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err == nil && len(src) > maxFileSize {
		err = fmt.Errorf("%s: larger than %d bytes", name, maxFileSize)
	}
	return src, err
}

// importSpecs returns the import declarations of a file, parsed once.
func (l *Locator) importSpecs(name string) ([]*ast.ImportSpec, *token.FileSet) {
	if specs, ok := l.imports[name]; ok {
		return specs, l.isets[name]
	}
	fset := token.NewFileSet()
	var specs []*ast.ImportSpec
	if src, err := l.read(name); err == nil {
		if f, err := parser.ParseFile(fset, name, src, parser.ImportsOnly); err == nil {
			specs = f.Imports
		}
	}
	l.imports[name], l.isets[name] = specs, fset
	return specs, fset
}

// importPos returns where package importer imports path (a resolved
// import path, vendored or not); NoPos when it cannot tell.
func (l *Locator) importPos(res *program.Result, importer, path string) token.Pos {
	c := res.ClosureOf(importer)
	if c == nil {
		return token.NoPos
	}
	for _, name := range c.Files {
		specs, fset := l.importSpecs(name)
		for _, spec := range specs {
			p, err := strconv.Unquote(spec.Path.Value)
			if err == nil && (p == path || strings.HasSuffix(path, "vendor/"+p)) {
				return l.Pos(fset.Position(spec.Pos()))
			}
		}
	}
	return token.NoPos
}

// sitePos returns the position of a cause's site: the call, or for a
// package's own cgo its import "C".
func (l *Locator) sitePos(res *program.Result, c program.Cause) (token.Pos, string) {
	if c.Pos.IsValid() {
		return l.Pos(c.Pos), fmt.Sprintf("%s in %s", c.What, c.Pkg)
	}
	if c.Kind == program.KindCgo {
		if pos := l.importPos(res, c.Pkg, "C"); pos.IsValid() {
			return pos, fmt.Sprintf("import \"C\" in %s", c.Pkg)
		}
	}
	return token.NoPos, ""
}

// Site returns the related information of a cause's site alone, if it has
// one.
func (l *Locator) Site(res *program.Result, c program.Cause) []analysis.RelatedInformation {
	if pos, msg := l.sitePos(res, c); pos.IsValid() {
		return []analysis.RelatedInformation{{Pos: pos, Message: msg}}
	}
	return nil
}

// Cause returns the related information of a cause linked into the
// package under analysis: its site, then where each package of its import
// chain imports the next, from the package's own import (left out when it
// is at, the finding's position). A cause without a site (the cgo of net)
// is named on the last link.
func (l *Locator) Cause(res *program.Result, c program.Cause, at token.Pos) []analysis.RelatedInformation {
	out := l.Site(res, c)
	if len(c.Chain) == 0 {
		return out
	}
	importer := l.pass.Pkg.Path()
	for i, imported := range c.Chain {
		if i == maxHops {
			break
		}
		var pos token.Pos
		if i == 0 {
			for _, e := range res.Imports {
				if e.Path == imported {
					pos = e.Spec.Pos()
					break
				}
			}
		} else {
			pos = l.importPos(res, importer, imported)
		}
		msg := fmt.Sprintf("%s imports %s", importer, imported)
		if i == len(c.Chain)-1 && len(out) == 0 {
			msg += ": " + c.What
		}
		importer = imported
		if !pos.IsValid() || pos == at && i == 0 {
			continue
		}
		out = append(out, analysis.RelatedInformation{Pos: pos, Message: msg})
	}
	return out
}
