package protocol

import "encoding/json"

// InitializeParams are the params of the initialize request.
type InitializeParams struct {
	// WorkDoneToken, if set, may report progress of the initialization.
	WorkDoneToken *ProgressToken `json:"workDoneToken,omitempty"`
	// ProcessID is the client's process id; nil (null) if it has none.
	ProcessID  *int32      `json:"processId"`
	ClientInfo *ClientInfo `json:"clientInfo,omitempty"`
	Locale     string      `json:"locale,omitempty"`
	// RootPath is deprecated in favour of RootURI and WorkspaceFolders;
	// null decodes as "".
	RootPath string `json:"rootPath,omitempty"`
	// RootURI is deprecated in favour of WorkspaceFolders; null decodes
	// as "".
	RootURI               DocumentURI        `json:"rootUri"`
	Capabilities          ClientCapabilities `json:"capabilities"`
	InitializationOptions json.RawMessage    `json:"initializationOptions,omitempty"`
	Trace                 TraceValue         `json:"trace,omitempty"`
	// WorkspaceFolders is nil if the client sent null or nothing.
	WorkspaceFolders []WorkspaceFolder `json:"workspaceFolders,omitempty"`
}

// ClientInfo describes the client.
type ClientInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

// ClientCapabilities is the subset of the client's capabilities the server
// reads.
type ClientCapabilities struct {
	Workspace    *WorkspaceClientCapabilities    `json:"workspace,omitempty"`
	TextDocument *TextDocumentClientCapabilities `json:"textDocument,omitempty"`
	Window       *WindowClientCapabilities       `json:"window,omitempty"`
	General      *GeneralClientCapabilities      `json:"general,omitempty"`
}

// GeneralClientCapabilities is the general part of ClientCapabilities.
type GeneralClientCapabilities struct {
	// PositionEncodings lists the encodings of Position.Character the
	// client supports, preferred first. UTF-16 is mandatory: a client
	// supports it even if it is not in the list.
	PositionEncodings []PositionEncodingKind `json:"positionEncodings,omitempty"`
}

// PositionEncodingKind says what Position.Character counts.
type PositionEncodingKind string

// PositionEncodingKind values.
const (
	PositionUTF8  PositionEncodingKind = "utf-8"
	PositionUTF16 PositionEncodingKind = "utf-16"
	PositionUTF32 PositionEncodingKind = "utf-32"
)

// WorkspaceClientCapabilities is the workspace part of ClientCapabilities.
type WorkspaceClientCapabilities struct {
	// ApplyEdit: the client supports workspace/applyEdit.
	ApplyEdit             bool                                     `json:"applyEdit,omitempty"`
	DidChangeWatchedFiles *DidChangeWatchedFilesClientCapabilities `json:"didChangeWatchedFiles,omitempty"`
	// WorkspaceFolders: the client supports workspace folders.
	WorkspaceFolders bool `json:"workspaceFolders,omitempty"`
	// Configuration: the client supports workspace/configuration.
	Configuration bool `json:"configuration,omitempty"`
}

// DidChangeWatchedFilesClientCapabilities tells whether the client accepts
// dynamic registration of file watchers.
type DidChangeWatchedFilesClientCapabilities struct {
	DynamicRegistration bool `json:"dynamicRegistration,omitempty"`
}

// TextDocumentClientCapabilities is the textDocument part of
// ClientCapabilities.
type TextDocumentClientCapabilities struct {
	CodeAction         *CodeActionClientCapabilities         `json:"codeAction,omitempty"`
	PublishDiagnostics *PublishDiagnosticsClientCapabilities `json:"publishDiagnostics,omitempty"`
}

// PublishDiagnosticsClientCapabilities tells which Diagnostic properties the
// client understands.
type PublishDiagnosticsClientCapabilities struct {
	RelatedInformation     bool `json:"relatedInformation,omitempty"`
	CodeDescriptionSupport bool `json:"codeDescriptionSupport,omitempty"`
	DataSupport            bool `json:"dataSupport,omitempty"`
	VersionSupport         bool `json:"versionSupport,omitempty"`
}

// CodeActionClientCapabilities tells how the client handles code actions.
type CodeActionClientCapabilities struct {
	// CodeActionLiteralSupport is set if the client accepts CodeAction
	// literals (rather than only Commands) as textDocument/codeAction
	// results.
	CodeActionLiteralSupport *ClientCodeActionLiteralOptions `json:"codeActionLiteralSupport,omitempty"`
	IsPreferredSupport       bool                            `json:"isPreferredSupport,omitempty"`
	DataSupport              bool                            `json:"dataSupport,omitempty"`
}

// ClientCodeActionLiteralOptions is the value of
// CodeActionClientCapabilities.CodeActionLiteralSupport.
type ClientCodeActionLiteralOptions struct {
	CodeActionKind ClientCodeActionKindOptions `json:"codeActionKind"`
}

// ClientCodeActionKindOptions lists the code action kinds the client knows.
type ClientCodeActionKindOptions struct {
	ValueSet []CodeActionKind `json:"valueSet"`
}

// MarshalJSON sends nil ValueSet as [].
func (o ClientCodeActionKindOptions) MarshalJSON() ([]byte, error) {
	type plain ClientCodeActionKindOptions
	o.ValueSet = nonNil(o.ValueSet)
	return json.Marshal(plain(o))
}

// WindowClientCapabilities is the window part of ClientCapabilities.
type WindowClientCapabilities struct {
	// WorkDoneProgress: the client supports server-initiated progress
	// (window/workDoneProgress/create).
	WorkDoneProgress bool `json:"workDoneProgress,omitempty"`
}

// InitializeResult is the result of the initialize request.
type InitializeResult struct {
	Capabilities ServerCapabilities `json:"capabilities"`
	ServerInfo   *ServerInfo        `json:"serverInfo,omitempty"`
}

// ServerInfo describes the server.
type ServerInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

// ServerCapabilities is the subset of server capabilities scratchvet
// announces.
type ServerCapabilities struct {
	// PositionEncoding is the encoding the server uses; absent means
	// UTF-16.
	PositionEncoding   PositionEncodingKind     `json:"positionEncoding,omitempty"`
	TextDocumentSync   *TextDocumentSyncOptions `json:"textDocumentSync,omitempty"`
	CodeActionProvider *CodeActionOptions       `json:"codeActionProvider,omitempty"`
	Workspace          *WorkspaceOptions        `json:"workspace,omitempty"`
}

// TextDocumentSyncOptions says which document notifications the server
// wants.
type TextDocumentSyncOptions struct {
	OpenClose bool                 `json:"openClose,omitempty"`
	Change    TextDocumentSyncKind `json:"change,omitempty"`
	Save      *SaveOptions         `json:"save,omitempty"`
}

// TextDocumentSyncKind is how document changes are sent.
type TextDocumentSyncKind uint32

// TextDocumentSyncKind values.
const (
	SyncNone        TextDocumentSyncKind = 0
	SyncFull        TextDocumentSyncKind = 1
	SyncIncremental TextDocumentSyncKind = 2
)

// SaveOptions are the options of textDocument/didSave.
type SaveOptions struct {
	// IncludeText asks the client to send the saved text.
	IncludeText bool `json:"includeText,omitempty"`
}

// CodeActionOptions describe the server's code actions.
type CodeActionOptions struct {
	CodeActionKinds []CodeActionKind `json:"codeActionKinds,omitempty"`
}

// WorkspaceOptions are the workspace-specific server capabilities.
type WorkspaceOptions struct {
	WorkspaceFolders *WorkspaceFoldersServerCapabilities `json:"workspaceFolders,omitempty"`
}

// WorkspaceFoldersServerCapabilities describe the server's support of
// workspace folders.
type WorkspaceFoldersServerCapabilities struct {
	Supported bool `json:"supported,omitempty"`
	// ChangeNotifications asks for workspace/didChangeWorkspaceFolders
	// (the specification also allows a registration id string).
	ChangeNotifications bool `json:"changeNotifications,omitempty"`
}

// InitializedParams are the (empty) params of the initialized notification.
type InitializedParams struct{}

// TraceValue is the trace level set by the client.
type TraceValue string

// TraceValue values.
const (
	TraceOff      TraceValue = "off"
	TraceMessages TraceValue = "messages"
	TraceVerbose  TraceValue = "verbose"
)

// SetTraceParams are the params of $/setTrace.
type SetTraceParams struct {
	Value TraceValue `json:"value"`
}

// CancelParams are the params of $/cancelRequest.
type CancelParams struct {
	// ID is the id of the request to cancel.
	ID IntegerOrString `json:"id"`
}
