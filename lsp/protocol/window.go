package protocol

import "encoding/json"

// ShowMessageParams are the params of window/showMessage.
type ShowMessageParams struct {
	Type    MessageType `json:"type"`
	Message string      `json:"message"`
}

// LogMessageParams are the params of window/logMessage.
type LogMessageParams struct {
	Type    MessageType `json:"type"`
	Message string      `json:"message"`
}

// MessageType is the severity of a shown or logged message.
type MessageType uint32

// MessageType values.
const (
	MessageError   MessageType = 1
	MessageWarning MessageType = 2
	MessageInfo    MessageType = 3
	MessageLog     MessageType = 4
)

// WorkDoneProgressCreateParams are the params of
// window/workDoneProgress/create.
type WorkDoneProgressCreateParams struct {
	Token ProgressToken `json:"token"`
}

// WorkDoneProgressCancelParams are the params of
// window/workDoneProgress/cancel.
type WorkDoneProgressCancelParams struct {
	Token ProgressToken `json:"token"`
}

// ProgressParams are the params of $/progress. For work done progress,
// Value is a WorkDoneProgressBegin, WorkDoneProgressReport or
// WorkDoneProgressEnd encoded as JSON.
type ProgressParams struct {
	Token ProgressToken   `json:"token"`
	Value json.RawMessage `json:"value"`
}

// WorkDoneProgressBegin starts a progress stream. Kind is always encoded as
// "begin".
type WorkDoneProgressBegin struct {
	Kind        string `json:"kind"`
	Title       string `json:"title"`
	Cancellable bool   `json:"cancellable,omitempty"`
	Message     string `json:"message,omitempty"`
	// Percentage (0-100) is nil for indeterminate progress.
	Percentage *uint32 `json:"percentage,omitempty"`
}

// MarshalJSON sets Kind to "begin".
func (p WorkDoneProgressBegin) MarshalJSON() ([]byte, error) {
	type plain WorkDoneProgressBegin
	p.Kind = "begin"
	return json.Marshal(plain(p))
}

// WorkDoneProgressReport reports intermediate progress. Kind is always
// encoded as "report".
type WorkDoneProgressReport struct {
	Kind        string  `json:"kind"`
	Cancellable bool    `json:"cancellable,omitempty"`
	Message     string  `json:"message,omitempty"`
	Percentage  *uint32 `json:"percentage,omitempty"`
}

// MarshalJSON sets Kind to "report".
func (p WorkDoneProgressReport) MarshalJSON() ([]byte, error) {
	type plain WorkDoneProgressReport
	p.Kind = "report"
	return json.Marshal(plain(p))
}

// WorkDoneProgressEnd ends a progress stream. Kind is always encoded as
// "end".
type WorkDoneProgressEnd struct {
	Kind    string `json:"kind"`
	Message string `json:"message,omitempty"`
}

// MarshalJSON sets Kind to "end".
func (p WorkDoneProgressEnd) MarshalJSON() ([]byte, error) {
	type plain WorkDoneProgressEnd
	p.Kind = "end"
	return json.Marshal(plain(p))
}

// ConfigurationParams are the params of workspace/configuration. The result
// is a JSON array with one value per item.
type ConfigurationParams struct {
	Items []ConfigurationItem `json:"items"`
}

// MarshalJSON sends nil Items as [].
func (p ConfigurationParams) MarshalJSON() ([]byte, error) {
	type plain ConfigurationParams
	p.Items = nonNil(p.Items)
	return json.Marshal(plain(p))
}

// ConfigurationItem asks for one configuration section.
type ConfigurationItem struct {
	ScopeURI URI    `json:"scopeUri,omitempty"`
	Section  string `json:"section,omitempty"`
}

// RegistrationParams are the params of client/registerCapability.
type RegistrationParams struct {
	Registrations []Registration `json:"registrations"`
}

// MarshalJSON sends nil Registrations as [].
func (p RegistrationParams) MarshalJSON() ([]byte, error) {
	type plain RegistrationParams
	p.Registrations = nonNil(p.Registrations)
	return json.Marshal(plain(p))
}

// Registration registers a capability dynamically. For
// workspace/didChangeWatchedFiles, RegisterOptions is an encoded
// DidChangeWatchedFilesRegistrationOptions.
type Registration struct {
	ID              string          `json:"id"`
	Method          string          `json:"method"`
	RegisterOptions json.RawMessage `json:"registerOptions,omitempty"`
}

// UnregistrationParams are the params of client/unregisterCapability. The
// JSON name "unregisterations" is the specification's (misspelled) name.
type UnregistrationParams struct {
	Unregistrations []Unregistration `json:"unregisterations"`
}

// MarshalJSON sends nil Unregistrations as [].
func (p UnregistrationParams) MarshalJSON() ([]byte, error) {
	type plain UnregistrationParams
	p.Unregistrations = nonNil(p.Unregistrations)
	return json.Marshal(plain(p))
}

// Unregistration removes a Registration.
type Unregistration struct {
	ID     string `json:"id"`
	Method string `json:"method"`
}

// DidChangeWatchedFilesRegistrationOptions are the register options of
// workspace/didChangeWatchedFiles.
type DidChangeWatchedFilesRegistrationOptions struct {
	Watchers []FileSystemWatcher `json:"watchers"`
}

// MarshalJSON sends nil Watchers as [].
func (o DidChangeWatchedFilesRegistrationOptions) MarshalJSON() ([]byte, error) {
	type plain DidChangeWatchedFilesRegistrationOptions
	o.Watchers = nonNil(o.Watchers)
	return json.Marshal(plain(o))
}

// FileSystemWatcher watches files matching a glob pattern.
type FileSystemWatcher struct {
	// GlobPattern is a glob such as "**/go.mod"; relative patterns are not
	// supported by this package.
	GlobPattern string `json:"globPattern"`
	// Kind is a bit set of WatchKind; 0 means all kinds.
	Kind WatchKind `json:"kind,omitempty"`
}

// WatchKind is a bit set of file events to watch.
type WatchKind uint32

// WatchKind bits.
const (
	WatchCreate WatchKind = 1
	WatchChange WatchKind = 2
	WatchDelete WatchKind = 4
)
