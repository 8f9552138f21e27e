// Package lsp is scratchvet's language server (`scratchvet lsp`): it
// publishes scratchvet's findings as diagnostics while the user types, and
// offers their suggested fixes and a suppression comment as code actions.
//
// Transport is JSON-RPC 2.0 over stdio with LSP framing
// (github.com/sourcegraph/jsonrpc2). Notifications are handled in the
// order they arrive, on the connection's reading goroutine, and only
// update state; analysis runs on one worker goroutine in rounds (engine.go).
// Each round takes a session value from the server (options, workspace
// folders, client capabilities, open documents) and sends what it finds
// through a publisher (publish.go); the engine and its views (view.go,
// update.go, convert.go, move.go) never touch the Server. Requests run
// concurrently, each on its own goroutine, and can be cancelled with
// $/cancelRequest.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/sourcegraph/jsonrpc2"

	scratchversion "github.com/scratchvet/scratchvet/internal/version"
	"github.com/scratchvet/scratchvet/lsp/protocol"
)

// Main runs the server on the process's standard input and output, as
// `scratchvet lsp [--stdio]`. It returns the exit status: 0 after
// shutdown and exit, 1 if the client went away or sent exit without
// shutdown (as the specification prescribes).
func Main(args []string, stdout, stderr io.Writer) int {
	flags, code := parseMainFlags(args, stdout, stderr)
	if flags == nil {
		return code
	}
	stopProfiles, err := flags.startProfiles()
	if err != nil {
		fmt.Fprintf(stderr, "scratchvet lsp: %v\n", err)
		return 2
	}
	s := NewServer(stdio{}, stderr)
	clean := s.Wait()
	if err := stopProfiles(); err != nil {
		fmt.Fprintf(stderr, "scratchvet lsp: %v\n", err)
	}
	if clean {
		return 0
	}
	return 1
}

// stdio joins os.Stdin and os.Stdout. stdout was the argument of Main, but
// the protocol owns the real standard output.
type stdio struct{}

func (stdio) Read(p []byte) (int, error)  { return os.Stdin.Read(p) }
func (stdio) Write(p []byte) (int, error) { return os.Stdout.Write(p) }
func (stdio) Close() error {
	os.Stdin.Close()
	return os.Stdout.Close()
}

// Server is one language server session on one connection.
type Server struct {
	conn   *jsonrpc2.Conn
	logger *log.Logger // stderr: what the client may not show
	done   chan struct{}
	ready  chan struct{} // closed once conn is set

	mu        sync.Mutex
	state     serverState
	exitClean bool // exit came after shutdown
	caps      protocol.ClientCapabilities
	opts      Options
	folders   []string                           // workspace folders (directories)
	docs      map[string]*document               // open documents by file name
	requests  map[jsonrpc2.ID]context.CancelFunc // running requests
	work      *engine
	// noAnalysis keeps the engine from starting (the fuzz test exercises
	// framing and dispatch without running the go command).
	noAnalysis bool
}

type serverState int

const (
	stateNew serverState = iota
	stateInitialized
	stateShutdown
)

// document is an open text document.
type document struct {
	uri     protocol.DocumentURI
	version int32
	content []byte
}

// NewServer starts a server on rwc. Diagnostics of the server itself (a
// client that sends garbage, a panic) go to logw.
func NewServer(rwc io.ReadWriteCloser, logw io.Writer) *Server {
	return newServer(rwc, logw, false)
}

func newServer(rwc io.ReadWriteCloser, logw io.Writer, noAnalysis bool) *Server {
	s := &Server{
		noAnalysis: noAnalysis,
		logger:     log.New(logw, "scratchvet lsp: ", log.LstdFlags),
		done:       make(chan struct{}),
		ready:      make(chan struct{}),
		opts:       defaultOptions(),
		docs:       map[string]*document{},
		requests:   map[jsonrpc2.ID]context.CancelFunc{},
	}
	s.work = newEngine(s.session, clientPublisher{s})
	st := newStream(rwc, s.logger.Printf)
	s.conn = jsonrpc2.NewConn(context.Background(), st, s, jsonrpc2.SetLogger(s.logger))
	close(s.ready) // NewConn reads at once: Handle waits for s.conn
	go func() {
		<-s.conn.DisconnectNotify()
		s.work.stop()
		s.mu.Lock()
		for _, cancel := range s.requests {
			cancel() // nobody is left to read the answers
		}
		s.mu.Unlock()
		close(s.done)
	}()
	return s
}

// Wait blocks until the connection ends and reports whether the session
// ended cleanly (shutdown, then exit).
func (s *Server) Wait() bool {
	<-s.done
	s.work.wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.exitClean
}

// Handle implements jsonrpc2.Handler. It runs on the connection's reading
// goroutine: notifications are handled here, in order; requests are
// checked against the lifecycle here and then run on their own goroutine.
func (s *Server) Handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	<-s.ready
	defer func() {
		// A bug in one handler must not take the session down.
		if p := recover(); p != nil {
			s.logger.Printf("internal error handling %s: %v\n%s", req.Method, p, debug.Stack())
			if !req.Notif {
				s.replyErr(ctx, req.ID, &jsonrpc2.Error{Code: protocol.CodeInternalError, Message: fmt.Sprintf("internal error: %v", p)})
			}
		}
	}()
	if req.Notif {
		s.notification(ctx, req)
		return
	}
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	switch {
	case req.Method == protocol.MethodInitialize:
		if state != stateNew {
			s.replyErr(ctx, req.ID, &jsonrpc2.Error{Code: protocol.CodeInvalidRequest, Message: "initialize sent twice"})
			return
		}
		// Answered before the next message is read: nothing may overtake it.
		res, err := s.initialize(req)
		s.reply(ctx, req, res, err)
		return
	case state == stateNew:
		s.replyErr(ctx, req.ID, &jsonrpc2.Error{Code: protocol.CodeServerNotInitialized, Message: "server not initialized"})
		return
	case state == stateShutdown:
		s.replyErr(ctx, req.ID, &jsonrpc2.Error{Code: protocol.CodeInvalidRequest, Message: "server is shut down"})
		return
	case req.Method == protocol.MethodShutdown:
		s.mu.Lock()
		s.state = stateShutdown
		s.mu.Unlock()
		s.work.stop()
		s.reply(ctx, req, nil, nil)
		return
	}
	rctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	s.requests[req.ID] = cancel
	s.mu.Unlock()
	go func() {
		defer func() {
			if p := recover(); p != nil {
				s.logger.Printf("internal error handling %s: %v\n%s", req.Method, p, debug.Stack())
				s.replyErr(ctx, req.ID, &jsonrpc2.Error{Code: protocol.CodeInternalError, Message: fmt.Sprintf("internal error: %v", p)})
			}
		}()
		res, err := s.request(rctx, req)
		s.mu.Lock()
		delete(s.requests, req.ID)
		s.mu.Unlock()
		if rctx.Err() != nil && ctx.Err() == nil {
			err = &jsonrpc2.Error{Code: protocol.CodeRequestCancelled, Message: "request cancelled"}
		}
		cancel()
		s.reply(ctx, req, res, err)
	}()
}

// request dispatches a request after initialize.
func (s *Server) request(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	switch req.Method {
	case protocol.MethodCodeAction:
		var p protocol.CodeActionParams
		if err := params(req, &p); err != nil {
			return nil, err
		}
		return s.codeAction(ctx, &p)
	}
	return nil, &jsonrpc2.Error{Code: protocol.CodeMethodNotFound, Message: "method not found: " + req.Method}
}

// notification handles a notification, in order of arrival.
func (s *Server) notification(ctx context.Context, req *jsonrpc2.Request) {
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	if req.Method == protocol.MethodExit {
		s.mu.Lock()
		s.exitClean = state == stateShutdown
		s.mu.Unlock()
		s.conn.Close()
		return
	}
	if state == stateNew {
		return // the specification: drop notifications before initialize
	}
	var err error
	switch req.Method {
	case protocol.MethodInitialized:
		if !s.noAnalysis {
			s.work.start()
		}
		go s.registerWatchers(ctx)
	case protocol.MethodCancel:
		var p protocol.CancelParams
		if err = params(req, &p); err == nil {
			id := jsonrpc2.ID{Num: uint64(p.ID.Int), Str: p.ID.Str, IsString: p.ID.IsString}
			s.mu.Lock()
			if cancel := s.requests[id]; cancel != nil {
				cancel()
			}
			s.mu.Unlock()
		}
	case protocol.MethodDidOpen:
		var p protocol.DidOpenTextDocumentParams
		if err = params(req, &p); err == nil {
			err = s.didOpen(&p)
		}
	case protocol.MethodDidChange:
		var p protocol.DidChangeTextDocumentParams
		if err = params(req, &p); err == nil {
			err = s.didChange(&p)
		}
	case protocol.MethodDidSave:
		var p protocol.DidSaveTextDocumentParams
		if err = params(req, &p); err == nil {
			err = s.didSave(&p)
		}
	case protocol.MethodDidClose:
		var p protocol.DidCloseTextDocumentParams
		if err = params(req, &p); err == nil {
			err = s.didClose(&p)
		}
	case protocol.MethodDidChangeConfiguration:
		var p protocol.DidChangeConfigurationParams
		if err = params(req, &p); err == nil {
			s.didChangeConfiguration(ctx, p.Settings)
		}
	case protocol.MethodDidChangeWatchedFiles:
		var p protocol.DidChangeWatchedFilesParams
		if err = params(req, &p); err == nil {
			s.didChangeWatchedFiles(&p)
		}
	case protocol.MethodDidChangeWorkspaceFolders:
		var p protocol.DidChangeWorkspaceFoldersParams
		if err = params(req, &p); err == nil {
			s.didChangeWorkspaceFolders(&p)
		}
	case protocol.MethodSetTrace:
	default:
		if len(req.Method) < 2 || req.Method[:2] != "$/" {
			s.logger.Printf("ignoring unknown notification %q", req.Method)
		}
	}
	if err != nil {
		s.logMessage(ctx, protocol.MessageError, fmt.Sprintf("%s: %v", req.Method, err))
	}
}

// params decodes a message's params; a decoding error is InvalidParams.
func params(req *jsonrpc2.Request, v any) error {
	if req.Params == nil {
		return &jsonrpc2.Error{Code: protocol.CodeInvalidParams, Message: "missing params"}
	}
	if err := json.Unmarshal(*req.Params, v); err != nil {
		return &jsonrpc2.Error{Code: protocol.CodeInvalidParams, Message: "invalid params: " + err.Error()}
	}
	return nil
}

func (s *Server) reply(ctx context.Context, req *jsonrpc2.Request, res any, err error) {
	if err != nil {
		var rpcErr *jsonrpc2.Error
		if !errors.As(err, &rpcErr) {
			rpcErr = &jsonrpc2.Error{Code: protocol.CodeRequestFailed, Message: err.Error()}
		}
		s.replyErr(ctx, req.ID, rpcErr)
		return
	}
	if err := s.conn.Reply(ctx, req.ID, res); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.logger.Printf("replying to %s: %v", req.Method, err)
	}
}

func (s *Server) replyErr(ctx context.Context, id jsonrpc2.ID, e *jsonrpc2.Error) {
	if err := s.conn.ReplyWithError(ctx, id, e); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.logger.Printf("replying with error: %v", err)
	}
}

// initialize answers the initialize request.
func (s *Server) initialize(req *jsonrpc2.Request) (any, error) {
	var p protocol.InitializeParams
	if err := params(req, &p); err != nil {
		return nil, err
	}
	opts, problems := parseOptions(p.InitializationOptions)
	s.mu.Lock()
	s.state = stateInitialized
	s.caps = p.Capabilities
	s.opts = opts
	for _, f := range p.WorkspaceFolders {
		if dir, err := f.URI.Path(); err == nil {
			s.folders = append(s.folders, dir)
		}
	}
	if len(s.folders) == 0 {
		if dir, err := p.RootURI.Path(); err == nil {
			s.folders = append(s.folders, dir)
		} else if p.RootPath != "" {
			s.folders = append(s.folders, filepath.Clean(p.RootPath))
		}
	}
	s.mu.Unlock()
	s.configure(context.Background(), opts, problems)
	return protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			// Positions count UTF-16 code units, the encoding every client
			// supports, whatever general.positionEncodings offers.
			PositionEncoding: protocol.PositionUTF16,
			TextDocumentSync: &protocol.TextDocumentSyncOptions{
				OpenClose: true,
				Change:    protocol.SyncIncremental,
				Save:      &protocol.SaveOptions{},
			},
			CodeActionProvider: &protocol.CodeActionOptions{
				CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionQuickFix},
			},
			Workspace: &protocol.WorkspaceOptions{
				WorkspaceFolders: &protocol.WorkspaceFoldersServerCapabilities{Supported: true, ChangeNotifications: true},
			},
		},
		ServerInfo: &protocol.ServerInfo{Name: "scratchvet", Version: version()},
	}, nil
}

func version() string { return scratchversion.Version() }

// configure records new options. Problems are shown to the user, naming
// the options; the server goes on with the defaults for those. The
// process-wide settings flags are set by the engine's worker, between
// rounds, as the checks read them during rounds.
func (s *Server) configure(ctx context.Context, opts Options, problems []string) {
	s.mu.Lock()
	s.opts = opts
	s.mu.Unlock()
	s.work.settingsChanged()
	for _, p := range problems {
		// showMessage is a notification: safe from the reading goroutine.
		s.notify(ctx, protocol.MethodShowMessage, protocol.ShowMessageParams{
			Type: protocol.MessageError, Message: "scratchvet: invalid setting: " + p + " (using the default)",
		})
	}
}

// didChangeConfiguration replaces the settings with those sent, except
// that null and an empty object leave them as they are: Eglot sends
// {"settings": {}} right after initialize, meaning it has no workspace
// configuration, not that the initializationOptions are void. A client
// resets every setting with {"scratchvet": {}}.
func (s *Server) didChangeConfiguration(ctx context.Context, raw json.RawMessage) {
	if t := strings.Join(strings.Fields(string(raw)), ""); t == "" || t == "null" || t == "{}" {
		return
	}
	opts, problems := parseOptions(raw)
	s.configure(ctx, opts, problems)
	s.work.reloadAll()
}

func (s *Server) notify(ctx context.Context, method string, params any) {
	if err := s.conn.Notify(ctx, method, params); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.logger.Printf("sending %s: %v", method, err)
	}
}

// logMessage sends window/logMessage (errors the user may want to see in
// the client's log, such as a failing go command).
func (s *Server) logMessage(ctx context.Context, typ protocol.MessageType, msg string) {
	s.notify(ctx, protocol.MethodLogMessage, protocol.LogMessageParams{Type: typ, Message: msg})
}

// registerWatchers asks the client to report changes of the files that
// change how packages load: go.mod, go.sum, go.work and the config file,
// and Go files created or deleted outside the editor.
func (s *Server) registerWatchers(ctx context.Context) {
	s.mu.Lock()
	ws := s.caps.Workspace
	s.mu.Unlock()
	if ws == nil || ws.DidChangeWatchedFiles == nil || !ws.DidChangeWatchedFiles.DynamicRegistration {
		return
	}
	opts, _ := json.Marshal(protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: []protocol.FileSystemWatcher{
		{GlobPattern: "**/go.mod"}, {GlobPattern: "**/go.sum"}, {GlobPattern: "**/go.work"},
		{GlobPattern: "**/scratchvet.toml"}, {GlobPattern: "**/.scratchvet.toml"},
		// The deployment files discovery reads (docs/deployments.md).
		{GlobPattern: "**/{Dockerfile,Containerfile,Dockerfile.*,Containerfile.*,*.Dockerfile,*.dockerfile,*.Containerfile}"},
		{GlobPattern: "**/{Makefile,makefile,GNUmakefile,*.mk}"},
		{GlobPattern: "**/{.goreleaser.yml,.goreleaser.yaml,goreleaser.yml,goreleaser.yaml,.ko.yaml,.ko.yml,.promu.yml,.promu-*.yml}"},
		{GlobPattern: "**/*.go", Kind: protocol.WatchCreate | protocol.WatchDelete | protocol.WatchChange},
	}})
	err := s.conn.Call(ctx, protocol.MethodRegisterCapability, protocol.RegistrationParams{Registrations: []protocol.Registration{
		{ID: "scratchvet-watch", Method: protocol.MethodDidChangeWatchedFiles, RegisterOptions: opts},
	}}, nil)
	if err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.logger.Printf("registering file watchers: %v", err)
	}
}
