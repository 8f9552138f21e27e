package protocol

// Method names of the requests and notifications this package has params
// for.
const (
	// Lifecycle.
	MethodInitialize  = "initialize"
	MethodInitialized = "initialized"
	MethodShutdown    = "shutdown"
	MethodExit        = "exit"
	MethodCancel      = "$/cancelRequest"
	MethodSetTrace    = "$/setTrace"
	MethodProgress    = "$/progress"

	// Document synchronization (client to server).
	MethodDidOpen   = "textDocument/didOpen"
	MethodDidChange = "textDocument/didChange"
	MethodDidSave   = "textDocument/didSave"
	MethodDidClose  = "textDocument/didClose"

	// Language features.
	MethodPublishDiagnostics = "textDocument/publishDiagnostics"
	MethodCodeAction         = "textDocument/codeAction"

	// Workspace.
	MethodDidChangeConfiguration    = "workspace/didChangeConfiguration"
	MethodDidChangeWatchedFiles     = "workspace/didChangeWatchedFiles"
	MethodDidChangeWorkspaceFolders = "workspace/didChangeWorkspaceFolders"
	MethodConfiguration             = "workspace/configuration"
	MethodApplyEdit                 = "workspace/applyEdit"

	// Window.
	MethodShowMessage            = "window/showMessage"
	MethodLogMessage             = "window/logMessage"
	MethodWorkDoneProgressCreate = "window/workDoneProgress/create"
	MethodWorkDoneProgressCancel = "window/workDoneProgress/cancel"
	MethodRegisterCapability     = "client/registerCapability"
	MethodUnregisterCapability   = "client/unregisterCapability"
)

// JSON-RPC and LSP error codes (metaModel enumerations ErrorCodes and
// LSPErrorCodes). They are untyped so they fit jsonrpc2.Error.Code.
const (
	CodeParseError           = -32700
	CodeInvalidRequest       = -32600
	CodeMethodNotFound       = -32601
	CodeInvalidParams        = -32602
	CodeInternalError        = -32603
	CodeServerNotInitialized = -32002
	CodeUnknownErrorCode     = -32001
	CodeRequestFailed        = -32803
	CodeServerCancelled      = -32802
	CodeContentModified      = -32801
	CodeRequestCancelled     = -32800
)
