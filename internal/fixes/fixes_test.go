package fixes

import (
	"errors"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestConflicts(t *testing.T) {
	taken := []edit{{10, 20, "x"}, {30, 30, "ins"}}
	for _, c := range []struct {
		e    edit
		want bool
	}{
		{edit{10, 20, "x"}, false},     // identical: applied once
		{edit{15, 25, "y"}, true},      // overlaps a replacement
		{edit{20, 20, "after"}, false}, // insertion at the end of a replacement
		{edit{30, 30, "other"}, false}, // two insertions at one place: both apply
		{edit{30, 35, "z"}, true},      // replaces text where another inserts
		{edit{40, 45, ""}, false},
	} {
		if got := conflicts(taken, []edit{c.e}); got != c.want {
			t.Errorf("conflicts(%v) = %v, want %v", c.e, got, c.want)
		}
	}
}

func TestApplyOrder(t *testing.T) {
	src := []byte("import (\n\t\"fmt\"\n)\n")
	at := strings.Index(string(src), ")")
	out := apply(src, []edit{{at, at, "\t_ \"time/tzdata\"\n"}, {at, at, "\t_ \"b\"\n"}, {at, at, "\t_ \"time/tzdata\"\n"}})
	want := "import (\n\t\"fmt\"\n\t_ \"time/tzdata\"\n\t_ \"b\"\n)\n"
	if string(out) != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// insertion returns an item whose fix inserts text at offset off of the
// file name holding src.
func insertion(fset *token.FileSet, name string, src []byte, off int, text string) Item {
	tf := fset.File(token.Pos(1))
	if tf == nil || tf.Name() != name {
		tf = fset.AddFile(name, -1, len(src))
		tf.SetLinesForContent(src)
	}
	pos := tf.Pos(off)
	return Item{Fset: fset, Diagnostic: analysis.Diagnostic{Pos: pos, Message: "m",
		SuggestedFixes: []analysis.SuggestedFix{{Message: "f", TextEdits: []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(text)}}}}}}
}

func writeTemp(t *testing.T, content string) string {
	name := filepath.Join(t.TempDir(), "main.go")
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

const mainSrc = "package main\n\nimport (\n\t\"fmt\"\n)\n\nfunc main() { fmt.Println() }\n"

// A file changed since it was analysed is not fixed, even when its length
// did not change (which was all that was checked).
func TestApplyChangedSinceAnalysed(t *testing.T) {
	name := writeTemp(t, mainSrc)
	analysed := strings.Replace(mainSrc, "Println", "Printf()", 1)[:len(mainSrc)] // same length
	item := insertion(token.NewFileSet(), name, []byte(analysed), strings.Index(mainSrc, ")"), "\t\"os\"\n")
	wrote := false
	res := Apply([]Item{item}, Options{
		Analysed: func(string) (Sum, bool) { return SumOf([]byte(analysed)), true },
		Write:    func([]Change) error { wrote = true; return nil },
	})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0], "changed since it was analysed") || wrote || res.Fixed != 0 {
		t.Errorf("got %+v, wrote %v", res, wrote)
	}
}

// "fixed N" counts only fixes that were written.
func TestApplyWriteFails(t *testing.T) {
	name := writeTemp(t, mainSrc)
	item := insertion(token.NewFileSet(), name, []byte(mainSrc), strings.Index(mainSrc, ")"), "\t\"os\"\n")
	res := Apply([]Item{item}, Options{
		Analysed: func(string) (Sum, bool) { return SumOf([]byte(mainSrc)), true },
		Write:    func([]Change) error { return errors.New("disk full") },
	})
	if res.Fixed != 0 || len(res.Files) != 0 || len(res.Errors) != 1 {
		t.Errorf("got %+v", res)
	}
}

// A formatted file stays formatted; a fix that would break the syntax is
// refused with the file untouched.
func TestApplyFormatsAndParses(t *testing.T) {
	name := writeTemp(t, mainSrc)
	var changes []Change
	opts := Options{
		Analysed: func(string) (Sum, bool) { return SumOf([]byte(mainSrc)), true },
		Write:    func(c []Change) error { changes = c; return nil },
	}
	at := strings.Index(mainSrc, "\t\"fmt\"")
	res := Apply([]Item{insertion(token.NewFileSet(), name, []byte(mainSrc), at, "  \"os\"\n")}, opts)
	if len(res.Errors) > 0 || len(changes) != 1 || !strings.Contains(string(changes[0].New), "\t\"fmt\"\n\t\"os\"\n") {
		t.Fatalf("got %+v %q", res, changes)
	}
	changes = nil
	res = Apply([]Item{insertion(token.NewFileSet(), name, []byte(mainSrc), at, "func (\n")}, opts)
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0], "would not parse") || changes != nil {
		t.Errorf("got %+v %q", res, changes)
	}
}
