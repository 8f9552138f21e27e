package protocol

import "encoding/json"

// PublishDiagnosticsParams are the params of
// textDocument/publishDiagnostics. An empty Diagnostics clears the
// document's diagnostics.
type PublishDiagnosticsParams struct {
	URI DocumentURI `json:"uri"`
	// Version is the document version the diagnostics were computed for,
	// if known.
	Version     *int32       `json:"version,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// MarshalJSON sends nil Diagnostics as [].
func (p PublishDiagnosticsParams) MarshalJSON() ([]byte, error) {
	type plain PublishDiagnosticsParams
	p.Diagnostics = nonNil(p.Diagnostics)
	return json.Marshal(plain(p))
}

// Diagnostic is a finding shown at Range.
type Diagnostic struct {
	Range    Range              `json:"range"`
	Severity DiagnosticSeverity `json:"severity,omitempty"`
	// Code is scratchvet's check name (see DiagnosticCode).
	Code            DiagnosticCode   `json:"code,omitempty"`
	CodeDescription *CodeDescription `json:"codeDescription,omitempty"`
	// Source is "scratchvet" for our diagnostics.
	Source             string                         `json:"source,omitempty"`
	Message            string                         `json:"message"`
	Tags               []DiagnosticTag                `json:"tags,omitempty"`
	RelatedInformation []DiagnosticRelatedInformation `json:"relatedInformation,omitempty"`
	// Data is preserved by the client between publishDiagnostics and
	// codeAction (if it supports dataSupport).
	Data json.RawMessage `json:"data,omitempty"`
}

// DiagnosticSeverity is a Diagnostic's severity.
type DiagnosticSeverity uint32

// DiagnosticSeverity values.
const (
	SeverityError       DiagnosticSeverity = 1
	SeverityWarning     DiagnosticSeverity = 2
	SeverityInformation DiagnosticSeverity = 3
	SeverityHint        DiagnosticSeverity = 4
)

// DiagnosticTag marks a Diagnostic for special rendering.
type DiagnosticTag uint32

// DiagnosticTag values.
const (
	TagUnnecessary DiagnosticTag = 1
	TagDeprecated  DiagnosticTag = 2
)

// CodeDescription links to documentation about a diagnostic's code.
type CodeDescription struct {
	Href URI `json:"href"`
}

// DiagnosticRelatedInformation is a location related to a diagnostic, such
// as the cause of a whole-program finding.
type DiagnosticRelatedInformation struct {
	Location Location `json:"location"`
	Message  string   `json:"message"`
}

// CodeActionParams are the params of textDocument/codeAction.
type CodeActionParams struct {
	WorkDoneToken      *ProgressToken         `json:"workDoneToken,omitempty"`
	PartialResultToken *ProgressToken         `json:"partialResultToken,omitempty"`
	TextDocument       TextDocumentIdentifier `json:"textDocument"`
	Range              Range                  `json:"range"`
	Context            CodeActionContext      `json:"context"`
}

// CodeActionContext carries the diagnostics at the requested range.
type CodeActionContext struct {
	Diagnostics []Diagnostic `json:"diagnostics"`
	// Only, if set, restricts the kinds of actions wanted.
	Only        []CodeActionKind      `json:"only,omitempty"`
	TriggerKind CodeActionTriggerKind `json:"triggerKind,omitempty"`
}

// MarshalJSON sends nil Diagnostics as [].
func (c CodeActionContext) MarshalJSON() ([]byte, error) {
	type plain CodeActionContext
	c.Diagnostics = nonNil(c.Diagnostics)
	return json.Marshal(plain(c))
}

// CodeActionTriggerKind tells why code actions were requested.
type CodeActionTriggerKind uint32

// CodeActionTriggerKind values.
const (
	CodeActionInvoked   CodeActionTriggerKind = 1
	CodeActionAutomatic CodeActionTriggerKind = 2
)

// CodeAction is a change offered to the user, such as a quick fix.
type CodeAction struct {
	Title string         `json:"title"`
	Kind  CodeActionKind `json:"kind,omitempty"`
	// Diagnostics are the diagnostics this action resolves.
	Diagnostics []Diagnostic    `json:"diagnostics,omitempty"`
	IsPreferred bool            `json:"isPreferred,omitempty"`
	Edit        *WorkspaceEdit  `json:"edit,omitempty"`
	Data        json.RawMessage `json:"data,omitempty"`
}

// CodeActionKind is a hierarchical, dot-separated kind of code action.
// Clients accept values outside the constants below.
type CodeActionKind string

// CodeActionKind values.
const (
	CodeActionEmpty                 CodeActionKind = ""
	CodeActionQuickFix              CodeActionKind = "quickfix"
	CodeActionRefactor              CodeActionKind = "refactor"
	CodeActionRefactorRewrite       CodeActionKind = "refactor.rewrite"
	CodeActionSource                CodeActionKind = "source"
	CodeActionSourceOrganizeImports CodeActionKind = "source.organizeImports"
	CodeActionSourceFixAll          CodeActionKind = "source.fixAll"
)

// WorkspaceEdit is a set of edits to apply. Use either Changes or
// DocumentChanges (preferred when the client supports it, as it pins
// document versions).
type WorkspaceEdit struct {
	Changes         map[DocumentURI][]TextEdit `json:"changes,omitempty"`
	DocumentChanges []TextDocumentEdit         `json:"documentChanges,omitempty"`
}

// TextDocumentEdit is a set of edits to one version of one document.
type TextDocumentEdit struct {
	TextDocument OptionalVersionedTextDocumentIdentifier `json:"textDocument"`
	Edits        []TextEdit                              `json:"edits"`
}

// MarshalJSON sends nil Edits as [].
func (e TextDocumentEdit) MarshalJSON() ([]byte, error) {
	type plain TextDocumentEdit
	e.Edits = nonNil(e.Edits)
	return json.Marshal(plain(e))
}

// ApplyWorkspaceEditParams are the params of workspace/applyEdit.
type ApplyWorkspaceEditParams struct {
	Label string        `json:"label,omitempty"`
	Edit  WorkspaceEdit `json:"edit"`
}

// ApplyWorkspaceEditResult is the result of workspace/applyEdit.
type ApplyWorkspaceEditResult struct {
	Applied       bool   `json:"applied"`
	FailureReason string `json:"failureReason,omitempty"`
	// FailedChange is the index of the failed change, if known.
	FailedChange *uint32 `json:"failedChange,omitempty"`
}
