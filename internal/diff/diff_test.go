package diff

import "testing"

func TestUnified(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
	new := "a\nb\nc\nd\nX\ne\nf\ng\nh\ni\n"
	want := `--- a.go
+++ a.go (fixed)
@@ -2,9 +2,9 @@
 b
 c
 d
+X
 e
 f
 g
 h
 i
-j
`
	if got := Unified("a.go", "a.go (fixed)", old, new); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := Unified("a", "b", old, old); got != "" {
		t.Errorf("equal texts: got %q", got)
	}
}

func TestSeparateHunks(t *testing.T) {
	old := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"
	new := "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\nY\n12\n"
	want := `--- f
+++ f
@@ -1,5 +1,5 @@
 1
-2
+X
 3
 4
 5
@@ -8,5 +8,5 @@
 8
 9
 10
-11
+Y
 12
`
	if got := Unified("f", "f", old, new); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestNoTrailingNewline(t *testing.T) {
	got := Unified("f", "f", "a\nb", "a\nc")
	want := "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
