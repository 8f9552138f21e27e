package lsp

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/scratchvet/scratchvet/lsp/protocol"
)

func rpcCode(err error) int64 {
	var e *jsonrpc2.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

func TestLifecycle(t *testing.T) {
	c := newClient(t, "")
	ctx := context.Background()
	err := c.conn.Call(ctx, protocol.MethodCodeAction, protocol.CodeActionParams{}, nil)
	if rpcCode(err) != protocol.CodeServerNotInitialized {
		t.Errorf("request before initialize: got %v, want ServerNotInitialized", err)
	}
	c.initialize(nil)
	if err := c.conn.Call(ctx, protocol.MethodInitialize, protocol.InitializeParams{}, nil); rpcCode(err) != protocol.CodeInvalidRequest {
		t.Errorf("second initialize: got %v, want InvalidRequest", err)
	}
	if err := c.conn.Call(ctx, "textDocument/hover", map[string]any{}, nil); rpcCode(err) != protocol.CodeMethodNotFound {
		t.Errorf("unknown method: got %v, want MethodNotFound", err)
	}
	if err := c.conn.Call(ctx, protocol.MethodCodeAction, map[string]any{"textDocument": 3}, nil); rpcCode(err) != protocol.CodeInvalidParams {
		t.Errorf("bad params: got %v, want InvalidParams", err)
	}
	if err := c.conn.Call(ctx, protocol.MethodShutdown, nil, nil); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if err := c.conn.Call(ctx, protocol.MethodCodeAction, protocol.CodeActionParams{}, nil); rpcCode(err) != protocol.CodeInvalidRequest {
		t.Errorf("request after shutdown: got %v, want InvalidRequest", err)
	}
	c.notify(protocol.MethodExit, nil)
	if !c.server.Wait() {
		t.Errorf("exit after shutdown: not a clean exit")
	}
}

// TestPositionEncoding: the server announces the encoding it uses (UTF-16)
// even when the client prefers another one (protocol.Mapper counts UTF-16
// code units; see its tests).
func TestPositionEncoding(t *testing.T) {
	c := newClient(t, "")
	var res protocol.InitializeResult
	err := c.conn.Call(context.Background(), protocol.MethodInitialize, protocol.InitializeParams{
		Capabilities: protocol.ClientCapabilities{General: &protocol.GeneralClientCapabilities{
			PositionEncodings: []protocol.PositionEncodingKind{protocol.PositionUTF8, protocol.PositionUTF32, protocol.PositionUTF16},
		}},
	}, &res)
	if err != nil {
		t.Fatal(err)
	}
	if res.Capabilities.PositionEncoding != protocol.PositionUTF16 {
		t.Errorf("positionEncoding %q, want %q", res.Capabilities.PositionEncoding, protocol.PositionUTF16)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c := newClient(t, "")
	c.initialize(nil)
	c.notify(protocol.MethodExit, nil)
	if c.server.Wait() {
		t.Errorf("exit without shutdown reported a clean exit")
	}
}

// TestDiagnosticsAndQuickFix: open, diagnostics at the command's import
// and at the cause, related information, the quick fix's golden text, and
// the diagnostics gone after applying it.
func TestDiagnosticsAndQuickFix(t *testing.T) {
	c := newClient(t, "demo.txtar")
	c.initialize(nil)
	mainURI := c.open("cmd/server/main.go")
	schedURI := c.open("internal/schedule/schedule.go")
	c.waitRound()

	diags := withCode(c.diagnostics(mainURI), "tzdata")
	if len(diags) != 1 {
		t.Fatalf("main.go: want 1 tzdata diagnostic, got %+v", c.diagnostics(mainURI))
	}
	d := diags[0]
	if d.Source != "scratchvet" || d.Severity != protocol.SeverityWarning ||
		d.CodeDescription == nil || !strings.HasSuffix(string(d.CodeDescription.Href), "tzdata.md") {
		t.Errorf("diagnostic fields: %+v", d)
	}
	if d.Range.Start.Line != 6 || d.Range.Start.Character != 1 || d.Range.End.Character != 37 {
		t.Errorf("range %+v, want the import path at 7:2", d.Range)
	}
	var sawCause bool
	for _, ri := range d.RelatedInformation {
		if ri.Location.URI == schedURI && ri.Location.Range.Start.Line == 7 {
			sawCause = true
		}
	}
	if !sawCause {
		t.Errorf("related information lacks the time.LoadLocation call: %+v", d.RelatedInformation)
	}
	at := withCode(c.diagnostics(schedURI), "tzdata")
	if len(at) != 1 || at[0].Range.Start.Line != 7 || at[0].Range.Start.Character != 13 {
		t.Fatalf("schedule.go: want the finding at the time.LoadLocation call (8:14), got %+v", c.diagnostics(schedURI))
	}

	// The quick fix, asked at the cause site, edits the command.
	actions := c.codeActions(schedURI, at[0].Range)
	var fix *protocol.CodeAction
	for i, a := range actions {
		if a.Kind == protocol.CodeActionQuickFix && strings.Contains(a.Title, "time/tzdata") {
			fix = &actions[i]
		}
	}
	if fix == nil || !fix.IsPreferred || len(fix.Diagnostics) != 1 {
		t.Fatalf("no preferred tzdata quick fix with its diagnostic in %+v", actions)
	}
	c.apply(*fix)
	if got, want := c.text(mainURI), golden(t, "demo.txtar", "golden/cmd/server/main.go"); got != want {
		t.Errorf("after the fix:\n%s\nwant:\n%s", got, want)
	}
	c.waitRound()
	if d := withCode(c.diagnostics(mainURI), "tzdata"); len(d) != 0 {
		t.Errorf("main.go: tzdata diagnostic still there after the fix: %+v", d)
	}
	if d := withCode(c.diagnostics(schedURI), "tzdata"); len(d) != 0 {
		t.Errorf("schedule.go: tzdata diagnostic still there after the fix: %+v", d)
	}
	if !c.shutdown() {
		t.Errorf("not a clean exit")
	}
}

// TestEditDependency: editing a library re-checks it alone and runs the
// command's checks again: the finding disappears when the call goes and
// comes back with it.
func TestEditDependency(t *testing.T) {
	c := newClient(t, "demo.txtar")
	c.initialize(nil)
	mainURI := c.open("cmd/server/main.go")
	schedURI := c.open("internal/schedule/schedule.go")
	c.waitRound()
	if len(withCode(c.diagnostics(mainURI), "tzdata")) != 1 {
		t.Fatalf("no initial finding: %+v", c.diagnostics(mainURI))
	}
	c.replace(schedURI, "time.LoadLocation(zone)", "time.UTC, error(nil)")
	c.waitRound()
	if d := c.diagnostics(mainURI); len(withCode(d, "tzdata")) != 0 {
		t.Errorf("main.go after removing the call: %+v", d)
	}
	if d := c.diagnostics(schedURI); len(withCode(d, "tzdata")) != 0 {
		t.Errorf("schedule.go after removing the call: %+v", d)
	}
	c.replace(schedURI, "time.UTC, error(nil)", "time.LoadLocation(zone)")
	c.waitRound()
	if d := c.diagnostics(mainURI); len(withCode(d, "tzdata")) != 1 {
		t.Errorf("main.go after restoring the call: %+v", d)
	}
	if d := c.diagnostics(schedURI); len(withCode(d, "tzdata")) != 1 {
		t.Errorf("schedule.go after restoring the call: %+v", d)
	}
	// An edit that changes no summary (a comment) leaves the command's
	// results as they were: both findings stay, and the fix is offered at
	// the call in the new text.
	c.replace(schedURI, "// NextRun returns", "// NextRun (edited) returns")
	c.waitRound()
	if d := c.diagnostics(mainURI); len(withCode(d, "tzdata")) != 1 {
		t.Errorf("main.go after a comment edit: %+v", d)
	}
	at := withCode(c.diagnostics(schedURI), "tzdata")
	if len(at) != 1 {
		t.Fatalf("schedule.go after a comment edit: %+v", c.diagnostics(schedURI))
	}
	var fixed bool
	for _, a := range c.codeActions(schedURI, at[0].Range) {
		fixed = fixed || strings.Contains(a.Title, "time/tzdata")
	}
	if !fixed {
		t.Errorf("no tzdata fix at the call after a comment edit")
	}
}

// TestLocalFixAndSilence: a finding in a library, its quick fix and the
// suppression comment, against golden texts.
func TestLocalFixAndSilence(t *testing.T) {
	c := newClient(t, "skipverify.txtar")
	c.initialize(nil)
	uri := c.open("client/client.go")
	c.waitRound()
	diags := withCode(c.diagnostics(uri), "skipverify")
	if len(diags) != 1 {
		t.Fatalf("want 1 skipverify diagnostic, got %+v", c.diagnostics(uri))
	}
	actions := c.codeActions(uri, protocol.Range{Start: diags[0].Range.Start, End: diags[0].Range.Start})
	if len(actions) != 2 {
		t.Fatalf("want a fix and a silence action, got %+v", actions)
	}
	fix, silence := actions[0], actions[1]
	if !fix.IsPreferred || silence.IsPreferred || !strings.Contains(silence.Title, "Silence skipverify") {
		t.Fatalf("actions: %+v", actions)
	}
	original := c.text(uri)
	c.apply(silence)
	if got, want := c.text(uri), golden(t, "skipverify.txtar", "golden/silenced/client/client.go"); got != want {
		t.Errorf("silenced:\n%s\nwant:\n%s", got, want)
	}
	c.waitRound()
	// The directive is in the editor's text only (not saved): the checks
	// must read that text, not the file on disk, to see it on its own line.
	if d := withCode(c.diagnostics(uri), "skipverify"); len(d) != 0 {
		t.Errorf("silenced, unsaved: the finding is still there: %+v", d)
	}
	// A directive at the end of a line with code covers that line only.
	c.replace(uri, "\n\t\t//scratchvet:ignore", " //scratchvet:ignore")
	c.waitRound()
	if d := withCode(c.diagnostics(uri), "skipverify"); len(d) != 1 {
		t.Errorf("directive after the code of the line above, unsaved: want the finding, got %+v", c.diagnostics(uri))
	}
	// Back to the original text, then the fix.
	c.edit(uri, protocol.TextEdit{Range: wholeRange(c.text(uri)), NewText: original})
	c.waitRound()
	diags = withCode(c.diagnostics(uri), "skipverify")
	if len(diags) != 1 {
		t.Fatalf("after undo: %+v", c.diagnostics(uri))
	}
	actions = c.codeActions(uri, diags[0].Range)
	c.apply(actions[0])
	if got, want := c.text(uri), golden(t, "skipverify.txtar", "golden/client/client.go"); got != want {
		t.Errorf("fixed:\n%s\nwant:\n%s", got, want)
	}
	c.waitRound()
	if d := c.diagnostics(uri); len(d) != 0 {
		t.Errorf("after the fix: %+v", d)
	}
}

func wholeRange(text string) protocol.Range {
	m := protocol.NewMapper([]byte(text))
	r, _ := m.Range(0, len(text))
	return r
}

// TestCancel: a code action waits for the pending round (here delayed a
// minute); $/cancelRequest makes it answer RequestCancelled.
func TestCancel(t *testing.T) {
	c := newClient(t, "skipverify.txtar")
	c.initialize(map[string]any{"delay": 60000})
	uri := c.open("client/client.go")
	c.waitRound()
	c.replace(uri, "example.com", "example.org") // due in a minute
	id := jsonrpc2.ID{Num: 4242}
	w, err := c.conn.DispatchCall(context.Background(), protocol.MethodCodeAction, protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri},
	}, jsonrpc2.PickID(id))
	if err != nil {
		t.Fatal(err)
	}
	c.notify(protocol.MethodCancel, protocol.CancelParams{ID: protocol.IntegerValue(4242)})
	err = w.Wait(context.Background(), nil)
	if rpcCode(err) != protocol.CodeRequestCancelled {
		t.Fatalf("cancelled request: got %v, want RequestCancelled", err)
	}
}

// TestBadOptions: each invalid option is named in a showMessage error and
// the server works with the defaults.
func TestBadOptions(t *testing.T) {
	c := newClient(t, "demo.txtar")
	c.initialize(map[string]any{
		"run":     "sometimes",
		"target":  "nonesuch",
		"checks":  map[string]bool{"nope": false},
		"delay":   "soon",
		"colours": true,
	})
	mainURI := c.open("cmd/server/main.go")
	c.waitRound()
	msgs := c.messagesText()
	for _, want := range []string{`option "run"`, `option "target"`, `unknown check "nope"`, `option "delay"`, `unknown option "colours"`} {
		if !strings.Contains(msgs, want) {
			t.Errorf("messages lack %s:\n%s", want, msgs)
		}
	}
	if d := withCode(c.diagnostics(mainURI), "tzdata"); len(d) != 1 || !strings.Contains(d[0].Message, "fails on scratch") {
		t.Errorf("with the defaults: want the tzdata finding for scratch, got %+v", c.diagnostics(mainURI))
	}
	// A valid change of configuration applies: a target with a zone
	// database has no tzdata finding.
	c.notify(protocol.MethodDidChangeConfiguration, protocol.DidChangeConfigurationParams{
		Settings: []byte(`{"scratchvet": {"target": "scratch,zoneinfo=true", "diagnosticsDoneNotification": true}}`),
	})
	c.waitFor("the reload", func() bool { return len(withCode(c.diags[mainURI].Diagnostics, "tzdata")) == 0 })
}

// TestBadConfigFile: an invalid scratchvet.toml is reported with its
// line; the server stays up.
func TestBadConfigFile(t *testing.T) {
	c := newClient(t, "demo.txtar")
	if err := os.WriteFile(filepath.Join(c.dir, "scratchvet.toml"), []byte("target = \"alpine\"\nbogus = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.initialize(nil)
	c.open("cmd/server/main.go")
	c.waitRound()
	if msgs := c.messagesText(); !strings.Contains(msgs, "scratchvet.toml:2") {
		t.Errorf("messages lack the config file's error:\n%s", msgs)
	}
	// Fixing the file (the watcher reports it) brings the findings back.
	if err := os.WriteFile(filepath.Join(c.dir, "scratchvet.toml"), []byte("target = \"alpine\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify(protocol.MethodDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{
		{URI: c.uri("scratchvet.toml"), Type: protocol.FileChanged},
	}})
	mainURI := c.uri("cmd/server/main.go")
	c.waitFor("alpine findings", func() bool {
		for _, d := range c.diags[mainURI].Diagnostics {
			if strings.Contains(d.Message, "alpine") {
				return true
			}
		}
		return false
	})
}

// TestStaleRoundWithheld: a round that ends with newer changes waiting
// publishes nothing (its text is out of date: an editor action sent as
// several notifications, caught half applied), and the next one
// publishes; but never two rounds in a row are withheld, so that results
// still come while changes keep arriving.
func TestStaleRoundWithheld(t *testing.T) {
	c := newClient(t, "skipverify.txtar")
	c.initialize(nil)
	uri := c.open("client/client.go")
	c.waitRound()
	if len(withCode(c.diagnostics(uri), "skipverify")) != 1 {
		t.Fatalf("want 1 skipverify diagnostic, got %+v", c.diagnostics(uri))
	}

	// Each round tells the test it took its text; the first `waits`
	// rounds then wait until newer changes arrived.
	e := c.server.work
	started := make(chan struct{}, 16)
	var mu sync.Mutex
	waits := 0
	e.mu.Lock()
	e.roundHook = func() {
		started <- struct{}{}
		mu.Lock()
		wait := waits > 0
		waits--
		mu.Unlock()
		deadline := time.Now().Add(waitTimeout)
		for wait && !e.newerChanges() && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond) // polls a condition the test is about to make true
		}
	}
	e.mu.Unlock()
	arm := func(n int) int {
		mu.Lock()
		defer mu.Unlock()
		waits = n
		c.mu.Lock()
		defer c.mu.Unlock()
		return len(c.history)
	}
	// published returns the lines of the skipverify findings of each
	// publication for the file since mark.
	published := func(mark int) [][]uint32 {
		c.mu.Lock()
		defer c.mu.Unlock()
		var out [][]uint32
		for _, p := range c.history[mark:] {
			if p.URI != uri {
				continue
			}
			lines := []uint32{}
			for _, d := range withCode(p.Diagnostics, "skipverify") {
				lines = append(lines, d.Range.Start.Line)
			}
			out = append(out, lines)
		}
		return out
	}
	const on, off = "InsecureSkipVerify: true", "InsecureSkipVerify: false"
	original := withCode(c.diagnostics(uri), "skipverify")[0].Range.Start.Line

	// Withheld: the round of the first edit sees the second one waiting.
	mark := arm(1)
	stale := c.replace(uri, on, off)
	<-started
	c.replace(uri, off, "\n\t\t"+on) // the finding comes back a line lower
	<-started
	c.waitRound()
	if got := published(mark); fmt.Sprint(got) != fmt.Sprint([][]uint32{{original + 1}}) {
		t.Errorf("withheld round: publications %v, want only the finding on line %d", got, original+1)
	}
	c.mu.Lock()
	for _, r := range c.rounds {
		if r.Documents[uri] == stale {
			t.Errorf("the withheld round (version %d) sent diagnosticsDone: %+v", stale, r)
		}
	}
	c.mu.Unlock()

	// Not twice in a row: the second round publishes its (already stale)
	// results, then the third the current ones.
	mark = arm(2)
	c.replace(uri, on, off)
	<-started
	c.replace(uri, off, "\n\t\t"+on)
	<-started
	c.replace(uri, on, off)
	c.waitRound()
	if got := published(mark); fmt.Sprint(got) != fmt.Sprint([][]uint32{{original + 2}, {}}) {
		t.Errorf("second stale round: publications %v, want the finding on line %d, then none", got, original+2)
	}
}

// TestDeploymentFileChange: the findings follow the Dockerfile: a command
// shipped on alpine without tzdata has a tzdata finding naming the image;
// adding `apk add tzdata` to the Dockerfile (the watcher reports it) clears
// it, without a restart.
func TestDeploymentFileChange(t *testing.T) {
	c := newClient(t, "demo.txtar")
	dockerfile := filepath.Join(c.dir, "Dockerfile")
	write := func(extra string) {
		src := "FROM golang:1.23-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/server ./cmd/server\n\nFROM alpine:3.20\n" +
			extra + "COPY --from=build /out/server /server\n"
		if err := os.WriteFile(dockerfile, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("")
	c.initialize(nil)
	c.open("cmd/server/main.go")
	mainURI := c.uri("cmd/server/main.go")
	c.waitFor("a tzdata finding on alpine", func() bool {
		for _, d := range withCode(c.diags[mainURI].Diagnostics, "tzdata") {
			if strings.Contains(d.Message, "alpine (Dockerfile:6)") {
				return true
			}
		}
		return false
	})
	write("RUN apk add --no-cache tzdata\n")
	c.notify(protocol.MethodDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{
		{URI: c.uri("Dockerfile"), Type: protocol.FileChanged},
	}})
	c.waitFor("no tzdata finding once the image has tzdata", func() bool {
		return len(withCode(c.diags[mainURI].Diagnostics, "tzdata")) == 0
	})
}

// TestUndeployedMainPackage: a main package that no deployment ships, in
// a workspace whose Dockerfile ships another, gets only the findings of
// the checks that judge the code alone, as in the standalone checker and
// go vet (cmd/scratchvet TestUndeployedMainPackage).
func TestUndeployedMainPackage(t *testing.T) {
	c := newClient(t, "demo.txtar")
	files := map[string]string{
		"Dockerfile": "FROM golang:1.23-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/server ./cmd/server\n\n" +
			"FROM alpine:3.20\nCOPY --from=build /out/server /server\n",
		"cmd/tool/main.go": "// Command tool is a developer's tool.\npackage main\n\nimport (\n\t\"crypto/tls\"\n\t\"fmt\"\n\t\"time\"\n)\n\n" +
			"func main() {\n\tloc, err := time.LoadLocation(\"Europe/Paris\")\n\tfmt.Println(loc, err, &tls.Config{InsecureSkipVerify: true})\n}\n",
	}
	for name, text := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(c.dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(c.dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c.initialize(nil)
	c.open("cmd/server/main.go")
	c.open("cmd/tool/main.go")
	serverURI, toolURI := c.uri("cmd/server/main.go"), c.uri("cmd/tool/main.go")
	c.waitFor("server's tzdata finding on alpine and tool's skipverify finding", func() bool {
		return len(withCode(c.diags[serverURI].Diagnostics, "tzdata")) > 0 && len(withCode(c.diags[toolURI].Diagnostics, "skipverify")) > 0
	})
	c.mu.Lock()
	tool := c.diags[toolURI].Diagnostics
	c.mu.Unlock()
	for _, d := range tool {
		if string(d.Code) != "skipverify" {
			t.Errorf("tool, which nothing deploys, has a %s finding: %s", d.Code, d.Message)
		}
	}
}
