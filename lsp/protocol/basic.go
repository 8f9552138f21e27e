// Package protocol holds the subset of Language Server Protocol 3.17 types
// that scratchvet's language server uses, as plain Go structs with JSON
// tags, plus helpers for file URIs and UTF-16 positions.
//
// Field names and JSON names follow the LSP specification. A property the
// specification marks optional has omitempty (and is a pointer when its
// zero value is meaningful); a required one never has omitempty. Where the
// specification allows several types ("or types") and this package keeps
// only one, the narrowing is listed with its reason in protocol_test.go,
// which checks every type here against the official metaModel.json in
// testdata/.
package protocol

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Position is a zero-based line and character offset in a document. The
// character offset counts UTF-16 code units (the LSP default encoding).
type Position struct {
	Line      uint32 `json:"line"`
	Character uint32 `json:"character"`
}

// Range is a half-open range [Start, End) in a document.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Location is a range inside a document.
type Location struct {
	URI   DocumentURI `json:"uri"`
	Range Range       `json:"range"`
}

// TextDocumentIdentifier names a document.
type TextDocumentIdentifier struct {
	URI DocumentURI `json:"uri"`
}

// VersionedTextDocumentIdentifier names a specific version of a document.
type VersionedTextDocumentIdentifier struct {
	URI     DocumentURI `json:"uri"`
	Version int32       `json:"version"`
}

// OptionalVersionedTextDocumentIdentifier names a document and optionally
// its version; a nil Version is sent as null (the version on disk).
type OptionalVersionedTextDocumentIdentifier struct {
	URI     DocumentURI `json:"uri"`
	Version *int32      `json:"version"`
}

// TextDocumentItem is a document as transferred by textDocument/didOpen.
type TextDocumentItem struct {
	URI        DocumentURI `json:"uri"`
	LanguageID string      `json:"languageId"`
	Version    int32       `json:"version"`
	Text       string      `json:"text"`
}

// TextEdit replaces Range with NewText.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// IntegerOrString is the LSP or-type `integer | string`. IsString selects
// which of Str and Int holds the value.
type IntegerOrString struct {
	Str      string
	Int      int32
	IsString bool
}

// ProgressToken identifies a progress stream ($/progress, workDone tokens).
type ProgressToken = IntegerOrString

// StringValue returns an IntegerOrString holding s.
func StringValue(s string) IntegerOrString { return IntegerOrString{Str: s, IsString: true} }

// IntegerValue returns an IntegerOrString holding i.
func IntegerValue(i int32) IntegerOrString { return IntegerOrString{Int: i} }

// String returns the string, or the integer in decimal.
func (v IntegerOrString) String() string {
	if v.IsString {
		return v.Str
	}
	return strconv.FormatInt(int64(v.Int), 10)
}

// MarshalJSON encodes v as a JSON string or number.
func (v IntegerOrString) MarshalJSON() ([]byte, error) {
	if v.IsString {
		return json.Marshal(v.Str)
	}
	return strconv.AppendInt(nil, int64(v.Int), 10), nil
}

// UnmarshalJSON accepts a JSON string or an integer in the int32 range;
// null leaves v unchanged.
func (v *IntegerOrString) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*v = StringValue(s)
		return nil
	}
	var i int32
	if err := json.Unmarshal(data, &i); err != nil {
		return fmt.Errorf("expected integer or string, got %s", data)
	}
	*v = IntegerValue(i)
	return nil
}

// DiagnosticCode is a diagnostic's code. The specification allows
// `integer | string`; scratchvet's codes are check names, so it is kept as a
// string. Decoding tolerates integer codes (they come back in
// textDocument/codeAction contexts from other sources) by converting them
// to their decimal text.
type DiagnosticCode string

// UnmarshalJSON accepts a JSON string or integer; null leaves c unchanged.
func (c *DiagnosticCode) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	var v IntegerOrString
	if err := v.UnmarshalJSON(data); err != nil {
		return err
	}
	*c = DiagnosticCode(v.String())
	return nil
}
