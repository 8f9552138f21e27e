package protocol

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// structRegistry maps every exported struct of the package to the
// metaModel.json structure (or or-of-structures type alias) it implements.
var structRegistry = []struct {
	v    any
	meta string
}{
	{Position{}, "Position"},
	{Range{}, "Range"},
	{Location{}, "Location"},
	{TextDocumentIdentifier{}, "TextDocumentIdentifier"},
	{VersionedTextDocumentIdentifier{}, "VersionedTextDocumentIdentifier"},
	{OptionalVersionedTextDocumentIdentifier{}, "OptionalVersionedTextDocumentIdentifier"},
	{TextDocumentItem{}, "TextDocumentItem"},
	{TextEdit{}, "TextEdit"},
	{InitializeParams{}, "InitializeParams"},
	{ClientInfo{}, "ClientInfo"},
	{ClientCapabilities{}, "ClientCapabilities"},
	{WorkspaceClientCapabilities{}, "WorkspaceClientCapabilities"},
	{DidChangeWatchedFilesClientCapabilities{}, "DidChangeWatchedFilesClientCapabilities"},
	{TextDocumentClientCapabilities{}, "TextDocumentClientCapabilities"},
	{PublishDiagnosticsClientCapabilities{}, "PublishDiagnosticsClientCapabilities"},
	{CodeActionClientCapabilities{}, "CodeActionClientCapabilities"},
	{ClientCodeActionLiteralOptions{}, "ClientCodeActionLiteralOptions"},
	{ClientCodeActionKindOptions{}, "ClientCodeActionKindOptions"},
	{WindowClientCapabilities{}, "WindowClientCapabilities"},
	{GeneralClientCapabilities{}, "GeneralClientCapabilities"},
	{InitializeResult{}, "InitializeResult"},
	{ServerInfo{}, "ServerInfo"},
	{ServerCapabilities{}, "ServerCapabilities"},
	{TextDocumentSyncOptions{}, "TextDocumentSyncOptions"},
	{SaveOptions{}, "SaveOptions"},
	{CodeActionOptions{}, "CodeActionOptions"},
	{WorkspaceOptions{}, "WorkspaceOptions"},
	{WorkspaceFoldersServerCapabilities{}, "WorkspaceFoldersServerCapabilities"},
	{InitializedParams{}, "InitializedParams"},
	{SetTraceParams{}, "SetTraceParams"},
	{CancelParams{}, "CancelParams"},
	{DidOpenTextDocumentParams{}, "DidOpenTextDocumentParams"},
	{DidChangeTextDocumentParams{}, "DidChangeTextDocumentParams"},
	{TextDocumentContentChangeEvent{}, "TextDocumentContentChangeEvent"}, // alias: Partial | WholeDocument, merged
	{DidSaveTextDocumentParams{}, "DidSaveTextDocumentParams"},
	{DidCloseTextDocumentParams{}, "DidCloseTextDocumentParams"},
	{DidChangeConfigurationParams{}, "DidChangeConfigurationParams"},
	{DidChangeWatchedFilesParams{}, "DidChangeWatchedFilesParams"},
	{FileEvent{}, "FileEvent"},
	{DidChangeWorkspaceFoldersParams{}, "DidChangeWorkspaceFoldersParams"},
	{WorkspaceFoldersChangeEvent{}, "WorkspaceFoldersChangeEvent"},
	{WorkspaceFolder{}, "WorkspaceFolder"},
	{PublishDiagnosticsParams{}, "PublishDiagnosticsParams"},
	{Diagnostic{}, "Diagnostic"},
	{CodeDescription{}, "CodeDescription"},
	{DiagnosticRelatedInformation{}, "DiagnosticRelatedInformation"},
	{CodeActionParams{}, "CodeActionParams"},
	{CodeActionContext{}, "CodeActionContext"},
	{CodeAction{}, "CodeAction"},
	{WorkspaceEdit{}, "WorkspaceEdit"},
	{TextDocumentEdit{}, "TextDocumentEdit"},
	{ApplyWorkspaceEditParams{}, "ApplyWorkspaceEditParams"},
	{ApplyWorkspaceEditResult{}, "ApplyWorkspaceEditResult"},
	{ShowMessageParams{}, "ShowMessageParams"},
	{LogMessageParams{}, "LogMessageParams"},
	{WorkDoneProgressCreateParams{}, "WorkDoneProgressCreateParams"},
	{WorkDoneProgressCancelParams{}, "WorkDoneProgressCancelParams"},
	{ProgressParams{}, "ProgressParams"},
	{WorkDoneProgressBegin{}, "WorkDoneProgressBegin"},
	{WorkDoneProgressReport{}, "WorkDoneProgressReport"},
	{WorkDoneProgressEnd{}, "WorkDoneProgressEnd"},
	{ConfigurationParams{}, "ConfigurationParams"},
	{ConfigurationItem{}, "ConfigurationItem"},
	{RegistrationParams{}, "RegistrationParams"},
	{Registration{}, "Registration"},
	{UnregistrationParams{}, "UnregistrationParams"},
	{Unregistration{}, "Unregistration"},
	{DidChangeWatchedFilesRegistrationOptions{}, "DidChangeWatchedFilesRegistrationOptions"},
	{FileSystemWatcher{}, "FileSystemWatcher"},
}

// structNames is structRegistry as a map.
var structNames = func() map[reflect.Type]string {
	m := make(map[reflect.Type]string)
	for _, r := range structRegistry {
		m[reflect.TypeOf(r.v)] = r.meta
	}
	return m
}()

// enumNames maps our enumeration types to metaModel enumerations.
var enumNames = map[reflect.Type]string{
	reflect.TypeOf(TextDocumentSyncKind(0)):  "TextDocumentSyncKind",
	reflect.TypeOf(TraceValue("")):           "TraceValue",
	reflect.TypeOf(FileChangeType(0)):        "FileChangeType",
	reflect.TypeOf(DiagnosticSeverity(0)):    "DiagnosticSeverity",
	reflect.TypeOf(DiagnosticTag(0)):         "DiagnosticTag",
	reflect.TypeOf(CodeActionTriggerKind(0)): "CodeActionTriggerKind",
	reflect.TypeOf(CodeActionKind("")):       "CodeActionKind",
	reflect.TypeOf(MessageType(0)):           "MessageType",
	reflect.TypeOf(WatchKind(0)):             "WatchKind",
	reflect.TypeOf(PositionEncodingKind("")): "PositionEncodingKind",
}

// baseTypes maps metaModel base types to the Go types that represent them.
var baseTypes = map[string]reflect.Type{
	"string":      reflect.TypeOf(""),
	"integer":     reflect.TypeOf(int32(0)),
	"uinteger":    reflect.TypeOf(uint32(0)),
	"decimal":     reflect.TypeOf(float64(0)),
	"boolean":     reflect.TypeOf(false),
	"DocumentUri": reflect.TypeOf(DocumentURI("")),
	"URI":         reflect.TypeOf(URI("")),
}

// orTypes are Go types that represent an or-type exactly (sorted
// alternatives).
var orTypes = map[reflect.Type][]string{
	reflect.TypeOf(IntegerOrString{}): {"base:integer", "base:string"},
}

// otherTypes are exported non-struct-registry types that need no entry:
// named base types and the helpers.
var otherTypes = map[string]bool{
	"DocumentURI": true, "URI": true, "DiagnosticCode": true, // see baseTypes, narrowings
	"IntegerOrString": true, // see orTypes
	"Mapper":          true, // not a protocol type
}

// A narrowing keeps one alternative of a metaModel or-type.
type narrowing struct {
	keep   string       // desc() of the alternative kept
	goType reflect.Type // if set, the named Go type used for it
	reason string
}

// narrowings lists, by "Structure.property" (or "result:method"), every
// or-type of which we keep only one alternative, and why.
var narrowings = map[string]narrowing{
	"ServerCapabilities.textDocumentSync": {keep: "reference:TextDocumentSyncOptions",
		reason: "we send the options object (it carries save.includeText); a bare TextDocumentSyncKind is the short form of the same thing"},
	"ServerCapabilities.codeActionProvider": {keep: "reference:CodeActionOptions",
		reason: "the object announces codeActionKinds; `true` equals an options object without kinds"},
	"TextDocumentSyncOptions.save": {keep: "reference:SaveOptions",
		reason: "`true` equals SaveOptions{}; we send, never receive, this"},
	"WorkspaceFoldersServerCapabilities.changeNotifications": {keep: "base:boolean",
		reason: "the string alternative is a registration id for dynamic unregistration, which we do not use"},
	"Diagnostic.code": {keep: "base:string", goType: reflect.TypeOf(DiagnosticCode("")),
		reason: "our codes are check names; DiagnosticCode decodes integer codes (from other servers' diagnostics in codeAction contexts) to their decimal text, so decoding never fails"},
	"Diagnostic.message": {keep: "base:string",
		reason: "MarkupContent is a 3.18 addition sent only to clients with textDocument.diagnostic.markupMessageSupport, which we neither read nor need; LSP 3.17 has string only"},
	"WorkspaceEdit.documentChanges": {keep: "reference:TextDocumentEdit",
		reason: "scratchvet never creates, renames or deletes files; we only send edits"},
	"TextDocumentEdit.edits": {keep: "reference:TextEdit",
		reason: "AnnotatedTextEdit needs change annotations and SnippetTextEdit (3.18) a client capability; we send plain edits"},
	"FileSystemWatcher.globPattern": {keep: "reference:Pattern",
		reason: "we register plain glob strings such as **/go.mod; RelativePattern would need the relativePatternSupport capability"},
	"result:textDocument/codeAction": {keep: "reference:CodeAction",
		reason: "we return CodeAction literals only, never bare Commands"},
}

// nullNarrowings lists, by "Structure.property", nullable properties held in
// a Go type whose zero value stands for null.
var nullNarrowings = map[string]string{
	"InitializeParams.rootUri":  "deprecated and only received: null decodes as \"\", never a valid URI; a test client encoding \"\" sends \"\" rather than null",
	"InitializeParams.rootPath": "deprecated and only received: null decodes as \"\", which is omitted when encoding",
}

// zeroOmitted lists optional numeric properties whose Go field drops 0 via
// omitempty although 0 is a valid value. (Optional strings and booleans
// drop "" and false everywhere: for every property in this package absence
// means the same.)
var zeroOmitted = map[string]string{
	"TextDocumentSyncOptions.change":             "absent means TextDocumentSyncKind.None, which is 0",
	"TextDocumentContentChangeEvent.rangeLength": "deprecated and ignored; a pure insertion (length 0) simply omits it",
	"FileSystemWatcher.kind":                     "an empty bit set is meaningless; absent means Create|Change|Delete",
}

// plainStringEnums lists, by "Structure.property", string enumerations
// that accept custom values and are held in a plain string.
var plainStringEnums = map[string]string{
	"TextDocumentItem.languageId": "LSP 3.17 types it as string; the 3.18 LanguageKind enumeration accepts any string, and we only compare it with \"go\"",
}

// requiredOmitempty lists required properties allowed to have omitempty
// because their zero value cannot occur. None so far.
var requiredOmitempty = map[string]string{}

// enumConstants lists every constant of an enumeration type and every
// error code, with its metaModel enumeration and value name.
var enumConstants = []struct {
	goName string
	value  any
	enum   string
	name   string
}{
	{"SyncNone", SyncNone, "TextDocumentSyncKind", "None"},
	{"SyncFull", SyncFull, "TextDocumentSyncKind", "Full"},
	{"SyncIncremental", SyncIncremental, "TextDocumentSyncKind", "Incremental"},
	{"PositionUTF8", PositionUTF8, "PositionEncodingKind", "UTF8"},
	{"PositionUTF16", PositionUTF16, "PositionEncodingKind", "UTF16"},
	{"PositionUTF32", PositionUTF32, "PositionEncodingKind", "UTF32"},
	{"TraceOff", TraceOff, "TraceValue", "Off"},
	{"TraceMessages", TraceMessages, "TraceValue", "Messages"},
	{"TraceVerbose", TraceVerbose, "TraceValue", "Verbose"},
	{"FileCreated", FileCreated, "FileChangeType", "Created"},
	{"FileChanged", FileChanged, "FileChangeType", "Changed"},
	{"FileDeleted", FileDeleted, "FileChangeType", "Deleted"},
	{"SeverityError", SeverityError, "DiagnosticSeverity", "Error"},
	{"SeverityWarning", SeverityWarning, "DiagnosticSeverity", "Warning"},
	{"SeverityInformation", SeverityInformation, "DiagnosticSeverity", "Information"},
	{"SeverityHint", SeverityHint, "DiagnosticSeverity", "Hint"},
	{"TagUnnecessary", TagUnnecessary, "DiagnosticTag", "Unnecessary"},
	{"TagDeprecated", TagDeprecated, "DiagnosticTag", "Deprecated"},
	{"CodeActionInvoked", CodeActionInvoked, "CodeActionTriggerKind", "Invoked"},
	{"CodeActionAutomatic", CodeActionAutomatic, "CodeActionTriggerKind", "Automatic"},
	{"CodeActionEmpty", CodeActionEmpty, "CodeActionKind", "Empty"},
	{"CodeActionQuickFix", CodeActionQuickFix, "CodeActionKind", "QuickFix"},
	{"CodeActionRefactor", CodeActionRefactor, "CodeActionKind", "Refactor"},
	{"CodeActionRefactorRewrite", CodeActionRefactorRewrite, "CodeActionKind", "RefactorRewrite"},
	{"CodeActionSource", CodeActionSource, "CodeActionKind", "Source"},
	{"CodeActionSourceOrganizeImports", CodeActionSourceOrganizeImports, "CodeActionKind", "SourceOrganizeImports"},
	{"CodeActionSourceFixAll", CodeActionSourceFixAll, "CodeActionKind", "SourceFixAll"},
	{"MessageError", MessageError, "MessageType", "Error"},
	{"MessageWarning", MessageWarning, "MessageType", "Warning"},
	{"MessageInfo", MessageInfo, "MessageType", "Info"},
	{"MessageLog", MessageLog, "MessageType", "Log"},
	{"WatchCreate", WatchCreate, "WatchKind", "Create"},
	{"WatchChange", WatchChange, "WatchKind", "Change"},
	{"WatchDelete", WatchDelete, "WatchKind", "Delete"},
	{"CodeParseError", CodeParseError, "ErrorCodes", "ParseError"},
	{"CodeInvalidRequest", CodeInvalidRequest, "ErrorCodes", "InvalidRequest"},
	{"CodeMethodNotFound", CodeMethodNotFound, "ErrorCodes", "MethodNotFound"},
	{"CodeInvalidParams", CodeInvalidParams, "ErrorCodes", "InvalidParams"},
	{"CodeInternalError", CodeInternalError, "ErrorCodes", "InternalError"},
	{"CodeServerNotInitialized", CodeServerNotInitialized, "ErrorCodes", "ServerNotInitialized"},
	{"CodeUnknownErrorCode", CodeUnknownErrorCode, "ErrorCodes", "UnknownErrorCode"},
	{"CodeRequestFailed", CodeRequestFailed, "LSPErrorCodes", "RequestFailed"},
	{"CodeServerCancelled", CodeServerCancelled, "LSPErrorCodes", "ServerCancelled"},
	{"CodeContentModified", CodeContentModified, "LSPErrorCodes", "ContentModified"},
	{"CodeRequestCancelled", CodeRequestCancelled, "LSPErrorCodes", "RequestCancelled"},
}

// methods lists every method constant with its direction, params type
// (nil: none) and result type (nil: not checked or none).
var methods = []struct {
	goName       string
	method       string
	notification bool
	direction    string
	params       any
	result       any
}{
	{"MethodInitialize", MethodInitialize, false, "clientToServer", InitializeParams{}, InitializeResult{}},
	{"MethodInitialized", MethodInitialized, true, "clientToServer", InitializedParams{}, nil},
	{"MethodShutdown", MethodShutdown, false, "clientToServer", nil, nil},
	{"MethodExit", MethodExit, true, "clientToServer", nil, nil},
	{"MethodCancel", MethodCancel, true, "both", CancelParams{}, nil},
	{"MethodSetTrace", MethodSetTrace, true, "clientToServer", SetTraceParams{}, nil},
	{"MethodProgress", MethodProgress, true, "both", ProgressParams{}, nil},
	{"MethodDidOpen", MethodDidOpen, true, "clientToServer", DidOpenTextDocumentParams{}, nil},
	{"MethodDidChange", MethodDidChange, true, "clientToServer", DidChangeTextDocumentParams{}, nil},
	{"MethodDidSave", MethodDidSave, true, "clientToServer", DidSaveTextDocumentParams{}, nil},
	{"MethodDidClose", MethodDidClose, true, "clientToServer", DidCloseTextDocumentParams{}, nil},
	{"MethodPublishDiagnostics", MethodPublishDiagnostics, true, "serverToClient", PublishDiagnosticsParams{}, nil},
	{"MethodCodeAction", MethodCodeAction, false, "clientToServer", CodeActionParams{}, []CodeAction{}},
	{"MethodDidChangeConfiguration", MethodDidChangeConfiguration, true, "clientToServer", DidChangeConfigurationParams{}, nil},
	{"MethodDidChangeWatchedFiles", MethodDidChangeWatchedFiles, true, "clientToServer", DidChangeWatchedFilesParams{}, nil},
	{"MethodDidChangeWorkspaceFolders", MethodDidChangeWorkspaceFolders, true, "clientToServer", DidChangeWorkspaceFoldersParams{}, nil},
	{"MethodConfiguration", MethodConfiguration, false, "serverToClient", ConfigurationParams{}, []json.RawMessage{}},
	{"MethodApplyEdit", MethodApplyEdit, false, "serverToClient", ApplyWorkspaceEditParams{}, ApplyWorkspaceEditResult{}},
	{"MethodShowMessage", MethodShowMessage, true, "serverToClient", ShowMessageParams{}, nil},
	{"MethodLogMessage", MethodLogMessage, true, "serverToClient", LogMessageParams{}, nil},
	{"MethodWorkDoneProgressCreate", MethodWorkDoneProgressCreate, false, "serverToClient", WorkDoneProgressCreateParams{}, nil},
	{"MethodWorkDoneProgressCancel", MethodWorkDoneProgressCancel, true, "clientToServer", WorkDoneProgressCancelParams{}, nil},
	{"MethodRegisterCapability", MethodRegisterCapability, false, "serverToClient", RegistrationParams{}, nil},
	{"MethodUnregisterCapability", MethodUnregisterCapability, false, "serverToClient", UnregistrationParams{}, nil},
}

// TestStructsMatchMetaModel checks every registered struct field by field.
func TestStructsMatchMetaModel(t *testing.T) {
	m := loadMetaModel(t)
	c := &checker{m: m, used: make(map[string]bool)}
	for _, r := range structRegistry {
		typ := reflect.TypeOf(r.v)
		if s := m.structs[r.meta]; s != nil && s.Proposed {
			c.errorf("%v: structure %s is proposed", typ, r.meta)
		}
		props, err := m.properties(r.meta)
		if err != nil {
			c.errorf("%v: %v", typ, err)
			continue
		}
		c.checkStruct(typ, r.meta, props)
	}
	for _, r := range methods {
		if r.result == nil {
			continue
		}
		for _, msg := range m.Requests {
			if msg.Method == r.method && msg.Result != nil {
				c.compat("result:"+r.method, reflect.TypeOf(r.result), msg.Result)
			}
		}
	}
	// Every allowlist entry must still be needed.
	for k := range narrowings {
		if !c.used[k] {
			c.errorf("narrowings[%q] is unused; remove it", k)
		}
	}
	for prefix, list := range map[string]map[string]string{"null:": nullNarrowings, "string:": plainStringEnums, "zero:": zeroOmitted, "required:": requiredOmitempty} {
		for k := range list {
			if !c.used[prefix+k] {
				c.errorf("allowlist entry %q (%s) is unused; remove it", k, prefix)
			}
		}
	}
	for _, e := range c.errs {
		t.Error(e)
	}
}

// TestEncodedZeroValues checks that the zero value of every registered
// struct encodes valid JSON for its required properties: never null unless
// the type admits null (so required arrays are [], not null), and the
// literal value for stringLiteral properties such as WorkDoneProgressBegin.kind.
func TestEncodedZeroValues(t *testing.T) {
	m := loadMetaModel(t)
	c := &checker{m: m}
	for _, r := range structRegistry {
		props, err := m.properties(r.meta)
		if err != nil {
			t.Fatal(err)
		}
		data, err := json.Marshal(r.v)
		if err != nil {
			t.Errorf("%T: %v", r.v, err)
			continue
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(data, &obj); err != nil {
			t.Errorf("%T encodes %s: %v", r.v, data, err)
			continue
		}
		for name, raw := range obj {
			p := props[name]
			if string(raw) == "null" && !c.resolvesToNull(&p.Type) {
				t.Errorf("%T: zero value encodes %s as null, which %s does not allow", r.v, name, desc(&p.Type))
			}
			if p.Type.Kind == "stringLiteral" && !jsonEqual(raw, p.Type.Value) {
				t.Errorf("%T: zero value encodes %s as %s, want %s", r.v, name, raw, p.Type.Value)
			}
		}
	}
}

// TestEnumerationsMatchMetaModel checks each constant's value.
func TestEnumerationsMatchMetaModel(t *testing.T) {
	m := loadMetaModel(t)
	for _, ec := range enumConstants {
		e := m.enums[ec.enum]
		if e == nil {
			t.Errorf("%s: no enumeration %s", ec.goName, ec.enum)
			continue
		}
		// Typed constants must have the registered type, of the right kind;
		// untyped ones (the error codes) default to int.
		if goType := reflect.TypeOf(ec.value); goType.Kind() != reflect.Int {
			if enumNames[goType] != ec.enum {
				t.Errorf("%s: Go type %v is not registered for %s", ec.goName, goType, ec.enum)
			}
			if baseTypes[e.Type.Name] == nil || goType.Kind() != baseTypes[e.Type.Name].Kind() {
				t.Errorf("%s: kind %v, but enumeration %s is %s", ec.goName, goType.Kind(), ec.enum, e.Type.Name)
			}
		}
		got, _ := json.Marshal(ec.value)
		found := false
		for _, v := range e.Values {
			if v.Name == ec.name {
				found = true
				if !jsonEqual(got, v.Value) {
					t.Errorf("%s = %s, metaModel %s.%s = %s", ec.goName, got, ec.enum, ec.name, v.Value)
				}
				if v.Proposed || newerThan317(v.Since) {
					t.Errorf("%s: %s.%s is proposed or newer than LSP 3.17 (since %q)", ec.goName, ec.enum, ec.name, v.Since)
				}
			}
		}
		if !found {
			t.Errorf("%s: no value %s in enumeration %s", ec.goName, ec.name, ec.enum)
		}
	}
}

// TestMethodsMatchMetaModel checks method names, kinds, directions and
// params types.
func TestMethodsMatchMetaModel(t *testing.T) {
	m := loadMetaModel(t)
	for _, r := range methods {
		list, kind := m.Requests, "request"
		if r.notification {
			list, kind = m.Notifications, "notification"
		}
		var msg *metaMessage
		for i := range list {
			if list[i].Method == r.method {
				msg = &list[i]
			}
		}
		if msg == nil {
			t.Errorf("%s = %q: no such %s in metaModel.json", r.goName, r.method, kind)
			continue
		}
		if msg.MessageDirection != r.direction {
			t.Errorf("%s: direction %s, metaModel says %s", r.goName, r.direction, msg.MessageDirection)
		}
		if msg.Proposed {
			t.Errorf("%s: %s is proposed", r.goName, r.method)
		}
		switch {
		case r.params == nil && msg.Params != nil:
			t.Errorf("%s: metaModel has params %s", r.goName, desc(msg.Params))
		case r.params != nil && msg.Params == nil:
			t.Errorf("%s: metaModel has no params", r.goName)
		case r.params != nil:
			name, ok := structNames[reflect.TypeOf(r.params)]
			if !ok || msg.Params.Kind != "reference" || msg.Params.Name != name {
				t.Errorf("%s: params %T (registered as %q), metaModel says %s", r.goName, r.params, name, desc(msg.Params))
			}
		}
	}
}

// TestRegistriesComplete parses the package source and checks that every
// exported type and constant is covered by the registries above.
func TestRegistriesComplete(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	registered := make(map[string]bool)
	for typ := range structNames {
		registered[typ.Name()] = true
	}
	for typ := range enumNames {
		registered[typ.Name()] = true
	}
	consts := make(map[string]bool)
	for _, ec := range enumConstants {
		consts[ec.goName] = true
	}
	for _, r := range methods {
		consts[r.goName] = true
	}
	declared := make(map[string]bool)
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range gd.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					if s.Name.IsExported() && !s.Assign.IsValid() && !registered[s.Name.Name] && !otherTypes[s.Name.Name] {
						t.Errorf("%s: exported type %s is in no registry of protocol_test.go", fset.Position(s.Pos()), s.Name.Name)
					}
				case *ast.ValueSpec:
					if gd.Tok != token.CONST {
						continue
					}
					for _, id := range s.Names {
						if !id.IsExported() {
							continue
						}
						declared[id.Name] = true
						if !consts[id.Name] {
							t.Errorf("%s: constant %s is not checked by protocol_test.go", fset.Position(id.Pos()), id.Name)
						}
					}
				}
			}
		}
	}
	var stale []string
	for name := range consts {
		if !declared[name] {
			stale = append(stale, name)
		}
	}
	sort.Strings(stale)
	if len(stale) > 0 {
		t.Errorf("tables name constants that are not declared: %v", stale)
	}
}
