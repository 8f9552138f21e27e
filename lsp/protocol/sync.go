package protocol

import "encoding/json"

// Types whose specification has a required array property get a
// MarshalJSON method that sends a nil slice as [] rather than null.

// nonNil returns s, or an empty slice if s is nil.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// DidOpenTextDocumentParams are the params of textDocument/didOpen.
type DidOpenTextDocumentParams struct {
	TextDocument TextDocumentItem `json:"textDocument"`
}

// DidChangeTextDocumentParams are the params of textDocument/didChange.
type DidChangeTextDocumentParams struct {
	TextDocument VersionedTextDocumentIdentifier `json:"textDocument"`
	// ContentChanges are applied in order; see ApplyChanges.
	ContentChanges []TextDocumentContentChangeEvent `json:"contentChanges"`
}

// MarshalJSON sends nil ContentChanges as [].
func (p DidChangeTextDocumentParams) MarshalJSON() ([]byte, error) {
	type plain DidChangeTextDocumentParams
	p.ContentChanges = nonNil(p.ContentChanges)
	return json.Marshal(plain(p))
}

// TextDocumentContentChangeEvent is one change of a document: Text replaces
// Range, or the whole document if Range is nil.
type TextDocumentContentChangeEvent struct {
	Range *Range `json:"range,omitempty"`
	// RangeLength is deprecated and ignored by ApplyChanges.
	RangeLength uint32 `json:"rangeLength,omitempty"`
	Text        string `json:"text"`
}

// DidSaveTextDocumentParams are the params of textDocument/didSave.
type DidSaveTextDocumentParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	// Text is the saved content if SaveOptions.IncludeText was set; nil
	// otherwise.
	Text *string `json:"text,omitempty"`
}

// DidCloseTextDocumentParams are the params of textDocument/didClose.
type DidCloseTextDocumentParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
}

// DidChangeConfigurationParams are the params of
// workspace/didChangeConfiguration.
type DidChangeConfigurationParams struct {
	// Settings is any JSON value, possibly null.
	Settings json.RawMessage `json:"settings"`
}

// DidChangeWatchedFilesParams are the params of
// workspace/didChangeWatchedFiles.
type DidChangeWatchedFilesParams struct {
	Changes []FileEvent `json:"changes"`
}

// MarshalJSON sends nil Changes as [].
func (p DidChangeWatchedFilesParams) MarshalJSON() ([]byte, error) {
	type plain DidChangeWatchedFilesParams
	p.Changes = nonNil(p.Changes)
	return json.Marshal(plain(p))
}

// FileEvent is a change of a watched file.
type FileEvent struct {
	URI  DocumentURI    `json:"uri"`
	Type FileChangeType `json:"type"`
}

// FileChangeType is the kind of a FileEvent.
type FileChangeType uint32

// FileChangeType values.
const (
	FileCreated FileChangeType = 1
	FileChanged FileChangeType = 2
	FileDeleted FileChangeType = 3
)

// DidChangeWorkspaceFoldersParams are the params of
// workspace/didChangeWorkspaceFolders.
type DidChangeWorkspaceFoldersParams struct {
	Event WorkspaceFoldersChangeEvent `json:"event"`
}

// WorkspaceFoldersChangeEvent lists added and removed workspace folders.
type WorkspaceFoldersChangeEvent struct {
	Added   []WorkspaceFolder `json:"added"`
	Removed []WorkspaceFolder `json:"removed"`
}

// MarshalJSON sends nil Added and Removed as [].
func (e WorkspaceFoldersChangeEvent) MarshalJSON() ([]byte, error) {
	type plain WorkspaceFoldersChangeEvent
	e.Added, e.Removed = nonNil(e.Added), nonNil(e.Removed)
	return json.Marshal(plain(e))
}

// WorkspaceFolder is a root folder of the workspace.
type WorkspaceFolder struct {
	URI  URI    `json:"uri"`
	Name string `json:"name"`
}
