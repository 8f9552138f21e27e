package deploy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// A Dockerfile is a Dockerfile (or Containerfile) split into instructions.
// Reading never fails as a whole: what cannot be read is recorded in
// Problems with its line, and the rest still counts.
type Dockerfile struct {
	Path         string // as given to ParseDockerfile, for messages
	Escape       rune   // the escape character: '\\' unless "# escape=`"
	Instructions []Instruction
	Problems     []Problem
}

// An Instruction is one Dockerfile instruction with its continuation lines
// joined and its here-documents attached.
type Instruction struct {
	Cmd     string   // lower case: "from", "run", "copy", ...
	Line    int      // first line, 1-based
	EndLine int      // last line, here-documents included
	Flags   []string // leading --name=value words, as written
	// Rest is the text after the keyword and the flags, continuation
	// lines joined (the escape character and newline removed).
	Rest string
	// JSON holds the arguments of the exec (JSON array) form; nil for the
	// shell form.
	JSON     []string
	Heredocs []Heredoc
}

// A Heredoc is the body of a here-document ("RUN <<EOF ... EOF").
type Heredoc struct {
	Name   string // the delimiter word
	Body   string
	Expand bool // false when the delimiter was quoted ("EOF" or 'EOF')
	Line   int  // line of the first body line
}

// Flag returns the value of the flag --name, and whether it is present.
func (in *Instruction) Flag(name string) (string, bool) {
	for _, f := range in.Flags {
		k, v, _ := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

// instructions are the Dockerfile keywords. An unknown keyword is a problem
// (BuildKit stops there); the line is skipped and reading goes on.
var instructions = map[string]bool{
	"add": true, "arg": true, "cmd": true, "copy": true, "entrypoint": true,
	"env": true, "expose": true, "from": true, "healthcheck": true,
	"label": true, "maintainer": true, "onbuild": true, "run": true,
	"shell": true, "stopsignal": true, "user": true, "volume": true,
	"workdir": true,
}

// heredocCmds are the instructions whose here-documents BuildKit reads.
var heredocCmds = map[string]bool{"run": true, "copy": true, "add": true}

// flagCmds are the instructions that take leading --flags.
var flagCmds = map[string]bool{"from": true, "run": true, "copy": true, "add": true, "healthcheck": true}

var (
	directiveRE = regexp.MustCompile(`^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$`)
	heredocRE   = regexp.MustCompile(`<<(-?)\s*(["']?)([A-Za-z_][A-Za-z0-9_.-]*)(["']?)`)
)

// maxDockerfileSize bounds what is read of one file: a Dockerfile is a few
// kilobytes; anything larger is not one.
const maxDockerfileSize = 1 << 20

// ParseDockerfile reads a Dockerfile. path is used only in problems.
func ParseDockerfile(path string, data []byte) *Dockerfile {
	df := &Dockerfile{Path: path, Escape: '\\'}
	if len(data) > maxDockerfileSize {
		df.problem(0, "larger than %d bytes; not read", maxDockerfileSize)
		return df
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	i := df.readDirectives(lines)
	for i < len(lines) {
		trimmed := strings.TrimSpace(lines[i])
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			i++
			continue
		}
		i = df.readInstruction(lines, i)
	}
	return df
}

// maxProblems bounds the problems reported for one file: a file that is
// not a Dockerfile at all would otherwise give one per line.
const maxProblems = 10

func (df *Dockerfile) problem(line int, format string, args ...any) {
	switch {
	case len(df.Problems) < maxProblems:
		df.Problems = append(df.Problems, Problem{Pos: Pos{File: df.Path, Line: line}, Msg: fmt.Sprintf(format, args...)})
	case len(df.Problems) == maxProblems:
		df.Problems = append(df.Problems, Problem{Pos: Pos{File: df.Path, Line: line}, Msg: "more problems follow; not all are listed"})
	}
}

// readDirectives reads the parser directives at the top of the file and
// returns the index of the first line after them. BuildKit stops looking
// for directives at the first line that is not one.
func (df *Dockerfile) readDirectives(lines []string) int {
	seen := map[string]bool{}
	for i, l := range lines {
		m := directiveRE.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			return i
		}
		name := strings.ToLower(m[1])
		if seen[name] {
			df.problem(i+1, "parser directive %q given twice", name)
		}
		seen[name] = true
		if name == "escape" {
			switch m[2] {
			case "\\":
				df.Escape = '\\'
			case "`":
				df.Escape = '`'
			default:
				df.problem(i+1, "invalid escape directive %q: want \\ or `", m[2])
			}
		}
	}
	return len(lines)
}

// readInstruction reads the instruction starting at lines[start] and
// returns the index of the line after it.
func (df *Dockerfile) readInstruction(lines []string, start int) int {
	var b strings.Builder
	i := start
	for i < len(lines) {
		l := lines[i]
		i++
		if i-1 > start {
			// Comment and empty lines inside a continued instruction are
			// dropped, as BuildKit does.
			if t := strings.TrimSpace(l); t == "" || strings.HasPrefix(t, "#") {
				continue
			}
		}
		body, more := df.trimContinuation(l)
		b.WriteString(body)
		if !more {
			break
		}
	}
	logical := strings.TrimLeftFunc(b.String(), unicode.IsSpace)
	keyword, rest, _ := strings.Cut(logical, " ")
	if k, r, ok := strings.Cut(logical, "\t"); ok && len(k) < len(keyword) {
		keyword, rest = k, r
	}
	in := Instruction{Cmd: strings.ToLower(keyword), Line: start + 1}
	if !instructions[in.Cmd] {
		df.problem(start+1, "unknown instruction %q", keyword)
		return i
	}
	rest = strings.TrimSpace(rest)
	if flagCmds[in.Cmd] {
		in.Flags, rest = splitFlags(rest)
	}
	in.Rest = rest
	if strings.HasPrefix(rest, "[") {
		var args []string
		if err := json.Unmarshal([]byte(rest), &args); err == nil {
			in.JSON = args
		}
	}
	if heredocCmds[in.Cmd] && in.JSON == nil {
		i = df.readHeredocs(&in, lines, i)
	}
	in.EndLine = i
	if in.EndLine < in.Line {
		in.EndLine = in.Line
	}
	df.Instructions = append(df.Instructions, in)
	return i
}

// trimContinuation removes a trailing escape character (and the blanks
// after it) and reports whether the instruction continues on the next line.
func (df *Dockerfile) trimContinuation(l string) (string, bool) {
	t := strings.TrimRightFunc(l, unicode.IsSpace)
	if strings.HasSuffix(t, string(df.Escape)) {
		return t[:len(t)-len(string(df.Escape))], true
	}
	return l, false
}

// readHeredocs attaches the bodies of the here-documents that in's text
// opens, reading them from lines[i:], and returns the index after them.
func (df *Dockerfile) readHeredocs(in *Instruction, lines []string, i int) int {
	for _, m := range heredocRE.FindAllStringSubmatchIndex(in.Rest, -1) {
		if m[0] > 0 && in.Rest[m[0]-1] == '<' {
			continue // <<< is a here-string, not a here-document
		}
		if in.Rest[m[4]:m[5]] != in.Rest[m[8]:m[9]] {
			continue // mismatched quotes: not a delimiter
		}
		stripTabs := m[3] > m[2]
		name := in.Rest[m[6]:m[7]]
		h := Heredoc{Name: name, Expand: m[5] == m[4], Line: i + 1}
		var body []string
		closed := false
		for i < len(lines) {
			l := lines[i]
			i++
			if stripTabs {
				l = strings.TrimLeft(l, "\t")
			}
			if l == name {
				closed = true
				break
			}
			body = append(body, l)
		}
		if !closed {
			df.problem(in.Line, "here-document <<%s is not terminated", name)
		}
		h.Body = strings.Join(body, "\n")
		if len(body) > 0 {
			h.Body += "\n"
		}
		in.Heredocs = append(in.Heredocs, h)
	}
	return i
}

// splitFlags separates the leading --flag words of an instruction.
func splitFlags(s string) (flags []string, rest string) {
	for strings.HasPrefix(s, "--") {
		end := strings.IndexFunc(s, unicode.IsSpace)
		if end < 0 {
			end = len(s)
		}
		// A quoted flag value may contain blanks: --mount="type=cache, target=/x".
		if q := strings.IndexAny(s[:end], `"'`); q >= 0 {
			if close := strings.IndexByte(s[q+1:], s[q]); close >= 0 && q+1+close >= end {
				end = q + 2 + close
				if next := strings.IndexFunc(s[end:], unicode.IsSpace); next >= 0 {
					end += next
				} else {
					end = len(s)
				}
			}
		}
		flags = append(flags, unquoteFlag(s[:end]))
		s = strings.TrimLeftFunc(s[end:], unicode.IsSpace)
	}
	return flags, s
}

func unquoteFlag(f string) string {
	k, v, ok := strings.Cut(f, "=")
	if !ok || len(v) < 2 {
		return f
	}
	if (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		v = v[1 : len(v)-1]
	}
	return k + "=" + v
}
