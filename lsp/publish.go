package lsp

import (
	"context"
	"encoding/json"

	"github.com/scratchvet/scratchvet/lsp/protocol"
)

// clientPublisher is the engine's publisher: it sends over the server's
// connection what the engine found.
type clientPublisher struct{ s *Server }

func (p clientPublisher) publishDiagnostics(params protocol.PublishDiagnosticsParams) {
	p.s.notify(context.Background(), protocol.MethodPublishDiagnostics, params)
}

func (p clientPublisher) diagnosticsDone(params diagnosticsDoneParams) {
	p.s.notify(context.Background(), methodDiagnosticsDone, params)
}

func (p clientPublisher) showMessage(typ protocol.MessageType, msg string) {
	p.s.notify(context.Background(), protocol.MethodShowMessage, protocol.ShowMessageParams{Type: typ, Message: msg})
}

func (p clientPublisher) logMessage(typ protocol.MessageType, msg string) {
	p.s.logMessage(context.Background(), typ, msg)
}

func (p clientPublisher) beginProgress(caps protocol.ClientCapabilities, title string) func(msg string) {
	if caps.Window == nil || !caps.Window.WorkDoneProgress {
		return func(string) {}
	}
	ctx := context.Background()
	token := protocol.StringValue("scratchvet-load")
	if err := p.s.conn.Call(ctx, protocol.MethodWorkDoneProgressCreate, protocol.WorkDoneProgressCreateParams{Token: token}, nil); err != nil {
		return func(string) {}
	}
	p.s.notify(ctx, protocol.MethodProgress, progress(token, protocol.WorkDoneProgressBegin{Title: title}))
	return func(msg string) {
		p.s.notify(ctx, protocol.MethodProgress, progress(token, protocol.WorkDoneProgressEnd{Message: msg}))
	}
}

func progress(token protocol.ProgressToken, value any) protocol.ProgressParams {
	data, _ := json.Marshal(value)
	return protocol.ProgressParams{Token: token, Value: data}
}
