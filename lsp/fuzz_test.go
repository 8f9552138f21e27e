package lsp

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

// frame frames JSON messages as an LSP client does.
func frame(msgs ...string) []byte {
	var b bytes.Buffer
	for _, m := range msgs {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(m), m)
	}
	return b.Bytes()
}

// fuzzConn is a connection whose input is fixed and whose output is
// dropped.
type fuzzConn struct {
	io.Reader
}

func (fuzzConn) Write(p []byte) (int, error) { return len(p), nil }
func (fuzzConn) Close() error                { return nil }

// FuzzServer feeds arbitrary bytes to the server's framing and dispatch
// (with analysis off: no go command runs). The server must neither panic
// nor hang: it ends when the input does.
func FuzzServer(f *testing.F) {
	init := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file:///nonexistent/ws","capabilities":{}}}`
	open := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///nonexistent/ws/a.go","languageId":"go","version":1,"text":"package a\n"}}}`
	change := `{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nonexistent/ws/a.go","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":8},"end":{"line":0,"character":9}},"text":"b"}]}}`
	action := `{"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///nonexistent/ws/a.go"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":1}},"context":{"diagnostics":[]}}}`
	cancel := `{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":2}}`
	config := `{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{"run":7,"target":"alpine,zoneinfo=true"}}}`
	shutdown := `{"jsonrpc":"2.0","id":3,"method":"shutdown"}`
	exit := `{"jsonrpc":"2.0","method":"exit"}`
	f.Add(frame(init, `{"jsonrpc":"2.0","method":"initialized","params":{}}`, open, change, action, cancel, config, shutdown, exit))
	f.Add(frame(action, init, action, "{", `[1,2]`, `{"jsonrpc":"2.0","id":{},"method":"x"}`, `{"id":5,"result":null}`))
	f.Add([]byte("Content-Length: 5\r\n\r\n{}{}{Content-Length: x\r\n\r\nContent-Type: a\r\n\r\n"))
	f.Add([]byte("Content-Length: 99999999999\r\n\r\n"))
	f.Add(append(frame(init, change), []byte("Content-Length: 10\r\n\r\n{\"jsonrpc\"")...))
	f.Add([]byte(strings.Repeat("\r\n", 10) + "garbage\nContent-Length: 2\n\n{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := newServer(fuzzConn{bytes.NewReader(data)}, io.Discard, true)
		done := make(chan struct{})
		go func() {
			s.Wait()
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("server did not end with its input\n%s", buf)
		}
	})
}
