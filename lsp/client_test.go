package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	"golang.org/x/tools/txtar"

	"github.com/scratchvet/scratchvet/lsp/protocol"
)

// The integration tests run a Server in process and talk to it as an
// editor does, over a pipe with LSP framing. They never sleep: they wait
// for the server's $/scratchvet/diagnosticsDone notification (enabled by
// the diagnosticsDoneNotification option), with a generous timeout that
// only fails a hung test.

const waitTimeout = 2 * time.Minute

// fakeClient is the editor side of a session.
type fakeClient struct {
	t      *testing.T
	conn   *jsonrpc2.Conn
	server *Server
	dir    string // the workspace

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every notification
	diags    map[protocol.DocumentURI]protocol.PublishDiagnosticsParams
	history  []protocol.PublishDiagnosticsParams // every publication, in order
	rounds   []diagnosticsDoneParams
	messages []protocol.ShowMessageParams
	logs     []protocol.LogMessageParams
	progress []protocol.ProgressParams
	versions map[protocol.DocumentURI]int32
	texts    map[protocol.DocumentURI]string
}

// newClient extracts a txtar workspace into a temporary directory and
// starts a server on it. The archive's files under "golden/" are not
// extracted (they are expected results).
func newClient(t *testing.T, archive string) *fakeClient {
	t.Helper()
	dir := t.TempDir()
	if archive != "" {
		writeArchive(t, dir, archive)
	}
	return startClient(t, dir)
}

func writeArchive(t *testing.T, dir, archive string) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", archive))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "golden/") {
			continue
		}
		name := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// golden returns a file of the archive.
func golden(t *testing.T, archive, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", archive))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	t.Fatalf("%s has no file %s", archive, name)
	return ""
}

func startClient(t *testing.T, dir string) *fakeClient {
	t.Helper()
	serverEnd, clientEnd := net.Pipe()
	c := &fakeClient{
		t: t, dir: dir,
		changed:  make(chan struct{}),
		diags:    map[protocol.DocumentURI]protocol.PublishDiagnosticsParams{},
		versions: map[protocol.DocumentURI]int32{},
		texts:    map[protocol.DocumentURI]string{},
	}
	c.server = NewServer(serverEnd, testLog{t})
	c.conn = jsonrpc2.NewConn(context.Background(),
		jsonrpc2.NewBufferedStream(clientEnd, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(c.handle), jsonrpc2.SetLogger(testLog{t}))
	t.Cleanup(func() {
		c.conn.Close()
		c.server.Wait()
	})
	return c
}

// testLog sends log output to the test's log, after the test it is
// dropped.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	defer func() { _ = recover() }() // logging after the test ended
	l.t.Logf("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func (l testLog) Printf(format string, args ...any) {
	_, _ = l.Write([]byte(fmt.Sprintf(format, args...)))
}

func (c *fakeClient) handle(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer func() {
		close(c.changed)
		c.changed = make(chan struct{})
	}()
	var raw json.RawMessage
	if req.Params != nil {
		raw = *req.Params
	}
	switch req.Method {
	case protocol.MethodPublishDiagnostics:
		var p protocol.PublishDiagnosticsParams
		if err := json.Unmarshal(raw, &p); err != nil {
			c.t.Errorf("bad publishDiagnostics: %v", err)
		}
		c.diags[p.URI] = p
		c.history = append(c.history, p)
	case methodDiagnosticsDone:
		var p diagnosticsDoneParams
		if err := json.Unmarshal(raw, &p); err != nil {
			c.t.Errorf("bad diagnosticsDone: %v", err)
		}
		c.rounds = append(c.rounds, p)
	case protocol.MethodShowMessage:
		var p protocol.ShowMessageParams
		_ = json.Unmarshal(raw, &p)
		c.messages = append(c.messages, p)
	case protocol.MethodLogMessage:
		var p protocol.LogMessageParams
		_ = json.Unmarshal(raw, &p)
		c.logs = append(c.logs, p)
	case protocol.MethodProgress:
		var p protocol.ProgressParams
		_ = json.Unmarshal(raw, &p)
		c.progress = append(c.progress, p)
	case protocol.MethodWorkDoneProgressCreate, protocol.MethodRegisterCapability:
		return nil, nil
	default:
		if !req.Notif {
			return nil, &jsonrpc2.Error{Code: protocol.CodeMethodNotFound, Message: req.Method}
		}
	}
	return nil, nil
}

// initialize runs the handshake with the given initializationOptions (the
// diagnosticsDone notification is always asked for).
func (c *fakeClient) initialize(opts map[string]any) {
	c.t.Helper()
	if opts == nil {
		opts = map[string]any{}
	}
	opts["diagnosticsDoneNotification"] = true
	data, _ := json.Marshal(opts)
	params := protocol.InitializeParams{
		RootURI: protocol.URIFromPath(c.dir),
		Capabilities: protocol.ClientCapabilities{
			Window: &protocol.WindowClientCapabilities{WorkDoneProgress: true},
			Workspace: &protocol.WorkspaceClientCapabilities{
				DidChangeWatchedFiles: &protocol.DidChangeWatchedFilesClientCapabilities{DynamicRegistration: true},
			},
		},
		InitializationOptions: data,
		WorkspaceFolders:      []protocol.WorkspaceFolder{{URI: protocol.URI(protocol.URIFromPath(c.dir)), Name: "ws"}},
	}
	var res protocol.InitializeResult
	if err := c.conn.Call(context.Background(), protocol.MethodInitialize, params, &res); err != nil {
		c.t.Fatalf("initialize: %v", err)
	}
	if res.Capabilities.TextDocumentSync == nil || res.Capabilities.TextDocumentSync.Change != protocol.SyncIncremental {
		c.t.Fatalf("initialize result: %+v", res)
	}
	c.notify(protocol.MethodInitialized, protocol.InitializedParams{})
}

func (c *fakeClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *fakeClient) uri(rel string) protocol.DocumentURI {
	return protocol.URIFromPath(filepath.Join(c.dir, rel))
}

// open opens a workspace file with its text on disk.
func (c *fakeClient) open(rel string) protocol.DocumentURI {
	c.t.Helper()
	data, err := os.ReadFile(filepath.Join(c.dir, rel))
	if err != nil {
		c.t.Fatal(err)
	}
	uri := c.uri(rel)
	c.mu.Lock()
	c.versions[uri] = 1
	c.texts[uri] = string(data)
	c.mu.Unlock()
	c.notify(protocol.MethodDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri, LanguageID: "go", Version: 1, Text: string(data),
	}})
	return uri
}

// edit sends an incremental change (edits applied in order, each relative
// to the text after the previous ones) and returns the new version.
func (c *fakeClient) edit(uri protocol.DocumentURI, edits ...protocol.TextEdit) int32 {
	c.t.Helper()
	c.mu.Lock()
	text := []byte(c.texts[uri])
	var changes []protocol.TextDocumentContentChangeEvent
	for _, e := range edits {
		r := e.Range
		changes = append(changes, protocol.TextDocumentContentChangeEvent{Range: &r, Text: e.NewText})
	}
	out, err := protocol.ApplyChanges(text, changes)
	if err != nil {
		c.mu.Unlock()
		c.t.Fatal(err)
	}
	c.versions[uri]++
	v := c.versions[uri]
	c.texts[uri] = string(out)
	c.mu.Unlock()
	c.notify(protocol.MethodDidChange, protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{URI: uri, Version: v},
		ContentChanges: changes,
	})
	return v
}

// replace edits the first occurrence of old in the document.
func (c *fakeClient) replace(uri protocol.DocumentURI, old, new string) int32 {
	c.t.Helper()
	c.mu.Lock()
	text := c.texts[uri]
	c.mu.Unlock()
	i := strings.Index(text, old)
	if i < 0 {
		c.t.Fatalf("%s has no %q", uri, old)
	}
	m := protocol.NewMapper([]byte(text))
	r, err := m.Range(i, i+len(old))
	if err != nil {
		c.t.Fatal(err)
	}
	return c.edit(uri, protocol.TextEdit{Range: r, NewText: new})
}

func (c *fakeClient) text(uri protocol.DocumentURI) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.texts[uri]
}

// save writes the document to disk and sends didSave.
func (c *fakeClient) save(uri protocol.DocumentURI) {
	c.t.Helper()
	path, _ := uri.Path()
	if err := os.WriteFile(path, []byte(c.text(uri)), 0o644); err != nil {
		c.t.Fatal(err)
	}
	c.notify(protocol.MethodDidSave, protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}})
}

// waitFor waits until cond holds (checked after every notification).
func (c *fakeClient) waitFor(what string, cond func() bool) {
	c.t.Helper()
	deadline := time.After(waitTimeout)
	for {
		c.mu.Lock()
		ok := cond()
		ch := c.changed
		c.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			c.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// waitRound waits for a diagnostics round that analysed the current
// version of every open document, and returns the number of rounds so far.
func (c *fakeClient) waitRound() int {
	c.t.Helper()
	n := 0
	c.waitFor("a diagnostics round", func() bool {
		for i := len(c.rounds) - 1; i >= 0; i-- {
			r := c.rounds[i]
			ok := true
			for uri, v := range c.versions {
				if r.Documents[uri] < v {
					ok = false
				}
			}
			if ok {
				n = len(c.rounds)
				return true
			}
		}
		return false
	})
	return n
}

// diagnostics returns the current diagnostics of a document.
func (c *fakeClient) diagnostics(uri protocol.DocumentURI) []protocol.Diagnostic {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.diags[uri].Diagnostics
}

// withCode returns the diagnostics of a check.
func withCode(diags []protocol.Diagnostic, code string) []protocol.Diagnostic {
	var out []protocol.Diagnostic
	for _, d := range diags {
		if string(d.Code) == code {
			out = append(out, d)
		}
	}
	return out
}

func (c *fakeClient) codeActions(uri protocol.DocumentURI, r protocol.Range) []protocol.CodeAction {
	c.t.Helper()
	var actions []protocol.CodeAction
	err := c.conn.Call(context.Background(), protocol.MethodCodeAction, protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Range: r,
	}, &actions)
	if err != nil {
		c.t.Fatalf("codeAction: %v", err)
	}
	return actions
}

// apply applies a code action's edit to the client's documents, as an
// editor does, sending the change to the server.
func (c *fakeClient) apply(a protocol.CodeAction) {
	c.t.Helper()
	if a.Edit == nil {
		c.t.Fatalf("action %q has no edit", a.Title)
	}
	var uris []string
	for uri := range a.Edit.Changes {
		uris = append(uris, string(uri))
	}
	sort.Strings(uris)
	for _, u := range uris {
		uri := protocol.DocumentURI(u)
		edits := append([]protocol.TextEdit(nil), a.Edit.Changes[uri]...)
		// Edits of one WorkspaceEdit refer to the original text: apply
		// them from the last to the first.
		sort.SliceStable(edits, func(i, j int) bool { return before(edits[j].Range.Start, edits[i].Range.Start) })
		c.edit(uri, edits...)
	}
}

func (c *fakeClient) shutdown() bool {
	c.t.Helper()
	if err := c.conn.Call(context.Background(), protocol.MethodShutdown, nil, nil); err != nil {
		c.t.Fatalf("shutdown: %v", err)
	}
	c.notify(protocol.MethodExit, nil)
	return c.server.Wait()
}

func (c *fakeClient) messagesText() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b strings.Builder
	for _, m := range c.messages {
		fmt.Fprintf(&b, "%d %s\n", m.Type, m.Message)
	}
	return b.String()
}

var _ io.Writer = testLog{}

func jsonUnmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }
