package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/lsp/protocol"
)

// TestBrokenCode: a package that does not parse and a dependency with a
// type error do not stop the findings elsewhere; a syntax error while
// typing keeps the previous results, a type error still gets findings.
func TestBrokenCode(t *testing.T) {
	c := newClient(t, "broken.txtar")
	c.initialize(nil)
	mainURI := c.open("cmd/app/main.go")
	typeErrURI := c.open("pkg/typeerr/typeerr.go")
	c.waitRound()
	if d := withCode(c.diagnostics(mainURI), "tzdata"); len(d) != 1 {
		t.Fatalf("main.go: want the tzdata finding despite the broken packages, got %+v\nlogs: %+v\n%s", c.diagnostics(mainURI), c.logs, c.messagesText())
	}
	if d := withCode(c.diagnostics(typeErrURI), "skipverify"); len(d) != 1 {
		t.Errorf("typeerr.go: want the skipverify finding despite the type error, got %+v", c.diagnostics(typeErrURI))
	}

	// A syntax error: the previous diagnostics stay.
	c.replace(mainURI, "func main() {", "func main() {{")
	c.waitRound()
	if d := withCode(c.diagnostics(mainURI), "tzdata"); len(d) != 1 {
		t.Errorf("main.go with a syntax error: want the previous finding kept, got %+v", c.diagnostics(mainURI))
	}
	// A type error: analysed anyway.
	c.replace(mainURI, "func main() {{", "func main() {\n\tundefinedCall()")
	c.waitRound()
	if d := withCode(c.diagnostics(mainURI), "tzdata"); len(d) != 1 || d[0].Range.Start.Line != 5 {
		t.Errorf("main.go with a type error: want the finding, got %+v", c.diagnostics(mainURI))
	}
}

// TestGoModReload: editing go.mod (reported by the file watcher) lists the
// packages again.
func TestGoModReload(t *testing.T) {
	c := newClient(t, "gomod.txtar")
	c.initialize(nil)
	mainURI := c.open("main.go")
	c.waitRound()
	if d := c.diagnostics(mainURI); len(d) != 0 {
		t.Fatalf("before the go.mod edit: %+v", d)
	}
	if err := os.WriteFile(filepath.Join(c.dir, "go.mod"), []byte(golden(t, "gomod.txtar", "golden/go.mod")), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify(protocol.MethodDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{
		{URI: c.uri("go.mod"), Type: protocol.FileChanged},
	}})
	c.waitFor("the finding after the reload", func() bool { return len(withCode(c.diags[mainURI].Diagnostics, "tzdata")) == 1 })
}

// TestWorkspace: a go.work with two modules is one build: the library's
// call gives the command's finding and is shown at the call.
func TestWorkspace(t *testing.T) {
	c := newClient(t, "work.txtar")
	c.initialize(nil)
	mainURI := c.open("app/main.go")
	libURI := c.open("lib/lib.go")
	c.waitRound()
	if d := withCode(c.diagnostics(mainURI), "tzdata"); len(d) != 1 {
		t.Fatalf("app/main.go: %+v", c.diagnostics(mainURI))
	}
	if d := withCode(c.diagnostics(libURI), "tzdata"); len(d) != 1 || d[0].Range.Start.Line != 5 {
		t.Fatalf("lib/lib.go: want the finding at the call, got %+v", c.diagnostics(libURI))
	}
	c.replace(libURI, `time.LoadLocation("Asia/Tokyo")`, `time.LoadLocation("UTC")`)
	c.waitRound()
	if d := c.diagnostics(mainURI); len(withCode(d, "tzdata")) != 0 {
		t.Errorf("app/main.go after the edit: %+v", d)
	}
}

// TestOnSave: with run=onSave, typing does not analyse; saving does.
func TestOnSave(t *testing.T) {
	c := newClient(t, "skipverify.txtar")
	c.initialize(map[string]any{"run": "onSave"})
	uri := c.open("client/client.go")
	c.waitRound()
	if len(c.diagnostics(uri)) != 1 {
		t.Fatalf("on open: %+v", c.diagnostics(uri))
	}
	c.replace(uri, "InsecureSkipVerify: true", "InsecureSkipVerify: false")
	// A code action now answers at once, without the stale finding's fix.
	for _, a := range c.codeActions(uri, wholeRange(c.text(uri))) {
		t.Errorf("unexpected action on unsaved text: %+v", a)
	}
	c.save(uri)
	c.waitRound()
	if d := c.diagnostics(uri); len(d) != 0 {
		t.Errorf("after save: %+v", d)
	}
}

// TestProgressAndNoNetwork: the first load reports work-done progress;
// the go command runs without the module proxy and with the local
// toolchain.
func TestProgressAndNoNetwork(t *testing.T) {
	c := newClient(t, "skipverify.txtar")
	c.initialize(nil)
	c.open("client/client.go")
	c.waitRound()
	c.mu.Lock()
	var kinds []string
	for _, p := range c.progress {
		var v struct{ Kind string }
		_ = jsonUnmarshal(p.Value, &v)
		kinds = append(kinds, v.Kind)
	}
	c.mu.Unlock()
	if strings.Join(kinds, ",") != "begin,end" {
		t.Errorf("progress: %v", kinds)
	}
	o := defaultOptions()
	env := strings.Join(o.goEnv(nil), "\n") + "\n"
	for _, want := range []string{"\nGOTOOLCHAIN=local\n", "\nGOPROXY=off\n"} {
		if !strings.HasSuffix(env, want) && !strings.Contains(env, want) {
			t.Errorf("go command environment lacks %s", strings.TrimSpace(want))
		}
	}
	o.AllowNetwork = true
	o.Env = map[string]string{"GOTOOLCHAIN": "go1.99.0"}
	env2 := o.goEnv(nil)
	if env2[len(env2)-1] != "GOTOOLCHAIN=local" {
		t.Errorf("GOTOOLCHAIN=local must come last (last wins), got %v", env2[len(env2)-1])
	}
	for _, kv := range env2 {
		if kv == "GOPROXY=off" {
			t.Errorf("allowNetwork: GOPROXY=off still set")
		}
	}
}

// TestConfigExcludeAndSeverity: scratchvet.toml's [severity] sets the
// diagnostics' severity and [exclude] drops findings, in the editor too.
func TestConfigExcludeAndSeverity(t *testing.T) {
	c := newClient(t, "configured.txtar")
	c.initialize(nil)
	client := c.open("client/client.go")
	helper := c.open("testserver/testserver.go")
	c.waitRound()
	d := c.diagnostics(client)
	if len(d) != 1 || d[0].Code != "skipverify" || d[0].Severity != protocol.SeverityError {
		t.Errorf("client: want one skipverify error, got %+v", d)
	}
	if d := c.diagnostics(helper); len(d) != 0 {
		t.Errorf("testserver is excluded, got %+v", d)
	}
}

// TestUnusedSuppressions: a directive that silences nothing is reported
// with the unusedSuppressions option, and not by default.
func TestUnusedSuppressions(t *testing.T) {
	for _, on := range []bool{false, true} {
		c := newClient(t, "unused.txtar")
		c.initialize(map[string]any{"unusedSuppressions": on})
		uri := c.open("client/client.go")
		c.waitRound()
		d := c.diagnostics(uri)
		switch {
		case on && (len(d) != 1 || !strings.Contains(d[0].Message, "suppresses no skipverify finding") || d[0].Range.Start.Line != 7):
			t.Errorf("unusedSuppressions on: want the directive on line 8 reported, got %+v", d)
		case !on && len(d) != 0:
			t.Errorf("unusedSuppressions off: got %+v", d)
		}
		c.shutdown()
	}
}
