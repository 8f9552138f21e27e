package lsp

import (
	"os"
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
