package protocol

import (
	"encoding/json"
	"testing"
)

func TestIntegerOrString(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want IntegerOrString
	}{
		{`1`, IntegerValue(1)},
		{`-7`, IntegerValue(-7)},
		{`"tok"`, StringValue("tok")},
		{`""`, StringValue("")},
	} {
		var got IntegerOrString
		if err := json.Unmarshal([]byte(tt.in), &got); err != nil || got != tt.want {
			t.Errorf("Unmarshal(%s) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
		out, err := json.Marshal(got)
		if err != nil || string(out) != tt.in {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", got, out, err, tt.in)
		}
	}
	for _, bad := range []string{`1.5`, `true`, `{}`, `[1]`, `4294967296`} {
		var v IntegerOrString
		if err := json.Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("Unmarshal(%s) = %+v, want error", bad, v)
		}
	}
	var p CancelParams
	if err := json.Unmarshal([]byte(`{"id":"abc"}`), &p); err != nil || p.ID.String() != "abc" || !p.ID.IsString {
		t.Errorf("CancelParams = %+v, %v", p, err)
	}
	if err := json.Unmarshal([]byte(`{"id":42}`), &p); err != nil || p.ID != IntegerValue(42) || p.ID.String() != "42" {
		t.Errorf("CancelParams = %+v, %v", p, err)
	}
}

func TestDiagnosticCodeDecodesIntegers(t *testing.T) {
	var ctx CodeActionContext
	in := `{"diagnostics":[
		{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":1}},"message":"a","code":"cgo"},
		{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":1}},"message":"b","code":2304},
		{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":1}},"message":"c","code":null},
		{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":1}},"message":"d"}]}`
	if err := json.Unmarshal([]byte(in), &ctx); err != nil {
		t.Fatal(err)
	}
	var codes []DiagnosticCode
	for _, d := range ctx.Diagnostics {
		codes = append(codes, d.Code)
	}
	if want := []DiagnosticCode{"cgo", "2304", "", ""}; len(codes) != 4 || codes[0] != want[0] || codes[1] != want[1] || codes[2] != "" || codes[3] != "" {
		t.Errorf("codes = %q, want %q", codes, want)
	}
}

func TestEncodeServerMessages(t *testing.T) {
	pct := uint32(0)
	for _, tt := range []struct {
		v    any
		want string
	}{
		{PublishDiagnosticsParams{URI: "file:///a.go"}, `{"uri":"file:///a.go","diagnostics":[]}`},
		{WorkDoneProgressBegin{Title: "Loading", Percentage: &pct}, `{"kind":"begin","title":"Loading","percentage":0}`},
		{WorkDoneProgressReport{Message: "3/10"}, `{"kind":"report","message":"3/10"}`},
		{WorkDoneProgressEnd{}, `{"kind":"end"}`},
		{ProgressParams{Token: StringValue("load")}, `{"token":"load","value":null}`},
		{TextDocumentEdit{TextDocument: OptionalVersionedTextDocumentIdentifier{URI: "file:///a.go"}},
			`{"textDocument":{"uri":"file:///a.go","version":null},"edits":[]}`},
		{Diagnostic{Severity: SeverityWarning, Code: "cgo", Source: "scratchvet", Message: "m",
			CodeDescription: &CodeDescription{Href: "https://example.com/cgo"}},
			`{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"severity":2,"code":"cgo","codeDescription":{"href":"https://example.com/cgo"},"source":"scratchvet","message":"m"}`},
		{InitializeResult{Capabilities: ServerCapabilities{
			TextDocumentSync:   &TextDocumentSyncOptions{OpenClose: true, Change: SyncIncremental, Save: &SaveOptions{}},
			CodeActionProvider: &CodeActionOptions{CodeActionKinds: []CodeActionKind{CodeActionQuickFix}},
		}, ServerInfo: &ServerInfo{Name: "scratchvet"}},
			`{"capabilities":{"textDocumentSync":{"openClose":true,"change":2,"save":{}},"codeActionProvider":{"codeActionKinds":["quickfix"]}},"serverInfo":{"name":"scratchvet"}}`},
		{UnregistrationParams{}, `{"unregisterations":[]}`},
	} {
		got, err := json.Marshal(tt.v)
		if err != nil || string(got) != tt.want {
			t.Errorf("Marshal(%T) =\n%s, %v; want\n%s", tt.v, got, err, tt.want)
		}
	}
}

func TestDecodeInitializeParams(t *testing.T) {
	// Trimmed from what VS Code sends, with unknown fields left in.
	in := `{"processId":1234,"clientInfo":{"name":"Visual Studio Code","version":"1.90.0"},
		"locale":"en","rootPath":null,"rootUri":"file:///home/u/p",
		"capabilities":{"workspace":{"applyEdit":true,"configuration":true,"workspaceFolders":true,
			"didChangeWatchedFiles":{"dynamicRegistration":true,"relativePatternSupport":true}},
			"textDocument":{"publishDiagnostics":{"relatedInformation":true,"codeDescriptionSupport":true,"tagSupport":{"valueSet":[1,2]}},
			"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["","quickfix"]}},"isPreferredSupport":true}},
			"window":{"workDoneProgress":true}},
		"initializationOptions":{"target":"scratch"},"trace":"off",
		"workspaceFolders":[{"uri":"file:///home/u/p","name":"p"}],"workDoneToken":"w1"}`
	var p InitializeParams
	if err := json.Unmarshal([]byte(in), &p); err != nil {
		t.Fatal(err)
	}
	c := p.Capabilities
	switch {
	case p.ProcessID == nil || *p.ProcessID != 1234, p.RootPath != "", p.RootURI != "file:///home/u/p",
		p.ClientInfo == nil || p.ClientInfo.Name != "Visual Studio Code", p.Trace != TraceOff,
		string(p.InitializationOptions) != `{"target":"scratch"}`,
		len(p.WorkspaceFolders) != 1 || p.WorkspaceFolders[0].Name != "p",
		p.WorkDoneToken == nil || p.WorkDoneToken.String() != "w1",
		!c.Workspace.Configuration || !c.Workspace.WorkspaceFolders || !c.Workspace.DidChangeWatchedFiles.DynamicRegistration,
		!c.TextDocument.PublishDiagnostics.RelatedInformation || !c.TextDocument.PublishDiagnostics.CodeDescriptionSupport,
		len(c.TextDocument.CodeAction.CodeActionLiteralSupport.CodeActionKind.ValueSet) != 2,
		!c.Window.WorkDoneProgress:
		t.Errorf("decoded %+v", p)
	}
	// Neovim 0.7 sends null workspaceFolders and processId.
	var q InitializeParams
	if err := json.Unmarshal([]byte(`{"processId":null,"rootUri":null,"capabilities":{},"workspaceFolders":null}`), &q); err != nil {
		t.Fatal(err)
	}
	if q.ProcessID != nil || q.RootURI != "" || q.WorkspaceFolders != nil || q.Capabilities.Workspace != nil {
		t.Errorf("decoded %+v", q)
	}
}

func TestDecodeDidChange(t *testing.T) {
	in := `{"textDocument":{"uri":"file:///a.go","version":3},"contentChanges":[
		{"range":{"start":{"line":0,"character":1},"end":{"line":0,"character":2}},"rangeLength":1,"text":"é"},
		{"text":"whole"}]}`
	var p DidChangeTextDocumentParams
	if err := json.Unmarshal([]byte(in), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.ContentChanges) != 2 || p.ContentChanges[0].Range == nil || p.ContentChanges[1].Range != nil || p.TextDocument.Version != 3 {
		t.Fatalf("decoded %+v", p)
	}
	got, err := ApplyChanges([]byte("abc"), p.ContentChanges[:1])
	if err != nil || string(got) != "aéc" {
		t.Errorf("ApplyChanges = %q, %v", got, err)
	}
}
