package protocol

import (
	"strings"
	"testing"
)

func TestMapperOffsetAndPosition(t *testing.T) {
	// "é" is 2 bytes / 1 UTF-16 unit; "😀" is 4 bytes / 2 UTF-16 units (a
	// surrogate pair); "世" is 3 bytes / 1 unit.
	const doc = "aé😀b\r\nx世\n\ry\rz"
	// Lines: 0 "aé😀b" (CRLF), 1 "x世" (LF), 2 "" (CR), 3 "y" (CR), 4 "z".
	m := NewMapper([]byte(doc))
	if got := m.Lines(); got != 5 {
		t.Fatalf("Lines() = %d, want 5", got)
	}
	tests := []struct {
		pos  Position
		want int // byte offset
	}{
		{Position{0, 0}, 0},
		{Position{0, 1}, 1},  // before é
		{Position{0, 2}, 3},  // after é
		{Position{0, 4}, 7},  // after 😀 (2 units)
		{Position{0, 5}, 8},  // after b, end of line
		{Position{0, 6}, 8},  // past end of line: clamped before \r\n
		{Position{0, 99}, 8}, // clamped
		{Position{1, 0}, 10},
		{Position{1, 2}, 14}, // after 世
		{Position{1, 3}, 14}, // clamped before \n
		{Position{2, 0}, 15}, // empty line ended by lone \r
		{Position{2, 5}, 15}, // clamped
		{Position{3, 1}, 17},
		{Position{4, 0}, 18},
		{Position{4, 1}, 19}, // end of document
		{Position{4, 7}, 19}, // clamped to end of document
	}
	for _, tt := range tests {
		got, err := m.Offset(tt.pos)
		if err != nil || got != tt.want {
			t.Errorf("Offset(%v) = %d, %v; want %d", tt.pos, got, err, tt.want)
		}
	}
	// Position is the inverse for offsets that are not clamped.
	for _, tt := range []struct {
		off  int
		want Position
	}{
		{0, Position{0, 0}}, {3, Position{0, 2}}, {7, Position{0, 4}}, {8, Position{0, 5}},
		{9, Position{0, 6}}, // between \r and \n: counts the \r
		{10, Position{1, 0}}, {14, Position{1, 2}}, {15, Position{2, 0}},
		{16, Position{3, 0}}, {17, Position{3, 1}}, {18, Position{4, 0}}, {19, Position{4, 1}},
	} {
		got, err := m.Position(tt.off)
		if err != nil || got != tt.want {
			t.Errorf("Position(%d) = %v, %v; want %v", tt.off, got, err, tt.want)
		}
	}
}

func TestMapperErrors(t *testing.T) {
	m := NewMapper([]byte("a😀\nb"))
	for _, p := range []Position{
		{Line: 2, Character: 0},       // past the last line
		{Line: 1 << 31, Character: 0}, // far past
		{Line: 0, Character: 2},       // between the halves of 😀
	} {
		if off, err := m.Offset(p); err == nil {
			t.Errorf("Offset(%v) = %d, want error", p, off)
		}
	}
	for _, off := range []int{-1, 8, 2, 3, 4} { // out of range, or inside 😀's UTF-8 bytes
		if p, err := m.Position(off); err == nil {
			t.Errorf("Position(%d) = %v, want error", off, p)
		}
	}
	if _, _, err := m.Offsets(Range{Start: Position{1, 0}, End: Position{0, 0}}); err == nil {
		t.Error("Offsets(end before start): want error")
	}
	if _, err := m.Range(3, 1); err == nil {
		t.Error("Range(3, 1): want error")
	}
}

func TestMapperEmptyAndTrailingNewline(t *testing.T) {
	m := NewMapper(nil)
	if off, err := m.Offset(Position{0, 3}); err != nil || off != 0 {
		t.Errorf("empty doc: Offset(0:3) = %d, %v", off, err)
	}
	m = NewMapper([]byte("a\n"))
	if off, err := m.Offset(Position{1, 0}); err != nil || off != 2 {
		t.Errorf(`"a\n": Offset(1:0) = %d, %v; want 2`, off, err)
	}
	if r, err := m.Range(0, 2); err != nil || r != (Range{Position{0, 0}, Position{1, 0}}) {
		t.Errorf(`"a\n": Range(0, 2) = %v, %v`, r, err)
	}
}

func TestMapperInvalidUTF8(t *testing.T) {
	// Each invalid byte counts as one UTF-16 unit.
	m := NewMapper([]byte("a\xff\xfeb"))
	if off, err := m.Offset(Position{0, 3}); err != nil || off != 3 {
		t.Errorf("Offset(0:3) = %d, %v; want 3", off, err)
	}
	if p, err := m.Position(4); err != nil || p != (Position{0, 4}) {
		t.Errorf("Position(4) = %v, %v", p, err)
	}
}

func rng(l1, c1, l2, c2 uint32) *Range {
	return &Range{Start: Position{l1, c1}, End: Position{l2, c2}}
}

func TestApplyChanges(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		changes []TextDocumentContentChangeEvent
		want    string
	}{
		{"insert", "hello\nworld\n", []TextDocumentContentChangeEvent{{Range: rng(1, 0, 1, 0), Text: "big "}}, "hello\nbig world\n"},
		{"delete across lines", "hello\nworld\n", []TextDocumentContentChangeEvent{{Range: rng(0, 4, 1, 1), Text: ""}}, "hellorld\n"},
		{"sequential, positions after previous", "abc", []TextDocumentContentChangeEvent{
			{Range: rng(0, 1, 0, 1), Text: "X"},  // aXbc
			{Range: rng(0, 3, 0, 4), Text: "Y"},  // aXbY
			{Range: rng(0, 0, 0, 0), Text: "\n"}, // \naXbY
			{Range: rng(1, 0, 1, 1), Text: "é"},  // \néXbY
		}, "\néXbY"},
		{"full replacement then edit", "old", []TextDocumentContentChangeEvent{
			{Text: "new text"},
			{Range: rng(0, 0, 0, 3), Text: "NEW"},
		}, "NEW text"},
		{"after emoji", "😀x😀y", []TextDocumentContentChangeEvent{{Range: rng(0, 2, 0, 5), Text: "-"}}, "😀-y"},
		{"non-ASCII", "café = 1", []TextDocumentContentChangeEvent{{Range: rng(0, 3, 0, 4), Text: "e"}}, "cafe = 1"},
		{"CRLF", "a\r\nb\r\nc", []TextDocumentContentChangeEvent{{Range: rng(1, 0, 2, 0), Text: ""}}, "a\r\nc"},
		{"CRLF clamp keeps terminator", "ab\r\ncd", []TextDocumentContentChangeEvent{{Range: rng(0, 1, 0, 50), Text: "Z"}}, "aZ\r\ncd"},
		{"range end past line end", "ab\ncd", []TextDocumentContentChangeEvent{{Range: rng(0, 9, 1, 1), Text: "_"}}, "ab_d"},
		{"append at end", "x", []TextDocumentContentChangeEvent{{Range: rng(0, 1, 0, 1), Text: "\ny"}}, "x\ny"},
		{"no changes", "same", nil, "same"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.doc)
			got, err := ApplyChanges(in, tt.changes)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if string(in) != tt.doc {
				t.Errorf("input modified: %q", in)
			}
		})
	}
}

func TestApplyChangesErrors(t *testing.T) {
	for _, changes := range [][]TextDocumentContentChangeEvent{
		{{Range: rng(5, 0, 5, 0), Text: "x"}},                                     // line out of range
		{{Range: rng(0, 2, 0, 1), Text: "x"}},                                     // end before start
		{{Range: rng(0, 2, 0, 2), Text: "x"}, {Range: rng(0, 0, 3, 0), Text: ""}}, // second change out of range
		{{Range: rng(0, 1, 0, 1), Text: ""}},                                      // inside surrogate pair of 😀
	} {
		if got, err := ApplyChanges([]byte("😀"), changes); err == nil {
			t.Errorf("ApplyChanges(%+v) = %q, want error", changes, got)
		} else if !strings.Contains(err.Error(), "change ") {
			t.Errorf("error %q does not name the change", err)
		}
	}
}

func TestApplyChangesDoesNotAlias(t *testing.T) {
	in := make([]byte, 3, 100)
	copy(in, "abc")
	out, err := ApplyChanges(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	out[0] = 'X'
	if string(in) != "abc" {
		t.Errorf("result shares memory with the input")
	}
}
