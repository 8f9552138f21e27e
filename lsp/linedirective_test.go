package lsp

import (
	"strings"
	"testing"
)

// A //line directive naming a line past the end of the file, with a
// suppression directive after it, crashed every check of the package
// ("invalid line number"); the finding is shown in place and its quick fix
// edits the line it is on.
func TestLineDirectivePastEnd(t *testing.T) {
	c := newClient(t, "skipverify.txtar")
	c.initialize(nil)
	uri := c.open("client/client.go")
	c.waitRound()
	original := c.text(uri)
	c.replace(uri, "// Config returns", "//line client.go:900\n//nolint:userlookup // nothing to silence\n// Config returns")
	c.waitRound()
	diags := withCode(c.diagnostics(uri), "skipverify")
	if len(diags) != 1 || diags[0].Range.Start.Line != 11 {
		t.Fatalf("want 1 skipverify diagnostic on line 12, got %+v", c.diagnostics(uri))
	}
	actions := c.codeActions(uri, diags[0].Range)
	if len(actions) == 0 {
		t.Fatal("no quick fix")
	}
	c.apply(actions[0])
	want := strings.Replace(golden(t, "skipverify.txtar", "golden/client/client.go"), "// Config returns",
		"//line client.go:900\n//nolint:userlookup // nothing to silence\n// Config returns", 1)
	if got := c.text(uri); got != want {
		t.Errorf("fixed:\n%s\nwant:\n%s\n(before: %s)", got, want, original)
	}
}
