package deploy

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A ynode is a YAML node with the file it comes from: configurations are
// read by walking nodes rather than decoding into structs, so that every
// value keeps its line and a value of an unexpected type (a string where
// a list was expected) is taken as what it says rather than an error.
type ynode struct {
	n    *yaml.Node
	file string
}

// maxYAMLSize bounds what is read of one configuration file.
const maxYAMLSize = 1 << 20

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// parseYAML reads the first document of a YAML file.
func parseYAML(file string, data []byte) (ynode, *Problem) {
	if len(data) > maxYAMLSize {
		return ynode{}, &Problem{Pos{File: file}, "larger than 1 MiB; not read"}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return ynode{file: file}, nil
		}
		line := 0
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		if l := firstFailingLine(data); l > line {
			// yaml.v3 names the line where the enclosing block starts;
			// the first line at which the text stops being YAML is the
			// one to fix.
			line = l
		}
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		msg = strings.TrimSpace(yamlLineRE.ReplaceAllString(msg, ""))
		msg = strings.TrimPrefix(msg, ": ")
		return ynode{}, &Problem{Pos{file, line}, "YAML: " + msg}
	}
	n := &doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	return ynode{n: n, file: file}, nil
}

func (y ynode) ok() bool { return y.n != nil }

func (y ynode) resolve() *yaml.Node {
	n := y.n
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		n = n.Alias
	}
	return n
}

// get returns a mapping's value for key (merge keys "<<" followed).
func (y ynode) get(key string) ynode {
	return y.getDepth(key, 0)
}

func (y ynode) getDepth(key string, depth int) ynode {
	n := y.resolve()
	if n == nil || n.Kind != yaml.MappingNode || depth > 8 {
		return ynode{file: y.file}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return ynode{n.Content[i+1], y.file}
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "<<" {
			merged := ynode{n.Content[i+1], y.file}
			if m := merged.resolve(); m != nil && m.Kind == yaml.SequenceNode {
				for _, c := range m.Content {
					if v := (ynode{c, y.file}).getDepth(key, depth+1); v.ok() {
						return v
					}
				}
				continue
			}
			if v := merged.getDepth(key, depth+1); v.ok() {
				return v
			}
		}
	}
	return ynode{file: y.file}
}

// str is a scalar's value ("" for anything else).
func (y ynode) str() string {
	n := y.resolve()
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

// boolean is a scalar's boolean value, and whether it is one.
func (y ynode) boolean() (bool, bool) {
	switch strings.ToLower(y.str()) {
	case "true", "yes", "on":
		return true, true
	case "false", "no", "off":
		return false, true
	}
	return false, false
}

// strs is a list of scalars, or one scalar as a list of one.
func (y ynode) strs() []string {
	n := y.resolve()
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return []string{n.Value}
	case yaml.SequenceNode:
		var out []string
		for _, c := range n.Content {
			if s := (ynode{c, y.file}).str(); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// list is a sequence's elements.
func (y ynode) list() []ynode {
	n := y.resolve()
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]ynode, len(n.Content))
	for i, c := range n.Content {
		out[i] = ynode{c, y.file}
	}
	return out
}

// entries are a mapping's keys and values, in order.
func (y ynode) entries() []yentry {
	n := y.resolve()
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var out []yentry
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, yentry{n.Content[i].Value, ynode{n.Content[i+1], y.file}})
	}
	return out
}

type yentry struct {
	key string
	val ynode
}

// pos is the node's position.
func (y ynode) pos() Pos {
	if y.n == nil {
		return Pos{File: y.file}
	}
	return Pos{y.file, y.n.Line}
}

// isTemplate reports whether a configuration value holds a Go template
// (goreleaser's {{ .Env.X }}), which scratchvet leaves unexpanded.
func isTemplate(s string) bool { return strings.Contains(s, "{{") }

var templateRE = regexp.MustCompile(`\{\{.*?\}\}`)

// untemplate replaces each template action of a value by "…", the value
// it has only once the tool runs.
func untemplate(s string) string { return templateRE.ReplaceAllString(s, "…") }

func untemplateAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = untemplate(s)
	}
	return out
}

// firstFailingLine returns the smallest n such that the first n lines of
// data are not valid YAML (0 if none is found), by bisection.
func firstFailingLine(data []byte) int {
	lines := bytes.SplitAfter(data, []byte("\n"))
	fails := func(n int) bool {
		var v yaml.Node
		return yaml.Unmarshal(bytes.Join(lines[:n], nil), &v) != nil
	}
	if !fails(len(lines)) {
		return 0
	}
	lo, hi := 0, len(lines) // fails(hi), !fails(lo) assumed
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}
