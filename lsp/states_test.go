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
	// import "C" is on line 4, the crypto/tls import on 7, the literal on
	// 11. One dynlink finding for the binary, at its own import "C"; the
	// crypto/tls import that links net's cgo is in its related information.
	if got := fmt.Sprint(lines("dynlink"), lines("skipverify")); got != "[3] [10]" {
		t.Errorf("dynlink and skipverify lines (0-based) %s, want [3] [10]; diagnostics %+v", got, c.diagnostics(uri))
	}
	if d := withCode(c.diagnostics(uri), "dynlink"); len(d) > 0 {
		if d[0].Range.Start.Character != 7 {
			t.Errorf("the import \"C\" finding starts at %+v, want the import path (4:8)", d[0].Range.Start)
		}
		tlsImport := false
		for _, ri := range d[0].RelatedInformation {
			tlsImport = tlsImport || ri.Location.URI == uri && ri.Location.Range.Start.Line == 6 && strings.HasSuffix(ri.Message, " imports crypto/tls")
		}
		if !tlsImport {
			t.Errorf("the dynlink finding's related information lacks the crypto/tls import (7:2): %+v", d[0].RelatedInformation)
		}
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

// lines returns the 0-based start lines of a document's diagnostics of
// one check.
func (c *fakeClient) lines(uri protocol.DocumentURI, code string) string {
	var out []uint32
	for _, d := range withCode(c.diagnostics(uri), code) {
		out = append(out, d.Range.Start.Line)
	}
	return fmt.Sprint(out)
}

// publishedVersion returns the version of the last publication for uri.
func (c *fakeClient) publishedVersion(uri protocol.DocumentURI) (int32, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.diags[uri]
	if !ok || p.Version == nil {
		return 0, false
	}
	return *p.Version, true
}

// listings returns how many times the server listed a whole workspace.
func (c *fakeClient) listings() int {
	e := c.server.work
	e.mu.Lock() // the worker is idle after waitRound; the lock orders the read
	defer e.mu.Unlock()
	return e.listings
}

// TestBuildConstraintEdit: editing a file's //go:build line brings its
// findings in (windows → linux) and takes them out again, as the CLI
// would list the file or not.
func TestBuildConstraintEdit(t *testing.T) {
	c := newClient(t, "skipverify.txtar")
	writeFile(t, c.dir, "client/plat.go", "//go:build windows\n\npackage client\n\nimport \"crypto/tls\"\n\nvar platform = &tls.Config{InsecureSkipVerify: true}\n")
	c.initialize(nil)
	uri := c.open("client/plat.go")
	c.waitRound()
	if got := c.lines(uri, "skipverify"); got != "[]" {
		t.Fatalf("windows: skipverify on %s, want none (the file is not built)", got)
	}
	c.replace(uri, "//go:build windows", "//go:build linux")
	c.waitRound()
	if got := c.lines(uri, "skipverify"); got != "[6]" {
		t.Errorf("linux: skipverify on %s, want [6]", got)
	}
	c.replace(uri, "//go:build linux", "//go:build windows")
	c.waitRound()
	if got := c.lines(uri, "skipverify"); got != "[]" {
		t.Errorf("back to windows: skipverify on %s, want none", got)
	}
	if n := c.listings(); n != 1 {
		t.Errorf("the workspace was listed %d times; want once (only the package is listed again)", n)
	}
}

// TestParseErrorMovesDiagnostics: while a file does not parse, the
// diagnostics of its last check stay where their text is (moved with the
// lines inserted above them), are dropped where their line changed, and
// are published with the current version; a repair brings the checked
// results back.
func TestParseErrorMovesDiagnostics(t *testing.T) {
	c := newClient(t, "skipverify.txtar")
	c.initialize(nil)
	uri := c.open("client/client.go")
	c.waitRound()
	if got := c.lines(uri, "skipverify"); got != "[9]" {
		t.Fatalf("skipverify on %s, want [9]", got)
	}
	// Three lines above it, one of them broken.
	v := c.replace(uri, "// Config returns", "func broken( {\n\n\n// Config returns")
	c.waitRound()
	if got := c.lines(uri, "skipverify"); got != "[12]" {
		t.Errorf("does not parse, three lines inserted above: skipverify on %s, want [12]", got)
	}
	if pv, ok := c.publishedVersion(uri); !ok || pv != v {
		t.Errorf("published version %d (%v), want the current %d", pv, ok, v)
	}
	// An edit on the finding's own line: its text changed, it is dropped.
	v = c.replace(uri, "InsecureSkipVerify: true,", "InsecureSkipVerify: true, // edited")
	c.waitRound()
	if got := c.lines(uri, "skipverify"); got != "[]" {
		t.Errorf("its line edited while not parsing: skipverify on %s, want none", got)
	}
	if pv, ok := c.publishedVersion(uri); !ok || pv != v {
		t.Errorf("published version %d (%v), want the current %d", pv, ok, v)
	}
	// Repaired: checked again.
	c.replace(uri, "func broken( {\n", "\n")
	c.waitRound()
	if got := c.lines(uri, "skipverify"); got != "[12]" {
		t.Errorf("repaired: skipverify on %s, want [12]", got)
	}
}

// TestKeptDiagnosticsAfterSave: the diagnostics a package keeps while it
// does not parse are moved from the text they were computed on, which
// must outlive that text on disk. Here the package was checked on the
// disk's text (the file not open), the editor opens it with unsaved text
// that does not parse (a restored session, or an open and an edit taken
// by one round), then saves: the disk no longer holds the checked text,
// and the finding must still be moved, not dropped (the seeded
// differential test lost it this way when rounds were fast).
func TestKeptDiagnosticsAfterSave(t *testing.T) {
	c := newClient(t, "skipverify.txtar")
	c.initialize(nil)
	uri := c.uri("client/client.go")
	c.waitFor("the finding of the first load", func() bool { return len(withCode(c.diags[uri].Diagnostics, "skipverify")) == 1 })
	data, err := os.ReadFile(filepath.Join(c.dir, "client", "client.go"))
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), "// Config returns", "func broken( {\n\n\n// Config returns", 1)
	c.mu.Lock()
	c.versions[uri], c.texts[uri] = 1, broken
	c.mu.Unlock()
	c.notify(protocol.MethodDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri, LanguageID: "go", Version: 1, Text: broken,
	}})
	c.waitRound()
	if got := c.lines(uri, "skipverify"); got != "[12]" {
		t.Fatalf("opened with three lines inserted, not parsing: skipverify on %s, want [12]", got)
	}
	c.save(uri)
	c.waitSettled()
	if got := c.lines(uri, "skipverify"); got != "[12]" {
		t.Errorf("saved while not parsing: skipverify on %s, want [12] (the finding of the last check, moved)", got)
	}
	if pv, ok := c.publishedVersion(uri); !ok || pv != 1 {
		t.Errorf("published version %d (%v), want 1", pv, ok)
	}
}

// TestRepairAfterListingChanged: a file repaired back to the very text
// its package was last checked on is checked again when its package
// changed meanwhile: here a file of the package left it (its build
// constraint flipped to windows) while the package did not parse, so the
// results kept from the last check, which include that file's finding,
// are out of date (the seeded differential test, seed 6, found this).
func TestRepairAfterListingChanged(t *testing.T) {
	c := newClient(t, "skipverify.txtar")
	writeFile(t, c.dir, "client/plat.go", "//go:build linux\n\npackage client\n\nimport \"crypto/tls\"\n\nvar platform = &tls.Config{InsecureSkipVerify: true}\n")
	c.initialize(nil)
	client, plat := c.open("client/client.go"), c.open("client/plat.go")
	c.waitRound()
	if got := c.lines(client, "skipverify") + c.lines(plat, "skipverify"); got != "[9][6]" {
		t.Fatalf("skipverify on %s, want [9][6]", got)
	}
	c.replace(client, "// Config returns", "func broken( {\n// Config returns")
	c.waitRound()
	c.replace(plat, "//go:build linux", "//go:build windows")
	c.waitRound()
	c.replace(client, "func broken( {\n", "")
	c.waitRound()
	if got := c.lines(client, "skipverify") + c.lines(plat, "skipverify"); got != "[9][]" {
		t.Errorf("repaired, plat.go built for windows only: skipverify on %s, want [9][] (plat.go is not in the package)", got)
	}
}

// TestOutsideModule: a Go file outside any module is checked alone, as
// `scratchvet FILE` checks it.
func TestOutsideModule(t *testing.T) {
	c := newClient(t, "skipverify.txtar")
	outside := t.TempDir()
	writeFile(t, outside, "script.go", "package main\n\nimport (\n\t\"crypto/tls\"\n\t\"time\"\n)\n\n"+
		"func main() {\n\t_, _ = time.LoadLocation(\"Asia/Tokyo\")\n\t_ = &tls.Config{InsecureSkipVerify: true}\n}\n")
	c.initialize(nil)
	uri := protocol.URIFromPath(filepath.Join(outside, "script.go"))
	data, _ := os.ReadFile(filepath.Join(outside, "script.go"))
	c.mu.Lock()
	c.versions[uri], c.texts[uri] = 1, string(data)
	c.mu.Unlock()
	c.notify(protocol.MethodDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri, LanguageID: "go", Version: 1, Text: string(data),
	}})
	c.waitRound()
	if got := c.lines(uri, "tzdata") + c.lines(uri, "skipverify"); got != "[8][9]" {
		t.Errorf("tzdata and skipverify on %s, want [8][9]; diagnostics %+v\nmessages:\n%s", got, c.diagnostics(uri), c.messagesText())
	}
	c.replace(uri, "InsecureSkipVerify: true", "InsecureSkipVerify: false")
	c.waitRound()
	if got := c.lines(uri, "skipverify"); got != "[]" {
		t.Errorf("after the edit: skipverify on %s", got)
	}
}

// TestCreateDeleteFile: a file created in a package (on disk, announced by
// the client's watcher) is checked; deleted, its diagnostics go; neither
// lists the workspace again.
func TestCreateDeleteFile(t *testing.T) {
	c := newClient(t, "skipverify.txtar")
	c.initialize(nil)
	c.open("client/client.go")
	c.waitRound()
	writeFile(t, c.dir, "client/extra.go", "package client\n\nimport \"crypto/tls\"\n\nvar extra = &tls.Config{InsecureSkipVerify: true}\n")
	uri := c.uri("client/extra.go")
	c.notify(protocol.MethodDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: uri, Type: protocol.FileCreated}}})
	c.waitFor("the new file's finding", func() bool { return len(withCode(c.diags[uri].Diagnostics, "skipverify")) == 1 })
	if err := os.Remove(filepath.Join(c.dir, "client", "extra.go")); err != nil {
		t.Fatal(err)
	}
	c.notify(protocol.MethodDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: uri, Type: protocol.FileDeleted}}})
	c.waitFor("the deleted file's diagnostics cleared", func() bool { return len(c.diags[uri].Diagnostics) == 0 })
	c.waitRound()
	if n := c.listings(); n != 1 {
		t.Errorf("the workspace was listed %d times; want once (only the package is listed again)", n)
	}
}

func writeFile(t *testing.T, dir, rel, content string) {
	t.Helper()
	name := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEmptyConfigurationKeepsOptions: didChangeConfiguration with an empty
// settings object (what Eglot sends right after initializing) keeps the
// initializationOptions; {"scratchvet": {}} resets them.
func TestEmptyConfigurationKeepsOptions(t *testing.T) {
	c := newClient(t, "demo.txtar")
	c.initialize(map[string]any{"target": "scratch,zoneinfo=true"})
	uri := c.open("cmd/server/main.go")
	c.waitRound()
	if d := withCode(c.diagnostics(uri), "tzdata"); len(d) != 0 {
		t.Fatalf("with zoneinfo=true: %+v", d)
	}
	c.notify(protocol.MethodDidChangeConfiguration, protocol.DidChangeConfigurationParams{Settings: []byte(`{}`)})
	c.notify(protocol.MethodDidChangeConfiguration, protocol.DidChangeConfigurationParams{Settings: []byte(`null`)})
	c.waitSettled()
	if d := withCode(c.diagnostics(uri), "tzdata"); len(d) != 0 {
		t.Errorf("after empty settings: the initializationOptions were dropped: %+v", d)
	}
	c.notify(protocol.MethodDidChangeConfiguration, protocol.DidChangeConfigurationParams{
		Settings: []byte(`{"scratchvet": {"diagnosticsDoneNotification": true}}`)})
	c.waitFor("the defaults' tzdata finding", func() bool { return len(withCode(c.diags[uri].Diagnostics, "tzdata")) == 1 })
}
