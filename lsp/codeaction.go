package lsp

import (
	"context"
	"fmt"
	"strings"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/scratchvet/scratchvet/lsp/protocol"
)

// ignoreDirective is the project's suppression comment
// (//scratchvet:ignore CHECK reason); a reason is required, so the action
// inserts a placeholder for the user to replace.
const (
	ignoreDirective = "//scratchvet:ignore"
	ignoreReason    = "TODO: say why this is safe here"
)

// codeAction offers, for each diagnostic in the range, its suggested fixes
// (quick fixes; the only one is preferred) and a "silence this finding
// here" action. Every action is a WorkspaceEdit for the client to apply:
// the server never writes files. If an analysis round that covers the
// document is pending, it waits for it (the client may cancel), so that
// the fixes match the text.
func (s *Server) codeAction(ctx context.Context, p *protocol.CodeActionParams) ([]protocol.CodeAction, error) {
	path, err := p.TextDocument.URI.Path()
	if err != nil {
		return nil, &jsonrpc2.Error{Code: protocol.CodeInvalidParams, Message: err.Error()}
	}
	actions := []protocol.CodeAction{}
	if !kindWanted(protocol.CodeActionQuickFix, p.Context.Only) {
		return actions, nil
	}
	ov := s.overlay()
	cur, err := ov.read(path)
	if err != nil {
		return actions, nil
	}
	current := hashOf(cur)
	items, err := s.work.itemsFor(ctx, path, current)
	if err != nil {
		return nil, err
	}
	ov = s.overlay() // the round may have waited for newer text
	if cur, err = ov.read(path); err != nil {
		return actions, nil
	}
	current = hashOf(cur)
	var fresh []*diagItem
	for _, it := range items {
		if it.hash == current && overlaps(it.diag.Range, p.Range) {
			fresh = append(fresh, it)
		}
	}
	for _, it := range fresh {
		for _, fx := range it.fixes {
			if !fx.fresh(ov) {
				continue
			}
			edit := &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{}}
			for file, edits := range fx.edits {
				edit.Changes[fx.uris[file]] = edits
			}
			actions = append(actions, protocol.CodeAction{
				Title:       fx.title,
				Kind:        protocol.CodeActionQuickFix,
				Diagnostics: []protocol.Diagnostic{it.diag},
				IsPreferred: len(it.fixes) == 1,
				Edit:        edit,
			})
		}
	}
	m := protocol.NewMapper(cur)
	done := map[string]bool{}
	for _, it := range fresh {
		line := it.diag.Range.Start.Line
		key := fmt.Sprintf("%d %s", line, it.check)
		if done[key] {
			continue
		}
		done[key] = true
		start, err := m.Offset(protocol.Position{Line: line})
		if err != nil {
			continue
		}
		indent := leadingSpace(cur[start:])
		at := protocol.Range{Start: protocol.Position{Line: line}, End: protocol.Position{Line: line}}
		actions = append(actions, protocol.CodeAction{
			Title:       fmt.Sprintf("Silence %s here (%s)", it.check, ignoreDirective),
			Kind:        protocol.CodeActionQuickFix,
			Diagnostics: []protocol.Diagnostic{it.diag},
			Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{
				it.uri: {{Range: at, NewText: indent + ignoreDirective + " " + it.check + " " + ignoreReason + lineEnding(cur)}},
			}},
		})
	}
	return actions, nil
}

// fresh reports whether every file the fix edits still has the text the
// fix was computed for.
func (fx *fixItem) fresh(ov overlay) bool {
	for file, h := range fx.hashes {
		src, err := ov.read(file)
		if err != nil || hashOf(src) != h {
			return false
		}
	}
	return true
}

// kindWanted applies CodeActionContext.Only: a kind matches itself and its
// parents ("quickfix" matches "quickfix.x"'s request for "quickfix").
func kindWanted(kind protocol.CodeActionKind, only []protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if o == kind || o == "" || strings.HasPrefix(string(kind), string(o)+".") {
			return true
		}
	}
	return false
}

func before(a, b protocol.Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

// overlaps reports whether two ranges intersect or touch (a cursor at the
// end of a diagnostic's range still gets its actions).
func overlaps(a, b protocol.Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func leadingSpace(line []byte) string {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return string(line[:i])
}

// lineEnding returns the document's line terminator (CRLF files stay so).
func lineEnding(src []byte) string {
	if i := strings.IndexByte(string(src), '\n'); i > 0 && src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}
