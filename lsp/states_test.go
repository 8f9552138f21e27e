package lsp

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/lsp/protocol"
)

// Regression tests of issue 15: the server in editor states beyond code
// that builds (CRLF files, cgo packages, build constraints edited, files
// that do not parse, files outside a module, files created and deleted).

// TestCRLFImportFix: in a file with CRLF line endings, the quick fix that
// adds an import inserts CRLF, as the silence action does; the fixed text
// has no bare LF.
func TestCRLFImportFix(t *testing.T) {
	c := newClient(t, "demo.txtar")
	main := filepath.Join(c.dir, "cmd", "server", "main.go")
	data, err := os.ReadFile(main)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(main, []byte(strings.ReplaceAll(string(data), "\n", "\r\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	c.initialize(nil)
	uri := c.open("cmd/server/main.go")
	c.waitRound()
	diags := withCode(c.diagnostics(uri), "tzdata")
	if len(diags) != 1 {
		t.Fatalf("want 1 tzdata diagnostic, got %+v", c.diagnostics(uri))
	}
	var fix, silence *protocol.CodeAction
	actions := c.codeActions(uri, diags[0].Range)
	for i, a := range actions {
		switch {
		case strings.Contains(a.Title, "time/tzdata"):
			fix = &actions[i]
		case strings.HasPrefix(a.Title, "Silence"):
			silence = &actions[i]
		}
	}
	if fix == nil || silence == nil {
		t.Fatalf("want the tzdata fix and the silence action, got %+v", actions)
	}
	for _, a := range []*protocol.CodeAction{fix, silence} {
		for _, edits := range a.Edit.Changes {
			for _, e := range edits {
				if bareLF(e.NewText) {
					t.Errorf("%q inserts a bare LF in a CRLF file: %q", a.Title, e.NewText)
				}
			}
		}
	}
	c.apply(*fix)
	if text := c.text(uri); bareLF(text) || !strings.Contains(text, "\t_ \"time/tzdata\"\r\n") {
		t.Errorf("fixed text:\n%q", text)
	}
	c.waitRound()
	if d := withCode(c.diagnostics(uri), "tzdata"); len(d) != 0 {
		t.Errorf("tzdata diagnostic still there after the fix: %+v", d)
	}
}

// bareLF reports whether s has a "\n" not preceded by "\r".
func bareLF(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' && (i == 0 || s[i-1] != '\r') {
			return true
		}
	}
	return false
}

// needCgo skips a test that needs a C compiler, unless in CI.
func needCgo(t *testing.T) {
	t.Helper()
	out, err := exec.Command("go", "env", "CGO_ENABLED").Output()
	if err == nil && strings.TrimSpace(string(out)) == "1" {
		if _, err := exec.LookPath("gcc"); err == nil {
			return
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("cgo is not available (CGO_ENABLED=1 and gcc)")
	}
	t.Skip("cgo is not available (CGO_ENABLED=1 and gcc)")
}

// TestCgoPackage: a package with import "C" gets its diagnostics on the
// user's file (not on cgo's output in the build cache), at the import "C"
// for the dynlink finding, from the editor's text: an edit moves or
// clears them.
func TestCgoPackage(t *testing.T) {
	needCgo(t)
	c := newClient(t, "cgo.txtar")
	c.initialize(nil)
	uri := c.open("cmd/app/main.go")
	c.waitRound()
	lines := func(code string) []uint32 {
		var out []uint32
		for _, d := range withCode(c.diagnostics(uri), code) {
			out = append(out, d.Range.Start.Line)
		}
		return out
	}
	// import "C" is on line 4, the crypto/tls import on 7, the literal on 11.
	if got := fmt.Sprint(lines("dynlink"), lines("skipverify")); got != "[3 6] [10]" {
		t.Errorf("dynlink and skipverify lines (0-based) %s, want [3 6] [10]; diagnostics %+v", got, c.diagnostics(uri))
	}
	if d := withCode(c.diagnostics(uri), "dynlink"); len(d) > 0 && d[0].Range.Start.Character != 7 {
		t.Errorf("the import \"C\" finding starts at %+v, want the import path (4:8)", d[0].Range.Start)
	}
	assertOnlyWorkspace(t, c)

	// Two lines above the literal, then the literal gone: the diagnostics
	// follow the editor's text.
	c.replace(uri, "var cfg", "// one\n// two\nvar cfg")
	c.waitRound()
	if got := fmt.Sprint(lines("skipverify")); got != "[12]" {
		t.Errorf("after inserting two lines: skipverify on %s, want [12]", got)
	}
	c.replace(uri, "InsecureSkipVerify: true", "InsecureSkipVerify: false")
	c.waitRound()
	if got := lines("skipverify"); len(got) != 0 {
		t.Errorf("after the edit: skipverify still on %v", got)
	}
	assertOnlyWorkspace(t, c)
}

// assertOnlyWorkspace fails if a diagnostic was ever published for a file
// outside the workspace (cgo's output in the build cache, say).
func assertOnlyWorkspace(t *testing.T, c *fakeClient) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range c.history {
		path, _ := p.URI.Path()
		if !strings.HasPrefix(path, c.dir+string(filepath.Separator)) {
			t.Errorf("diagnostics published for %s, outside the workspace", p.URI)
		}
	}
}
