package textpos

import (
	"go/parser"
	"go/token"
	"testing"
)

// A //line directive naming a line past the end of the file moves the
// positions go/token reports, not the ones this package gives.
func TestLineDirective(t *testing.T) {
	src := "package p\n\n//line other.go:900\nvar x = 1\n\nvar y = 2"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	tf := fset.File(f.Pos())
	x, y := f.Decls[0].Pos(), f.Decls[1].Pos()
	if adj := fset.Position(x); adj.Filename != "other.go" || adj.Line != 900 {
		t.Fatalf("go/token says %v", adj)
	}
	if p := Position(fset, x); p.Filename != "p.go" || p.Line != 4 || p.Column != 1 {
		t.Errorf("Position = %v, want p.go:4:1", p)
	}
	if got := tf.Offset(LineStart(tf, y)); got != len(src)-len("var y = 2") {
		t.Errorf("LineStart(y) at offset %d", got)
	}
	if got := NextLineStart(tf, y); got != End(tf) {
		t.Errorf("NextLineStart on the last line = %d, want the end %d", got, End(tf))
	}
	if got := tf.Offset(NextLineStart(tf, x)); src[got:got+1] != "\n" || got != len("package p\n\n//line other.go:900\nvar x = 1\n") {
		t.Errorf("NextLineStart(x) at offset %d", got)
	}
	if !SameLine(tf, x, x+3) || SameLine(tf, x, y) {
		t.Error("SameLine")
	}
}
