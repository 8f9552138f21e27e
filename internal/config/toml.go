package config

import (
	"fmt"
	"strconv"
	"strings"
)

// value is one parsed value of the TOML subset scratchvet's config uses:
// basic and literal strings, booleans, integers and single-line arrays of
// basic strings.
type value struct {
	line int
	str  string
	b    bool
	n    int64
	list []string
	kind valueKind
}

type valueKind int

const (
	kindString valueKind = iota
	kindBool
	kindInt
	kindList
)

func (k valueKind) String() string {
	return [...]string{"a string", "a boolean", "an integer", "an array of strings"}[k]
}

// entry is one key = value line, with its table.
type entry struct {
	table string // "" for the top level
	key   string
	val   value
}

// parseTOML parses the subset: comments, [table] headers, key = value.
// Errors name the line.
func parseTOML(src string) ([]entry, error) {
	var entries []entry
	table := ""
	seen := map[string]int{}
	tables := map[string]int{}
	for i, raw := range strings.Split(src, "\n") {
		line := i + 1
		text := strings.TrimSpace(stripComment(raw))
		if text == "" {
			continue
		}
		if strings.HasPrefix(text, "[") {
			if !strings.HasSuffix(text, "]") || strings.HasPrefix(text, "[[") {
				return nil, fmt.Errorf("%d: malformed table header %q", line, text)
			}
			table = strings.TrimSpace(text[1 : len(text)-1])
			if !validKey(table) {
				return nil, fmt.Errorf("%d: malformed table name %q", line, table)
			}
			if prev, dup := tables[table]; dup {
				return nil, fmt.Errorf("%d: table [%s] already defined at line %d", line, table, prev)
			}
			tables[table] = line
			continue
		}
		k, v, ok := strings.Cut(text, "=")
		if !ok {
			return nil, fmt.Errorf("%d: expected key = value, found %q", line, text)
		}
		key := strings.TrimSpace(k)
		if strings.HasPrefix(key, `"`) {
			unq, err := strconv.Unquote(key)
			if err != nil {
				return nil, fmt.Errorf("%d: malformed quoted key %s", line, key)
			}
			key = unq
		} else if !validKey(key) {
			return nil, fmt.Errorf("%d: malformed key %q", line, key)
		}
		val, err := parseValue(strings.TrimSpace(v))
		if err != nil {
			return nil, fmt.Errorf("%d: %s: %v", line, key, err)
		}
		val.line = line
		full := table + "." + key
		if prev, dup := seen[full]; dup {
			return nil, fmt.Errorf("%d: %s is already set at line %d", line, key, prev)
		}
		seen[full] = line
		entries = append(entries, entry{table: table, key: key, val: val})
	}
	return entries, nil
}

// stripComment removes a # comment that is not inside a string.
func stripComment(s string) string {
	var quote rune // the open string's quote, if any
	escaped := false
	for i, r := range s {
		switch {
		case escaped:
			escaped = false
		case r == '\\' && quote == '"':
			escaped = true
		case quote == 0 && (r == '"' || r == '\''):
			quote = r
		case r == quote:
			quote = 0
		case r == '#' && quote == 0:
			return s[:i]
		}
	}
	return s
}

func validKey(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if !(r == '-' || r == '_' || r == '.' || r == '/' || r == '*' ||
			'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

func parseValue(s string) (value, error) {
	switch {
	case s == "":
		return value{}, fmt.Errorf("missing value")
	case s == "true" || s == "false":
		return value{kind: kindBool, b: s == "true"}, nil
	case strings.HasPrefix(s, `"`):
		str, err := strconv.Unquote(s)
		if err != nil {
			return value{}, fmt.Errorf("malformed string %s", s)
		}
		return value{kind: kindString, str: str}, nil
	case strings.HasPrefix(s, "'"):
		// A literal string: no escapes, handy for -ldflags with quotes.
		if len(s) < 2 || !strings.HasSuffix(s, "'") || strings.Contains(s[1:len(s)-1], "'") {
			return value{}, fmt.Errorf("malformed literal string %s", s)
		}
		return value{kind: kindString, str: s[1 : len(s)-1]}, nil
	case strings.HasPrefix(s, "["):
		if !strings.HasSuffix(s, "]") {
			return value{}, fmt.Errorf("arrays must be on one line: %s", s)
		}
		inner := strings.TrimSpace(s[1 : len(s)-1])
		list := []string{}
		for inner != "" {
			if !strings.HasPrefix(inner, `"`) {
				return value{}, fmt.Errorf("arrays may hold only strings: %s", s)
			}
			end := closingQuote(inner)
			if end < 0 {
				return value{}, fmt.Errorf("malformed string in array %s", s)
			}
			str, err := strconv.Unquote(inner[:end+1])
			if err != nil {
				return value{}, fmt.Errorf("malformed string in array %s", s)
			}
			list = append(list, str)
			inner = strings.TrimSpace(inner[end+1:])
			if inner != "" {
				if !strings.HasPrefix(inner, ",") {
					return value{}, fmt.Errorf("expected , between array elements: %s", s)
				}
				inner = strings.TrimSpace(inner[1:])
			}
		}
		return value{kind: kindList, list: list}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return value{}, fmt.Errorf("unrecognised value %s (strings need double quotes)", s)
	}
	return value{kind: kindInt, n: n}, nil
}

// closingQuote returns the index of the quote ending the string s starts with.
func closingQuote(s string) int {
	escaped := false
	for i := 1; i < len(s); i++ {
		switch {
		case escaped:
			escaped = false
		case s[i] == '\\':
			escaped = true
		case s[i] == '"':
			return i
		}
	}
	return -1
}
