package config

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// The config file is TOML 1.0 (and go-toml's TOML 1.1 additions), read by
// github.com/pelletier/go-toml/v2 in two passes over the same bytes: its
// decoder validates the document (syntax, duplicate keys, redefined
// tables: the rules that are easy to get wrong), then its parser's syntax
// tree is turned into a tree of values that remember where they are
// written, so that the schema in config.go can name the line and column of
// every value it rejects.

// pos is a 1-based line and column (in bytes, as go/token counts them).
type pos struct{ line, col int }

// valueKind is the TOML type of a value.
type valueKind int

const (
	kindString valueKind = iota
	kindBool
	kindInt
	kindFloat
	kindDateTime
	kindArray
	kindTable
)

func (k valueKind) String() string {
	return [...]string{"a string", "a boolean", "an integer", "a number", "a date", "an array", "a table"}[k]
}

// value is a TOML value with the position it is written at. Tables (the
// [table] and [[array]] ones, inline tables and those implied by dotted
// keys) hold their fields in document order; arrays of tables are arrays
// whose elements are tables.
type value struct {
	kind   valueKind
	pos    pos    // where the value starts; a table: its header or first key
	str    string // kindString; the literal text of numbers and dates
	b      bool
	n      int64
	elems  []*value // kindArray
	fields []*field // kindTable, in document order
	index  map[string]int

	// How a table came to be, for the duplicate-definition note: header
	// is the position of its [header] or [[header]] (zero when implied),
	// dotted that dotted keys defined it, fixed that it is (in) an inline
	// table, which nothing may extend.
	header        pos
	dotted, fixed bool
}

// field is one key of a table and its value.
type field struct {
	key string
	pos pos // of the key (its last part, for a dotted key)
	val *value
}

func (t *value) lookup(key string) *field {
	if i, ok := t.index[key]; ok {
		return t.fields[i]
	}
	return nil
}

func (t *value) add(f *field) {
	if t.index == nil {
		t.index = map[string]int{}
	}
	t.index[f.key] = len(t.fields)
	t.fields = append(t.fields, f)
}

// syntaxError is a TOML error at a position.
type syntaxError struct {
	pos pos
	msg string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.pos.line, e.pos.col, e.msg) }

// maxEntries bounds the keys and tables of a document. go-toml's decoder
// takes time quadratic in their number (it looks keys up in a list: 100,000
// keys, 25 s), and a scratchvet.toml has tens of them; a larger document
// is refused before the decoder sees it.
const maxEntries = 2000

// parseTOML parses a TOML document into a table of positioned values.
func parseTOML(src []byte) (*value, error) {
	b := &builder{lines: lineStarts(src)}
	b.parser.Reset(src)
	root, buildErr := b.build()
	if b.tooMany {
		return nil, buildErr
	}
	var generic map[string]any
	if err := toml.Unmarshal(src, &generic); err != nil {
		var de *toml.DecodeError
		if !errors.As(err, &de) {
			return nil, &syntaxError{pos{1, 1}, err.Error()}
		}
		line, col := de.Position()
		msg := strings.TrimPrefix(de.Error(), "toml: ")
		msg = explain(src, line, col, msg)
		// The builder stops at the same duplicate definition as the
		// decoder, and knows where the first one is.
		var dup *duplicateError
		if errors.As(buildErr, &dup) && dup.at.line == line && dup.first.line > 0 && dup.first.line != line {
			if strings.HasSuffix(msg, "already defined") {
				msg += fmt.Sprintf(" at line %d", dup.first.line)
			} else {
				msg += fmt.Sprintf(" (first defined at line %d)", dup.first.line)
			}
		}
		return nil, &syntaxError{pos{line, col}, msg}
	}
	if buildErr != nil {
		// The decoder accepted what the builder did not: a go-toml rule
		// this file does not mirror. Report it rather than guess.
		return nil, buildErr
	}
	return root, nil
}

// explain adds what the parser's message leaves out: the key of the line,
// and why a bare word is not a value.
func explain(src []byte, line, col int, msg string) string {
	text := lineText(src, line)
	switch {
	case msg == "expected value, not end of input",
		strings.HasPrefix(msg, "unexpected character U+000A") || strings.HasPrefix(msg, "unexpected character U+000D") ||
			strings.HasPrefix(msg, "unexpected character U+0023 '#'"):
		msg = "missing value"
	case strings.HasPrefix(msg, "unexpected character") && strings.HasSuffix(msg, "at start of value") && col >= 1 && col <= len(text):
		word := text[col-1:]
		if end := strings.IndexAny(word, " \t,]}#\r"); end >= 0 {
			word = word[:end]
		}
		msg = "unrecognised value " + word + " (strings need quotes)"
	}
	// A "key = value" line with the error after the "=": name the key.
	if eq := strings.IndexByte(text, '='); eq >= 0 && col > eq {
		key := strings.TrimSpace(text[:eq])
		if key != "" && !strings.ContainsAny(key, "[]{}\"'#,") {
			msg = key + ": " + msg
		}
	}
	return msg
}

func lineText(src []byte, line int) string {
	for i := 1; i < line; i++ {
		nl := bytes.IndexByte(src, '\n')
		if nl < 0 {
			return ""
		}
		src = src[nl+1:]
	}
	if nl := bytes.IndexByte(src, '\n'); nl >= 0 {
		src = src[:nl]
	}
	return strings.TrimSuffix(string(src), "\r")
}

// lineStarts returns the offset of each line's first byte.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// builder turns the parser's expressions into a tree of values.
type builder struct {
	parser  unstable.Parser
	lines   []int
	entries int  // keys and tables so far
	tooMany bool // more than maxEntries
}

// count counts the keys (each part of a dotted key) of an expression.
func (b *builder) count(keys []keyPart) error {
	b.entries += len(keys)
	if b.entries > maxEntries {
		b.tooMany = true
		return &syntaxError{keys[0].pos, fmt.Sprintf("more than %d keys and tables: not a scratchvet config", maxEntries)}
	}
	return nil
}

func (b *builder) pos(offset uint32) pos {
	off := int(offset)
	line := sort.Search(len(b.lines), func(i int) bool { return b.lines[i] > off }) // 1-based
	return pos{line, off - b.lines[line-1] + 1}
}

// duplicateError is a key or table defined twice, or used both as a value
// and as a table.
type duplicateError struct {
	at, first pos
	key       string
}

func (e *duplicateError) Error() string {
	return fmt.Sprintf("%d:%d: %s is already defined at line %d", e.at.line, e.at.col, e.key, e.first.line)
}

func (b *builder) build() (*value, error) {
	root := &value{kind: kindTable, pos: pos{1, 1}}
	current := root
	for b.parser.NextExpression() {
		expr := b.parser.Expression()
		var err error
		switch expr.Kind {
		case unstable.KeyValue:
			err = b.keyValue(current, expr)
		case unstable.Table:
			var keys []keyPart
			if keys, err = b.keys(expr.Key()); err != nil {
				break
			}
			current, err = b.descend(root, keys, false)
			if err == nil {
				at := keys[len(keys)-1].pos
				if current.header.line > 0 || current.dotted || current.fixed {
					return nil, &duplicateError{at: at, first: firstPos(current), key: keys[len(keys)-1].key}
				}
				current.header = at
			}
		case unstable.ArrayTable:
			var keys []keyPart
			if keys, err = b.keys(expr.Key()); err != nil {
				break
			}
			last := keys[len(keys)-1]
			var parent *value
			parent, err = b.descend(root, keys[:len(keys)-1], false)
			if err != nil {
				break
			}
			f := parent.lookup(last.key)
			if f == nil {
				f = &field{key: last.key, pos: last.pos, val: &value{kind: kindArray, pos: last.pos, header: last.pos}}
				parent.add(f)
			} else if f.val.kind != kindArray || f.val.header.line == 0 {
				return nil, &duplicateError{at: last.pos, first: f.pos, key: last.key}
			}
			current = &value{kind: kindTable, pos: last.pos, header: last.pos}
			f.val.elems = append(f.val.elems, current)
		}
		if err != nil {
			return nil, err
		}
	}
	if err := b.parser.Error(); err != nil {
		at := pos{1, 1}
		var pe *unstable.ParserError
		if errors.As(err, &pe) {
			// The highlight is a part of the input: its offset is the
			// difference of capacities.
			data := b.parser.Data()
			if off := cap(data) - cap(pe.Highlight); off >= 0 && off <= len(data) {
				at = b.pos(uint32(off))
			}
			return nil, &syntaxError{at, pe.Message}
		}
		return nil, &syntaxError{at, err.Error()}
	}
	return root, nil
}

func firstPos(t *value) pos {
	if t.header.line > 0 {
		return t.header
	}
	return t.pos
}

type keyPart struct {
	key string
	pos pos
}

func (b *builder) keys(it unstable.Iterator) ([]keyPart, error) {
	var parts []keyPart
	for it.Next() {
		n := it.Node()
		parts = append(parts, keyPart{string(n.Data), b.pos(n.Raw.Offset)})
	}
	return parts, b.count(parts)
}

// descend walks from t down the tables named by keys, creating those that
// do not exist; an array of tables stands for its last element. dotted
// says the keys are the leading parts of a dotted key.
func (b *builder) descend(t *value, keys []keyPart, dotted bool) (*value, error) {
	for _, k := range keys {
		f := t.lookup(k.key)
		if f == nil {
			f = &field{key: k.key, pos: k.pos, val: &value{kind: kindTable, pos: k.pos, dotted: dotted}}
			t.add(f)
		}
		switch {
		case f.val.kind == kindArray && f.val.header.line > 0 && len(f.val.elems) > 0:
			t = f.val.elems[len(f.val.elems)-1]
		case f.val.kind == kindTable && !f.val.fixed && (!dotted || f.val.dotted || f.val.header.line == 0):
			t = f.val
		default:
			return nil, &duplicateError{at: k.pos, first: f.pos, key: k.key}
		}
	}
	return t, nil
}

func (b *builder) keyValue(t *value, kv *unstable.Node) error {
	keys, err := b.keys(kv.Key())
	if err != nil {
		return err
	}
	last := keys[len(keys)-1]
	t, err = b.descend(t, keys[:len(keys)-1], true)
	if err != nil {
		return err
	}
	if f := t.lookup(last.key); f != nil {
		return &duplicateError{at: last.pos, first: f.pos, key: last.key}
	}
	v, err := b.value(kv.Value(), b.valueStart(kv, last))
	if err != nil {
		return err
	}
	t.add(&field{key: last.key, pos: last.pos, val: v})
	return nil
}

// valueStart is where the value of key = value starts: the parser records
// no range for arrays, so look past the "=".
func (b *builder) valueStart(kv *unstable.Node, last keyPart) pos {
	data := b.parser.Data()
	n := kv.Key()
	var end uint32
	for n.Next() {
		end = n.Node().Raw.Offset + n.Node().Raw.Length
	}
	i := int(end)
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '"' || data[i] == '\'') {
		i++ // a quoted key's closing quote is outside its range
	}
	if i < len(data) && data[i] == '=' {
		i++
		for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
			i++
		}
		return b.pos(uint32(i))
	}
	return last.pos
}

// value converts a value node; at is its position when the parser does
// not record one (arrays).
func (b *builder) value(n *unstable.Node, at pos) (*value, error) {
	v := &value{pos: at}
	if n.Kind != unstable.Array {
		v.pos = b.pos(n.Raw.Offset)
	}
	switch n.Kind {
	case unstable.String:
		v.kind, v.str = kindString, string(n.Data)
	case unstable.Bool:
		v.kind, v.b = kindBool, string(n.Data) == "true"
	case unstable.Integer:
		v.kind, v.str = kindInt, string(n.Data)
		v.n, _ = strconv.ParseInt(v.str, 0, 64) // validated by the decoder
	case unstable.Float:
		v.kind, v.str = kindFloat, string(n.Data)
	case unstable.LocalDate, unstable.LocalTime, unstable.LocalDateTime, unstable.DateTime:
		v.kind, v.str = kindDateTime, string(n.Data)
	case unstable.Array:
		v.kind = kindArray
		it := n.Children()
		for it.Next() {
			elem, err := b.value(it.Node(), at)
			if err != nil {
				return nil, err
			}
			v.elems = append(v.elems, elem)
		}
	case unstable.InlineTable:
		v.kind = kindTable
		it := n.Children()
		for it.Next() {
			if it.Node().Kind != unstable.KeyValue {
				continue
			}
			if err := b.keyValue(v, it.Node()); err != nil {
				return nil, err
			}
		}
		// An inline table is complete: its own dotted keys may build it,
		// but nothing may add to it afterwards.
		v.fixed = true
		markFixed(v)
	default:
		return nil, &syntaxError{v.pos, "unexpected " + n.Kind.String()}
	}
	return v, nil
}

// markFixed marks the tables an inline table holds as complete too.
func markFixed(t *value) {
	for _, f := range t.fields {
		if f.val.kind == kindTable {
			f.val.fixed = true
			markFixed(f.val)
		}
	}
}
