package protocol

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// A Mapper converts between LSP positions (line, UTF-16 code unit) and byte
// offsets in one document's content. Lines end at "\n", "\r\n" or "\r", as
// the specification prescribes. Invalid UTF-8 bytes count as one UTF-16
// code unit each (they decode to U+FFFD). A Mapper does not copy or modify
// the content; it must not change while the Mapper is in use.
type Mapper struct {
	content []byte
	// lineStart[i] is the byte offset of line i; there is always a line 0,
	// and a (possibly empty) line after every line terminator.
	lineStart []int
}

// NewMapper returns a Mapper for content.
func NewMapper(content []byte) *Mapper {
	starts := []int{0}
	for i := 0; i < len(content); i++ {
		switch content[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(content) && content[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return &Mapper{content: content, lineStart: starts}
}

// Lines returns the number of lines (one more than the number of line
// terminators).
func (m *Mapper) Lines() int { return len(m.lineStart) }

// lineEnd returns the byte offset of the end of line's content, before its
// terminator.
func (m *Mapper) lineEnd(line int) int {
	if line+1 >= len(m.lineStart) {
		return len(m.content)
	}
	end := m.lineStart[line+1]
	if end >= 2 && m.content[end-2] == '\r' && m.content[end-1] == '\n' {
		return end - 2
	}
	return end - 1
}

// Offset returns the byte offset of p. A character offset past the end of
// the line is clamped to the end of the line's content (before the line
// terminator), as the specification requires. A line past the last line,
// or a character offset that falls between the two halves of a UTF-16
// surrogate pair, is an error.
func (m *Mapper) Offset(p Position) (int, error) {
	if int64(p.Line) >= int64(len(m.lineStart)) {
		return 0, fmt.Errorf("position %d:%d: line out of range (document has %d lines)",
			p.Line, p.Character, len(m.lineStart))
	}
	off, end := m.lineStart[p.Line], m.lineEnd(int(p.Line))
	for units := uint32(0); units < p.Character; {
		if off >= end {
			return end, nil // clamp
		}
		r, size := utf8.DecodeRune(m.content[off:end])
		n := uint32(utf16.RuneLen(r))
		if n > 1 && p.Character-units < n {
			return 0, fmt.Errorf("position %d:%d: inside a UTF-16 surrogate pair", p.Line, p.Character)
		}
		units += n
		off += size
	}
	return off, nil
}

// Position returns the position of a byte offset. The offset must be within
// [0, len(content)] and must not fall inside a UTF-8 sequence.
func (m *Mapper) Position(offset int) (Position, error) {
	if offset < 0 || offset > len(m.content) {
		return Position{}, fmt.Errorf("offset %d out of range [0, %d]", offset, len(m.content))
	}
	// Binary search for the last line starting at or before offset.
	lo, hi := 0, len(m.lineStart)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if m.lineStart[mid] <= offset {
			lo = mid
		} else {
			hi = mid
		}
	}
	var units uint32
	for off := m.lineStart[lo]; off < offset; {
		r, size := utf8.DecodeRune(m.content[off:])
		if off+size > offset {
			return Position{}, fmt.Errorf("offset %d is inside a UTF-8 sequence", offset)
		}
		units += uint32(utf16.RuneLen(r))
		off += size
	}
	return Position{Line: uint32(lo), Character: units}, nil
}

// Offsets returns the byte offsets of r's start and end. It fails if either
// position is out of range or if the end is before the start.
func (m *Mapper) Offsets(r Range) (start, end int, err error) {
	if start, err = m.Offset(r.Start); err != nil {
		return 0, 0, err
	}
	if end, err = m.Offset(r.End); err != nil {
		return 0, 0, err
	}
	if end < start {
		return 0, 0, fmt.Errorf("range %d:%d-%d:%d: end before start",
			r.Start.Line, r.Start.Character, r.End.Line, r.End.Character)
	}
	return start, end, nil
}

// Range returns the range of the byte offsets [start, end).
func (m *Mapper) Range(start, end int) (Range, error) {
	if end < start {
		return Range{}, fmt.Errorf("offsets %d-%d: end before start", start, end)
	}
	s, err := m.Position(start)
	if err != nil {
		return Range{}, err
	}
	e, err := m.Position(end)
	if err != nil {
		return Range{}, err
	}
	return Range{Start: s, End: e}, nil
}

// ApplyChanges applies the changes of a textDocument/didChange notification
// in order and returns the new content. A change without a range replaces
// the whole document; a change with a range replaces that range, with
// positions relative to the content after the preceding changes.
// RangeLength is ignored (it is deprecated). content is not modified; the
// result never shares memory with it.
func ApplyChanges(content []byte, changes []TextDocumentContentChangeEvent) ([]byte, error) {
	out := append([]byte(nil), content...)
	for i, c := range changes {
		if c.Range == nil {
			out = []byte(c.Text)
			continue
		}
		start, end, err := NewMapper(out).Offsets(*c.Range)
		if err != nil {
			return nil, fmt.Errorf("change %d: %w", i, err)
		}
		next := make([]byte, 0, len(out)-(end-start)+len(c.Text))
		next = append(next, out[:start]...)
		next = append(next, c.Text...)
		next = append(next, out[end:]...)
		out = next
	}
	return out, nil
}
