// Package fixes applies suggested fixes to files, for the standalone
// checker's -fix/-diff and the vet tool's -fix/-diff.
//
// Applying fixes never loses or corrupts a file:
//   - edits are byte offsets in the text of the file as stored (a //line
//     directive never moves them), and a fix whose edits overlap another
//     fix's, or each other, is left out whole;
//   - a file is changed only if its content is still the one analysed
//     (its SHA-256);
//   - the result must parse when the original did, and a gofmt-formatted
//     file stays gofmt-formatted (the result is formatted with go/format,
//     so that an import added or a line removed never leaves misaligned
//     columns); a file that was not formatted is not reformatted;
//   - the files are written all or nothing (WriteFiles).
//
// Any error leaves every file untouched.
package fixes

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"io"
	"os"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/diff"
)

// Item is a diagnostic whose first suggested fix is to be applied.
type Item struct {
	Fset       *token.FileSet
	Diagnostic analysis.Diagnostic
}

// Sum is the SHA-256 of a file's content.
type Sum = [sha256.Size]byte

// SumOf returns the SHA-256 of content.
func SumOf(content []byte) Sum { return sha256.Sum256(content) }

// Offsets converts an edit's positions to byte offsets in the text of the
// file as stored, whatever its //line directives say. Only Go source
// files are edited: files cmd/cgo generated into the build cache (go list
// -compiled names them without .go) are refused.
func Offsets(fset *token.FileSet, pos, end token.Pos) (file string, start, stop int, ok bool) {
	tf := fset.File(pos)
	if tf == nil {
		return "", 0, 0, false
	}
	if !end.IsValid() {
		end = pos
	}
	if fset.File(end) != tf || end < pos || !strings.HasSuffix(tf.Name(), ".go") {
		return "", 0, 0, false
	}
	return tf.Name(), tf.Offset(pos), tf.Offset(end), true
}

type edit struct {
	start, end int
	text       string
}

// Change is a file's new content, and the content it replaces.
type Change struct {
	Name     string
	Old, New []byte
}

// Options says how Apply checks and stores its results.
type Options struct {
	// Analysed returns the SHA-256 of the content a file was analysed
	// from. A file whose content on disk differs is not fixed (an error),
	// and neither is one whose sum is unknown.
	Analysed func(file string) (Sum, bool)
	// Diff, when set, receives a unified diff of each change; nothing is
	// written.
	Diff io.Writer
	// Write stores the changes (WriteFiles, or the vet fix archive). It
	// must store all of them or none.
	Write func([]Change) error
}

// Result says what Apply did.
type Result struct {
	Unfixed []int    // indices of the items left unfixed
	Fixed   int      // items fixed (0 on any error)
	Files   []string // files changed (or diffed)
	Errors  []string // non-empty: no file was changed
}

// Apply applies the first fix of each item. Identical edits from several
// items apply once, and insertions at one offset all apply, in the order
// of the items; a fix that overlaps one already taken is skipped and its
// item stays unfixed.
func Apply(items []Item, opts Options) Result {
	type fileEdits struct {
		edits []edit
		items []int
	}
	var res Result
	files := map[string]*fileEdits{}
	for i, it := range items {
		fixes := it.Diagnostic.SuggestedFixes
		if len(fixes) == 0 || len(fixes[0].TextEdits) == 0 {
			res.Unfixed = append(res.Unfixed, i)
			continue
		}
		var edits []edit
		file, ok := "", true
		for _, te := range fixes[0].TextEdits {
			name, start, end, valid := Offsets(it.Fset, te.Pos, te.End)
			if !valid || (file != "" && name != file) {
				ok = false
				break
			}
			file = name
			edits = append(edits, edit{start, end, string(te.NewText)})
		}
		if ok && !selfConsistent(edits) {
			ok = false
		}
		fe := files[file]
		if ok && fe == nil {
			fe = &fileEdits{}
			files[file] = fe
		}
		if !ok || conflicts(fe.edits, edits) {
			res.Unfixed = append(res.Unfixed, i)
			continue
		}
		fe.edits = append(fe.edits, edits...)
		fe.items = append(fe.items, i)
	}
	var names []string
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var changes []Change
	fixed := 0
	for _, name := range names {
		fe := files[name]
		src, err := os.ReadFile(name)
		if err != nil {
			res.Errors = append(res.Errors, fmt.Sprintf("%v; no file was fixed", err))
			continue
		}
		sum, known := Sum{}, false
		if opts.Analysed != nil {
			sum, known = opts.Analysed(name)
		}
		if !known || SumOf(src) != sum {
			res.Errors = append(res.Errors, fmt.Sprintf("%s changed since it was analysed; no file was fixed (run again)", name))
			continue
		}
		out, err := fixedContent(name, src, fe.edits)
		if err != nil {
			res.Errors = append(res.Errors, err.Error())
			continue
		}
		fixed += len(fe.items)
		if !bytes.Equal(out, src) {
			changes = append(changes, Change{Name: name, Old: src, New: out})
		}
	}
	if len(res.Errors) > 0 {
		return res
	}
	for _, c := range changes {
		res.Files = append(res.Files, c.Name)
		if opts.Diff != nil {
			fmt.Fprint(opts.Diff, diff.Unified(c.Name, c.Name+" (fixed)", string(c.Old), string(c.New)))
		}
	}
	if opts.Diff == nil && len(changes) > 0 {
		if err := opts.Write(changes); err != nil {
			res.Files = nil
			res.Errors = append(res.Errors, err.Error())
			return res
		}
	}
	res.Fixed = fixed
	return res
}

// fixedContent applies edits to src. The result must parse if src did; it
// is formatted if src was.
func fixedContent(name string, src []byte, edits []edit) ([]byte, error) {
	for _, e := range edits {
		if e.end > len(src) {
			return nil, fmt.Errorf("%s: an edit lies past the end of the file; no file was fixed", name)
		}
	}
	out := apply(src, edits)
	if formatted, err := format.Source(src); err == nil && bytes.Equal(formatted, src) {
		out, err = format.Source(out)
		if err != nil {
			return nil, fmt.Errorf("%s: the fixed file would not parse (%v); no file was fixed", name, err)
		}
		return out, nil
	}
	fset := token.NewFileSet()
	if _, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution); err == nil {
		if _, err := parser.ParseFile(fset, name, out, parser.SkipObjectResolution); err != nil {
			return nil, fmt.Errorf("%s: the fixed file would not parse (%v); no file was fixed", name, err)
		}
	}
	return out, nil
}

// selfConsistent reports whether the edits of one fix do not overlap.
func selfConsistent(edits []edit) bool {
	for i, a := range edits {
		if a.start > a.end {
			return false
		}
		for _, b := range edits[:i] {
			if a.start < b.end && b.start < a.end {
				return false
			}
		}
	}
	return true
}

// conflicts reports whether a new edit overlaps a taken one without being
// identical to it.
func conflicts(taken, new []edit) bool {
	for _, n := range new {
		for _, t := range taken {
			if n == t {
				continue
			}
			if n.start < t.end && t.start < n.end {
				return true // overlapping replacements
			}
			insertion := n.start == n.end || t.start == t.end
			if insertion && n.start == t.start && !(n.start == n.end && t.start == t.end) {
				return true // an insertion where another edit replaces text
			}
		}
	}
	return false
}

// apply applies non-overlapping edits. At one offset, insertions come
// before a replacement starting there, in the order given.
func apply(src []byte, edits []edit) []byte {
	uniq := map[edit]bool{}
	var list []edit
	for _, e := range edits {
		if !uniq[e] {
			uniq[e] = true
			list = append(list, e)
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].start != list[j].start {
			return list[i].start < list[j].start
		}
		return list[i].end == list[i].start && list[j].end != list[j].start
	})
	var out bytes.Buffer
	last := 0
	for _, e := range list {
		if e.start < last {
			continue // overlaps an edit applied (callers exclude this)
		}
		out.Write(src[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(src[last:])
	return out.Bytes()
}
