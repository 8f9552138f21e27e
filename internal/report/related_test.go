package report

import (
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// A position in a file the pass has not parsed becomes a position of the
// pass's file set with the same file, line and column: from the file's
// text when it can be read, from synthetic lines when it cannot.
func TestLocatorPos(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "dep.go")
	if err := os.WriteFile(file, []byte("package dep\n\nimport \"time\"\n\nvar Loc, _ = time.LoadLocation(\"Europe/Paris\")\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	loc := NewLocator(&analysis.Pass{Fset: fset})
	for _, want := range []token.Position{
		{Filename: file, Line: 5, Column: 19},
		{Filename: file, Line: 1, Column: 1},
		{Filename: filepath.Join(dir, "gone.go"), Line: 40, Column: 7}, // unreadable: synthetic lines
	} {
		pos := loc.Pos(want)
		got := fset.Position(pos)
		if !pos.IsValid() || got.Filename != want.Filename || got.Line != want.Line || got.Column != want.Column {
			t.Errorf("Pos(%s) = %s", want, got)
		}
	}
	files := 0
	fset.Iterate(func(*token.File) bool { files++; return true })
	if files != 2 {
		t.Errorf("%d files added, want 2 (each once)", files)
	}
	// Beyond the file's last line: no position rather than a wrong one.
	if pos := loc.Pos(token.Position{Filename: file, Line: 99, Column: 1}); pos.IsValid() {
		t.Errorf("line 99 of a 5-line file: %s", fset.Position(pos))
	}
	if pos := loc.Pos(token.Position{}); pos.IsValid() {
		t.Errorf("an invalid position gave %s", fset.Position(pos))
	}
}

func TestMore(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n       int
		atLeast bool
		want    string
	}{{0, false, ""}, {0, true, ""}, {2, false, " (and 2 more)"}, {3, true, " (and at least 3 more)"}} {
		if got := More(tc.n, tc.atLeast); got != tc.want {
			t.Errorf("More(%d, %v) = %q, want %q", tc.n, tc.atLeast, got, tc.want)
		}
	}
}

func TestQuote(t *testing.T) {
	for words, want := range map[string]string{
		"unknown time zone": `"unknown time zone"`,
		`exec: "git": executable file not found in $PATH`: "`exec: \"git\": executable file not found in $PATH`",
		// Backquotes cannot hold a backquote or a newline: Go quoting.
		"exec: \"a`b\": x": `"exec: \"a` + "`" + `b\": x"`,
	} {
		if got := Quote(words); got != want {
			t.Errorf("Quote(%q) = %s, want %s", words, got, want)
		}
	}
}
