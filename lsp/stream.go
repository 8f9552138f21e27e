package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/scratchvet/scratchvet/lsp/protocol"
)

// maxMessage bounds the body of one message. Editors send whole documents
// in didOpen; 64 MiB leaves room for generated files while keeping a bogus
// Content-Length from exhausting memory.
const maxMessage = 64 << 20

// stream is the jsonrpc2.ObjectStream of the server: LSP base-protocol
// framing (Content-Length headers) as jsonrpc2.VSCodeObjectCodec writes it,
// with a reader that survives bad input. VSCodeObjectCodec's reader (and
// jsonrpc2.Conn with it) gives up on the first malformed message, which
// would end the session; this one skips a malformed header block, answers
// a body that is not JSON with a ParseError and a JSON value that is not a
// JSON-RPC message with an InvalidRequest (id null, as JSON-RPC 2.0
// prescribes when the id cannot be known), and reads on.
//
// Writes are queued and written by a goroutine of their own, so that the
// server never blocks on a client that is busy writing to it (both sides
// writing at once deadlock on an unbuffered pipe).
type stream struct {
	r    *bufio.Reader
	c    io.Closer
	logf func(format string, args ...any)

	mu     sync.Mutex
	queue  [][]byte
	ready  chan struct{} // cap 1: the queue is not empty
	werr   error         // the first write error; later writes fail with it
	closed bool
	wdone  chan struct{}
}

func newStream(rwc io.ReadWriteCloser, logf func(string, ...any)) *stream {
	s := &stream{r: bufio.NewReader(rwc), c: rwc, logf: logf, ready: make(chan struct{}, 1), wdone: make(chan struct{})}
	go s.writer(rwc)
	return s
}

// WriteObject implements jsonrpc2.ObjectStream: it frames obj as
// jsonrpc2.VSCodeObjectCodec does and queues it.
func (s *stream) WriteObject(obj any) error {
	var buf bytes.Buffer
	if err := (jsonrpc2.VSCodeObjectCodec{}).WriteObject(&buf, obj); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.werr != nil {
		return s.werr
	}
	if s.closed {
		return io.ErrClosedPipe
	}
	s.queue = append(s.queue, buf.Bytes())
	select {
	case s.ready <- struct{}{}:
	default:
	}
	return nil
}

func (s *stream) writer(w io.Writer) {
	defer close(s.wdone)
	for {
		s.mu.Lock()
		queue := s.queue
		s.queue = nil
		closed := s.closed
		s.mu.Unlock()
		for _, msg := range queue {
			if _, err := w.Write(msg); err != nil {
				s.mu.Lock()
				s.werr = err
				s.mu.Unlock()
				return
			}
		}
		if len(queue) == 0 && closed {
			return
		}
		if len(queue) == 0 {
			<-s.ready
		}
	}
}

// Close implements jsonrpc2.ObjectStream: it writes what is queued (an
// exit's last replies), then closes the connection.
func (s *stream) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	select {
	case s.ready <- struct{}{}:
	default:
	}
	s.mu.Unlock()
	select {
	case <-s.wdone:
	case <-time.After(5 * time.Second): // a client that stopped reading
	}
	return s.c.Close()
}

// errFrame is a malformed header block: it is skipped.
type errFrame struct{ msg string }

func (e *errFrame) Error() string { return "malformed message header: " + e.msg }

// ReadObject implements jsonrpc2.ObjectStream. It returns an error only
// when the input ends or fails: that ends the connection.
func (s *stream) ReadObject(v any) error {
	for {
		body, err := s.readFrame()
		var fe *errFrame
		if errors.As(err, &fe) {
			s.logf("%v", err)
			continue
		}
		if err != nil {
			return err
		}
		if !json.Valid(body) {
			s.replyError(protocol.CodeParseError, "parse error: message body is not valid JSON")
			continue
		}
		if err := json.Unmarshal(body, v); err != nil {
			s.replyError(protocol.CodeInvalidRequest, "invalid request: "+err.Error())
			continue
		}
		return nil
	}
}

// readFrame reads one header block and its body. Lines end in "\r\n"
// (a bare "\n" is tolerated); header names are case-insensitive.
func (s *stream) readFrame() ([]byte, error) {
	length := -1
	var bad string
	sawHeader := false
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			if err == io.EOF && line != "" {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if !sawHeader {
				continue // stray blank lines between messages
			}
			break
		}
		sawHeader = true
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			bad = fmt.Sprintf("header line %q has no colon", line)
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || n < 0 {
				bad = fmt.Sprintf("invalid Content-Length %q", strings.TrimSpace(value))
				continue
			}
			length = int(min(n, int64(maxMessage)+1))
		}
	}
	switch {
	case bad != "":
		return nil, &errFrame{bad}
	case length < 0:
		return nil, &errFrame{"no Content-Length header"}
	case length > maxMessage:
		return nil, &errFrame{fmt.Sprintf("message longer than %d bytes", maxMessage)}
	}
	// Read as the data comes rather than allocating Content-Length bytes
	// up front: a bogus length then costs nothing.
	var body bytes.Buffer
	if n, err := io.CopyN(&body, s.r, int64(length)); err != nil {
		if err == io.EOF && n < int64(length) {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return body.Bytes(), nil
}

// replyError answers a message that could not be read, with id null.
func (s *stream) replyError(code int64, msg string) {
	s.logf("%s", msg)
	resp := struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      *struct{}       `json:"id"`
		Error   *jsonrpc2.Error `json:"error"`
	}{"2.0", nil, &jsonrpc2.Error{Code: code, Message: msg}}
	if err := s.WriteObject(resp); err != nil {
		s.logf("writing error response: %v", err)
	}
}
