package deploy

import (
	"path"
	"strings"
)

// unknown stands for text whose value cannot be known without running
// something: a command substitution, a variable no declaration sets, a
// make function. A word containing it is only partly known.
const unknown = "\uFFFD"

// isKnown reports whether s has no unknown part.
func isKnown(s string) bool { return !strings.Contains(s, unknown) }

// lookupFunc returns a variable's value and whether it is set. A set
// value may itself contain unknown parts.
type lookupFunc func(name string) (string, bool)

// A token is a raw shell word (quotes and expansions still in it) or an
// operator that separates commands.
type token struct {
	word string
	op   string // "", or ";", "&&", "||", "|", "&", "\n", "(", ")"
}

// maxScriptSize bounds the shell text analysed at once.
const maxScriptSize = 256 << 10

// lexShell splits a shell script into raw words and command separators.
// Comments are dropped; redirections and their targets are dropped.
// Quotes, escapes, $(...) and `...` stay inside the word they belong to.
func lexShell(s string) []token {
	if len(s) > maxScriptSize {
		s = s[:maxScriptSize]
	}
	var toks []token
	var cur strings.Builder
	inWord := false
	skipNext := false // the next word is a redirection target
	flush := func() {
		if inWord {
			if skipNext {
				skipNext = false
			} else {
				toks = append(toks, token{word: cur.String()})
			}
		}
		cur.Reset()
		inWord = false
	}
	op := func(o string) {
		flush()
		toks = append(toks, token{op: o})
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++ // line continuation
				continue
			}
			cur.WriteByte(c)
			if i+1 < len(s) {
				i++
				cur.WriteByte(s[i])
			}
			inWord = true
		case c == '\'' || c == '`':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				cur.WriteString(s[i:])
				i = len(s)
			} else {
				cur.WriteString(s[i : i+end+2])
				i += end + 1
			}
			inWord = true
		case c == '"':
			j := skipDoubleQuoted(s, i+1)
			cur.WriteString(s[i:j])
			i = j - 1
			inWord = true
		case c == '$' && i+1 < len(s) && (s[i+1] == '(' || s[i+1] == '{'):
			j := skipBalanced(s, i+1)
			cur.WriteString(s[i:j])
			i = j - 1
			inWord = true
		case c == '#' && !inWord:
			for i < len(s) && s[i] != '\n' {
				i++
			}
			i--
		case c == ' ' || c == '\t' || c == '\r':
			flush()
		case c == '\n':
			op("\n")
		case c == ';':
			op(";")
		case c == '&':
			if i+1 < len(s) && s[i+1] == '&' {
				i++
				op("&&")
			} else {
				op("&")
			}
		case c == '|':
			if i+1 < len(s) && s[i+1] == '|' {
				i++
				op("||")
			} else {
				op("|")
			}
		case c == '(' || c == ')':
			op(string(c))
		case c == '>' || c == '<':
			// A redirection: drop it and its target ("2>&1", "> /dev/null").
			word := cur.String()
			if inWord && strings.Trim(word, "0123456789") != "" {
				flush()
			}
			cur.Reset()
			inWord = false
			for i+1 < len(s) && (s[i+1] == '>' || s[i+1] == '<' || s[i+1] == '&') {
				i++
			}
			if i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' && s[i] == '&' {
				i++ // >&2
				continue
			}
			skipNext = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	flush()
	return toks
}

// skipDoubleQuoted returns the index after the closing quote of a string
// opened before s[i].
func skipDoubleQuoted(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case '\\':
			i += 2
			continue
		case '"':
			return i + 1
		case '$':
			if i+1 < len(s) && (s[i+1] == '(' || s[i+1] == '{') {
				i = skipBalanced(s, i+1)
				continue
			}
		}
		i++
	}
	return len(s)
}

// skipBalanced returns the index after the bracket that closes s[i].
func skipBalanced(s string, i int) int {
	open := s[i]
	closeCh := byte(')')
	if open == '{' {
		closeCh = '}'
	}
	depth := 0
	for ; i < len(s); i++ {
		switch s[i] {
		case open:
			depth++
		case closeCh:
			depth--
			if depth == 0 {
				return i + 1
			}
		case '\\':
			i++
		case '\'':
			if open == '(' {
				if end := strings.IndexByte(s[i+1:], '\''); end >= 0 {
					i += end + 1
				}
			}
		}
	}
	return len(s)
}

// A command is one simple command of a script: its words (raw).
type command []string

// splitCommands groups tokens into simple commands, dropping the shell
// keywords that only structure them (if, then, do, ...).
func splitCommands(toks []token) []command {
	var cmds []command
	var cur command
	for _, t := range toks {
		if t.op != "" {
			if len(cur) > 0 {
				cmds = append(cmds, cur)
			}
			cur = nil
			continue
		}
		if len(cur) == 0 && shellKeywords[t.word] {
			continue
		}
		cur = append(cur, t.word)
	}
	if len(cur) > 0 {
		cmds = append(cmds, cur)
	}
	return cmds
}

var shellKeywords = map[string]bool{
	"if": true, "then": true, "else": true, "elif": true, "fi": true,
	"do": true, "done": true, "while": true, "until": true, "!": true,
	"{": true, "}": true, "time": true, "exec": true,
}

// expandWord expands a raw shell word: quotes removed, escapes applied,
// variables replaced through lookup. Command substitutions and unset
// variables that lookup does not know become unknown.
func expandWord(raw string, lookup lookupFunc, escape byte) string {
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == escape:
			if i+1 < len(raw) {
				i++
				b.WriteByte(raw[i])
			}
		case c == '\'':
			end := strings.IndexByte(raw[i+1:], '\'')
			if end < 0 {
				b.WriteString(raw[i+1:])
				return b.String()
			}
			b.WriteString(raw[i+1 : i+1+end])
			i += end + 1
		case c == '"':
			j := skipDoubleQuoted(raw, i+1)
			inner := raw[i+1 : j]
			inner = strings.TrimSuffix(inner, `"`)
			b.WriteString(expandDouble(inner, lookup, escape))
			i = j - 1
		case c == '`':
			end := strings.IndexByte(raw[i+1:], '`')
			b.WriteString(unknown)
			if end < 0 {
				return b.String()
			}
			i += end + 1
		case c == '$':
			n, val := expandDollar(raw[i:], lookup, escape)
			b.WriteString(val)
			i += n - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// expandDouble expands the inside of a double-quoted string.
func expandDouble(s string, lookup lookupFunc, escape byte) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == escape && i+1 < len(s) && strings.IndexByte("$`\"\\\n", s[i+1]) >= 0:
			i++
			if s[i] != '\n' {
				b.WriteByte(s[i])
			}
		case c == '`':
			end := strings.IndexByte(s[i+1:], '`')
			b.WriteString(unknown)
			if end < 0 {
				return b.String()
			}
			i += end + 1
		case c == '$':
			n, val := expandDollar(s[i:], lookup, escape)
			b.WriteString(val)
			i += n - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// expandDollar expands the expansion at the start of s ("$X", "${X:-y}",
// "$(cmd)") and returns how many bytes it used and its value.
func expandDollar(s string, lookup lookupFunc, escape byte) (int, string) {
	if len(s) < 2 {
		return 1, "$"
	}
	switch c := s[1]; {
	case c == '(':
		return skipBalanced(s, 1), unknown
	case c == '{':
		end := skipBalanced(s, 1)
		inner := strings.TrimSuffix(s[2:end], "}")
		return end, expandBraced(inner, lookup, escape)
	case c == '_' || isAlpha(c):
		j := 1
		for j < len(s) && (s[j] == '_' || isAlpha(s[j]) || s[j] >= '0' && s[j] <= '9') {
			j++
		}
		return j, valueOf(s[1:j], lookup)
	case c >= '0' && c <= '9', strings.IndexByte("@*#?$!-", c) >= 0:
		return 2, unknown
	}
	return 1, "$"
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func valueOf(name string, lookup lookupFunc) string {
	if v, ok := lookup(name); ok {
		return v
	}
	return unknown
}

// expandBraced expands the inside of ${...}: a name, optionally with one
// of the operators :- - :+ + :? ? # ## % %%.
func expandBraced(inner string, lookup lookupFunc, escape byte) string {
	j := 0
	for j < len(inner) && (inner[j] == '_' || isAlpha(inner[j]) || j > 0 && inner[j] >= '0' && inner[j] <= '9') {
		j++
	}
	name, rest := inner[:j], inner[j:]
	if name == "" {
		return unknown
	}
	val, set := lookup(name)
	word := func(op string) string {
		return expandWord(strings.TrimPrefix(rest, op), lookup, escape)
	}
	switch {
	case rest == "":
		if !set {
			return unknown
		}
		return val
	case strings.HasPrefix(rest, ":-"):
		if !set || val == "" {
			return word(":-")
		}
		return val
	case strings.HasPrefix(rest, "-"):
		if !set {
			return word("-")
		}
		return val
	case strings.HasPrefix(rest, ":+"):
		if set && val != "" {
			return word(":+")
		}
		return ""
	case strings.HasPrefix(rest, "+"):
		if set {
			return word("+")
		}
		return ""
	case strings.HasPrefix(rest, ":?"), strings.HasPrefix(rest, "?"):
		if !set {
			return unknown
		}
		return val
	case strings.HasPrefix(rest, "##"), strings.HasPrefix(rest, "#"),
		strings.HasPrefix(rest, "%%"), strings.HasPrefix(rest, "%"):
		if !set || !isKnown(val) {
			return unknown
		}
		return trimPattern(val, rest, lookup, escape)
	}
	return unknown
}

// trimPattern applies ${X#p}, ${X##p}, ${X%p} or ${X%%p} to val.
func trimPattern(val, rest string, lookup lookupFunc, escape byte) string {
	op := rest[:1]
	longest := len(rest) > 1 && rest[1] == rest[0]
	pattern := expandWord(rest[len(op)+b2i(longest):], lookup, escape)
	if !isKnown(pattern) {
		return unknown
	}
	best := -1
	for n := 0; n <= len(val); n++ {
		var part string
		if op == "#" {
			part = val[:n]
		} else {
			part = val[len(val)-n:]
		}
		// Shell patterns match "/" with *, path.Match does not: hide it.
		if ok, _ := path.Match(strings.ReplaceAll(pattern, "/", "\x00"), strings.ReplaceAll(part, "/", "\x00")); ok {
			best = n
			if !longest {
				break
			}
		}
	}
	if best < 0 {
		return val
	}
	if op == "#" {
		return val[best:]
	}
	return val[:len(val)-best]
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// splitWords splits s at blanks outside quotes, keeping each word raw
// (quotes and expansions still in it). It is how Dockerfile instructions
// (ENV, ARG, COPY, FROM) separate their arguments.
func splitWords(s string, escape byte) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == escape && i+1 < len(s):
			cur.WriteByte(c)
			i++
			cur.WriteByte(s[i])
			inWord = true
		case c == '\'' || c == '"':
			end := strings.IndexByte(s[i+1:], c)
			if c == '"' {
				end = skipDoubleQuoted(s, i+1) - i - 2
			}
			if end < 0 || i+1+end >= len(s) {
				cur.WriteString(s[i:])
				i = len(s)
			} else {
				cur.WriteString(s[i : i+end+2])
				i += end + 1
			}
			inWord = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
