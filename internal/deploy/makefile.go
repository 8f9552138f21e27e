package deploy

import (
	"path"
	"sort"
	"strings"
)

// A Makefile is a Makefile (or an included *.mk) read for its variables
// and rules. Nothing is run; conditionals whose value is unknown keep
// both branches.
type Makefile struct {
	Path      string // relative to the root
	Dir       string // directory, relative to the root ("." at the top)
	vars      map[string]*mkVar
	exportAll bool
	rules     []*mkRule
	includes  []string // included files, as written (expanded)
	Problems  []Problem
	data      []byte // the text, to read again with another seed
	seed      mkSeed
	// reread reads a Makefile of the repository again with make's
	// environment and command line (recursive make, make in a RUN).
	reread func(path string, seed mkSeed) *Makefile
	// includedOnly: read because another Makefile includes it (not a
	// Makefile name discovery looks for).
	includedOnly bool
}

type mkVar struct {
	value     string // as written (recursive) or expanded (simple)
	simple    bool   // := or ::=: expanded when assigned
	exported  bool
	pos       Pos
	uncertain bool // assigned under a conditional scratchvet cannot decide
	weak      bool // ?=: the environment's value wins
	fromEnv   bool // from make's environment (stays exported when reassigned)
	fromCmd   bool // from make's command line (the file cannot change it)
}

type mkRule struct {
	targets []string
	pattern string // a static pattern rule's target pattern ("common-docker-%")
	prereqs []string
	recipe  []mkLine
	vars    map[string]*mkVar // target-specific variables
	pos     Pos
}

type mkLine struct {
	text string
	line int
}

// maxMakefileSize bounds what is read of one Makefile.
const maxMakefileSize = 2 << 20

// ParseMakefile reads a Makefile. path is relative to the root.
func ParseMakefile(p string, data []byte) *Makefile {
	return parseMakefile(p, data, mkSeed{})
}

// mkSeed is what make starts with besides the file: its environment
// (variables the file's assignments override, except ?=) and the command
// line's variables (which override the file's, except override).
type mkSeed struct {
	env, cmd map[string]string
}

func parseMakefile(p string, data []byte, seed mkSeed) *Makefile {
	mf := &Makefile{Path: p, Dir: path.Dir(p), vars: map[string]*mkVar{}, data: data, seed: seed}
	for k, v := range seed.env {
		mf.vars[k] = &mkVar{value: v, simple: true, exported: true, fromEnv: true}
	}
	for k, v := range seed.cmd {
		mf.vars[k] = &mkVar{value: v, simple: true, exported: true, fromCmd: true}
	}
	if len(data) > maxMakefileSize {
		mf.Problems = append(mf.Problems, Problem{Pos{File: p}, "larger than 2 MiB; not read"})
		return mf
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	var rule *mkRule
	var cond []condState // open conditionals
	uncertain := func() bool {
		for _, c := range cond {
			if !c.known {
				return true
			}
		}
		return false
	}
	active := func() bool {
		for _, c := range cond {
			if c.known && !c.value {
				return false
			}
		}
		return true
	}
	for i := 0; i < len(lines); i++ {
		lineNo := i + 1
		raw := lines[i]
		// A recipe line belongs to the rule above it.
		if strings.HasPrefix(raw, "\t") && rule != nil {
			text := raw[1:]
			for strings.HasSuffix(text, "\\") && i+1 < len(lines) {
				i++
				text += "\n" + strings.TrimPrefix(lines[i], "\t")
			}
			if active() {
				rule.recipe = append(rule.recipe, mkLine{text, lineNo})
			}
			continue
		}
		logical := raw
		for strings.HasSuffix(logical, "\\") && i+1 < len(lines) {
			i++
			logical = strings.TrimSuffix(logical, "\\") + " " + strings.TrimLeft(lines[i], " \t")
		}
		logical = stripMakeComment(logical)
		trimmed := strings.TrimSpace(logical)
		if trimmed == "" {
			continue
		}
		word, rest, _ := strings.Cut(trimmed, " ")
		switch word {
		case "ifeq", "ifneq", "ifdef", "ifndef":
			c := mf.evalCond(word, strings.TrimSpace(rest))
			c.taken = c.known && c.value
			cond = append(cond, c)
			continue
		case "else":
			if len(cond) > 0 {
				c := &cond[len(cond)-1]
				kind, arg, _ := strings.Cut(strings.TrimSpace(rest), " ")
				switch {
				case kind != "ifeq" && kind != "ifneq" && kind != "ifdef" && kind != "ifndef":
					c.value = !c.taken // plain else
				case !c.known:
					// The branch before is undecided: so is this one.
				case c.taken:
					c.value = false
				default:
					next := mf.evalCond(kind, strings.TrimSpace(arg))
					c.known, c.value = next.known, next.value
					c.taken = next.known && next.value
				}
			}
			continue
		case "endif":
			if len(cond) > 0 {
				cond = cond[:len(cond)-1]
			}
			continue
		case "define":
			name := strings.Fields(rest)
			var body []string
			for i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "endef" {
				i++
				body = append(body, lines[i])
			}
			i++
			if len(name) > 0 && active() {
				mf.vars[name[0]] = &mkVar{value: strings.Join(body, "\n"), pos: Pos{p, lineNo}, uncertain: uncertain()}
			}
			continue
		case "include", "-include", "sinclude":
			if active() {
				mf.includes = append(mf.includes, strings.Fields(mf.expand(rest, nil, 0))...)
			}
			continue
		case "export", "unexport":
			if !strings.ContainsAny(rest, "=") {
				if !active() {
					continue
				}
				names := strings.Fields(rest)
				if len(names) == 0 {
					mf.exportAll = word == "export"
				}
				for _, n := range names {
					v := mf.vars[n]
					if v == nil {
						v = &mkVar{value: unknown, pos: Pos{p, lineNo}}
						mf.vars[n] = v
					}
					v.exported = word == "export"
				}
				continue
			}
		}
		if !active() {
			continue
		}
		if name, op, value, ok := splitAssignment(trimmed); ok {
			mf.assign(mf.vars, name, op, value, Pos{p, lineNo}, uncertain())
			if strings.HasPrefix(trimmed, "export ") || strings.HasPrefix(trimmed, "override export ") {
				mf.vars[name].exported = true
			}
			continue
		}
		if r := mf.parseRule(trimmed, Pos{p, lineNo}, uncertain()); r != nil {
			rule = r
		}
	}
	return mf
}

// condState is an open conditional: whether its current branch is known
// to be read (value), and whether an earlier branch of its chain was.
type condState struct{ known, value, taken bool }

// evalCond decides a conditional when its operands are known.
func (mf *Makefile) evalCond(kind, arg string) condState {
	switch kind {
	case "ifdef", "ifndef":
		v, ok := mf.vars[strings.TrimSpace(arg)]
		if !ok {
			// Not set in the file; the environment or command line may set it.
			return condState{}
		}
		set := v.value != "" && !v.uncertain
		return condState{known: !v.uncertain, value: set == (kind == "ifdef")}
	}
	a, b, ok := condOperands(arg)
	if !ok {
		return condState{}
	}
	for name, v := range mf.vars {
		if v.uncertain && (strings.Contains(arg, "$("+name+")") || strings.Contains(arg, "${"+name+"}")) {
			return condState{} // depends on a value scratchvet could not decide
		}
	}
	a, b = mf.expand(a, nil, 0), mf.expand(b, nil, 0)
	if !isKnown(a) || !isKnown(b) {
		return condState{}
	}
	return condState{known: true, value: (a == b) == (kind == "ifeq")}
}

// condOperands splits "(a,b)" or "'a' 'b'" / "\"a\" \"b\"".
func condOperands(arg string) (string, string, bool) {
	if strings.HasPrefix(arg, "(") && strings.HasSuffix(arg, ")") {
		inner := arg[1 : len(arg)-1]
		depth := 0
		for i := 0; i < len(inner); i++ {
			switch inner[i] {
			case '(', '{':
				depth++
			case ')', '}':
				depth--
			case ',':
				if depth == 0 {
					return strings.TrimSpace(inner[:i]), strings.TrimSpace(inner[i+1:]), true
				}
			}
		}
		return "", "", false
	}
	words := splitWords(arg, '\\')
	if len(words) != 2 {
		return "", "", false
	}
	return strings.Trim(words[0], `"'`), strings.Trim(words[1], `"'`), true
}

func stripMakeComment(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && (i == 0 || s[i-1] != '\\') {
			return s[:i]
		}
	}
	return s
}

// splitAssignment recognises "[override] [export] NAME op value".
func splitAssignment(s string) (name, op, value string, ok bool) {
	for _, prefix := range []string{"override ", "export ", "private "} {
		s = strings.TrimSpace(strings.TrimPrefix(s, prefix))
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '{':
			depth++
		case ')', '}':
			depth--
		case ':':
			if depth > 0 {
				continue
			}
			for _, o := range []string{":::=", "::=", ":="} {
				if strings.HasPrefix(s[i:], o) {
					return strings.TrimSpace(s[:i]), o, strings.TrimSpace(s[i+len(o):]), validVarName(s[:i])
				}
			}
			return "", "", "", false // a rule
		case '=':
			if depth > 0 {
				continue
			}
			name, op := s[:i], "="
			if i > 0 && strings.IndexByte("?+!", s[i-1]) >= 0 {
				name, op = s[:i-1], s[i-1:i+1]
			}
			return strings.TrimSpace(name), op, strings.TrimSpace(s[i+1:]), validVarName(name)
		}
	}
	return "", "", "", false
}

func validVarName(n string) bool {
	n = strings.TrimSpace(n)
	return n != "" && !strings.ContainsAny(n, " \t:#=")
}

func (mf *Makefile) assign(vars map[string]*mkVar, name, op, value string, pos Pos, uncertain bool) {
	exported := mf.exportAll
	if old, ok := vars[name]; ok {
		if old.fromCmd {
			return // command-line variables win over the file
		}
		exported = exported || old.exported
		uncertain = uncertain || old.uncertain
	}
	switch op {
	case "?=":
		if old, ok := vars[name]; ok && old.value != unknown {
			return
		}
		vars[name] = &mkVar{value: value, pos: pos, exported: exported, uncertain: uncertain, weak: true}
		return
	case "+=":
		if old, ok := vars[name]; ok {
			nv := *old
			if nv.simple {
				nv.value += " " + mf.expand(value, nil, 0)
			} else {
				nv.value += " " + value
			}
			nv.pos = pos
			vars[name] = &nv
			return
		}
	case "!=":
		value = unknown
	case ":=", "::=", ":::=":
		vars[name] = &mkVar{value: mf.expand(value, nil, 0), simple: true, pos: pos, exported: exported, uncertain: uncertain}
		return
	}
	vars[name] = &mkVar{value: value, pos: pos, exported: exported, uncertain: uncertain}
}

// parseRule reads a rule line "targets: prereqs" (or a target-specific
// variable "targets: NAME = value") and returns the rule recipes attach
// to.
func (mf *Makefile) parseRule(s string, pos Pos, uncertain bool) *mkRule {
	colon := -1
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '{':
			depth++
		case ')', '}':
			depth--
		case ':':
			if depth == 0 {
				colon = i
			}
		}
		if colon >= 0 {
			break
		}
	}
	if colon < 0 {
		return nil
	}
	targets := strings.Fields(mf.expand(s[:colon], nil, 0))
	rest := strings.TrimLeft(s[colon+1:], ":")
	recipe := ""
	if semi := strings.IndexByte(rest, ';'); semi >= 0 {
		rest, recipe = rest[:semi], rest[semi+1:]
	}
	if name, op, value, ok := splitAssignment(strings.TrimSpace(rest)); ok {
		exported := strings.HasPrefix(strings.TrimSpace(rest), "export ")
		for _, t := range targets {
			r := mf.rule(t)
			if r.vars == nil {
				r.vars = map[string]*mkVar{}
			}
			mf.assign(r.vars, name, op, value, pos, uncertain)
			r.vars[name].exported = r.vars[name].exported || exported
		}
		return nil
	}
	r := &mkRule{targets: targets, pos: pos}
	if pat, pre, ok := strings.Cut(rest, ":"); ok && !strings.HasPrefix(pre, "=") {
		// targets: target-pattern: prereq-patterns (a static pattern rule)
		r.pattern, rest = strings.TrimSpace(mf.expand(pat, nil, 0)), pre
	}
	r.prereqs = strings.Fields(rest)
	if strings.TrimSpace(recipe) != "" {
		r.recipe = append(r.recipe, mkLine{strings.TrimSpace(recipe), pos.Line})
	}
	mf.rules = append(mf.rules, r)
	return r
}

// rule returns the rule for a target, making an empty one for target-
// specific variables declared before it.
func (mf *Makefile) rule(target string) *mkRule {
	for _, r := range mf.rules {
		for _, t := range r.targets {
			if t == target {
				return r
			}
		}
	}
	r := &mkRule{targets: []string{target}}
	mf.rules = append(mf.rules, r)
	return r
}

// lookupRules returns the rules that make a target (explicit first, then
// a pattern rule whose % matches), with the matched target name.
func (mf *Makefile) lookupRules(target string) []*mkRule {
	var out []*mkRule
	for _, r := range mf.rules {
		for _, t := range r.targets {
			if t == target && (len(r.recipe) > 0 || len(r.prereqs) > 0 || r.vars != nil) {
				out = append(out, r)
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, r := range mf.rules {
		for _, t := range r.targets {
			if pre, suf, ok := strings.Cut(t, "%"); ok && strings.HasPrefix(target, pre) && strings.HasSuffix(target, suf) && len(target) >= len(pre)+len(suf) {
				out = append(out, r)
			}
		}
	}
	return out
}

// mkScope is what a recipe line's expansion sees besides the file's
// variables: command-line and target-specific variables, automatic ones.
type mkScope struct {
	vars   map[string]*mkVar
	target string
	stem   string
}

// expand expands make references in s. Unknown references (functions
// that run something, variables nothing sets) become unknown.
func (mf *Makefile) expand(s string, scope *mkScope, depth int) string {
	if depth > 16 || !strings.Contains(s, "$") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		c := s[i+1]
		switch {
		case c == '$':
			b.WriteByte('$')
			i++
		case c == '(' || c == '{':
			end := skipBalanced(s, i+1)
			inner := s[i+2 : end-1]
			if end > len(s) || end-1 < i+2 {
				inner = s[i+2:]
			}
			b.WriteString(mf.reference(inner, scope, depth))
			i = end - 1
		default:
			b.WriteString(mf.reference(string(c), scope, depth))
			i++
		}
	}
	return b.String()
}

// reference expands one $(...) body: a variable, or a function.
func (mf *Makefile) reference(inner string, scope *mkScope, depth int) string {
	if fn, args, ok := strings.Cut(inner, " "); ok && makeFunctions[fn] {
		return mf.function(fn, args, scope, depth)
	}
	name := mf.expand(inner, scope, depth+1)
	switch name {
	case "@":
		if scope != nil && scope.target != "" {
			return scope.target
		}
		return unknown
	case "*":
		if scope != nil && scope.stem != "" {
			return scope.stem
		}
		return unknown
	case "CURDIR":
		return mf.Dir
	case "MAKE":
		return "make"
	}
	// name:a=b substitution references
	if n, subst, ok := strings.Cut(name, ":"); ok {
		if from, to, ok := strings.Cut(subst, "="); ok {
			val := mf.expand("$("+n+")", scope, depth+1)
			return substRef(val, from, to)
		}
	}
	var v *mkVar
	if scope != nil && scope.vars[name] != nil {
		v = scope.vars[name]
	} else {
		v = mf.vars[name]
	}
	if v == nil {
		// make expands a variable nothing sets to nothing; the
		// environment could set it, but the laptop's environment is not
		// a declaration.
		return ""
	}
	if v.simple {
		return v.value
	}
	return mf.expand(v.value, scope, depth+1)
}

var makeFunctions = map[string]bool{
	"shell": true, "subst": true, "patsubst": true, "strip": true, "findstring": true,
	"filter": true, "filter-out": true, "sort": true, "word": true, "words": true,
	"wordlist": true, "firstword": true, "lastword": true, "dir": true, "notdir": true,
	"suffix": true, "basename": true, "addsuffix": true, "addprefix": true, "join": true,
	"wildcard": true, "realpath": true, "abspath": true, "if": true, "or": true, "and": true,
	"foreach": true, "call": true, "value": true, "eval": true, "origin": true,
	"flavor": true, "error": true, "warning": true, "info": true, "file": true,
}

// function expands the make functions whose result needs nothing but
// text; the others are unknown.
func (mf *Makefile) function(fn, args string, scope *mkScope, depth int) string {
	arg := func(s string) string { return mf.expand(strings.TrimSpace(s), scope, depth+1) }
	parts := strings.SplitN(args, ",", 3)
	switch fn {
	case "strip":
		return strings.Join(strings.Fields(arg(args)), " ")
	case "subst":
		if len(parts) == 3 {
			return strings.ReplaceAll(mf.expand(parts[2], scope, depth+1), mf.expand(parts[0], scope, depth+1), mf.expand(parts[1], scope, depth+1))
		}
	case "patsubst":
		if len(parts) == 3 {
			var out []string
			for _, w := range strings.Fields(arg(parts[2])) {
				out = append(out, substRef(w, arg(parts[0]), arg(parts[1])))
			}
			return strings.Join(out, " ")
		}
	case "firstword":
		if f := strings.Fields(arg(args)); len(f) > 0 {
			return f[0]
		}
		return ""
	case "notdir", "dir", "addprefix", "addsuffix":
		var out []string
		words := strings.Fields(arg(args))
		if fn == "addprefix" || fn == "addsuffix" {
			p := strings.SplitN(args, ",", 2)
			if len(p) != 2 {
				return unknown
			}
			words = strings.Fields(arg(p[1]))
			for _, w := range words {
				if fn == "addprefix" {
					out = append(out, arg(p[0])+w)
				} else {
					out = append(out, w+arg(p[0]))
				}
			}
			return strings.Join(out, " ")
		}
		for _, w := range words {
			if fn == "notdir" {
				out = append(out, path.Base(w))
			} else {
				out = append(out, path.Dir(w)+"/")
			}
		}
		return strings.Join(out, " ")
	case "info", "warning", "error", "eval":
		return ""
	case "findstring":
		if p := strings.SplitN(args, ",", 2); len(p) == 2 {
			find, in := arg(p[0]), arg(p[1])
			if !isKnown(find) || !isKnown(in) {
				return unknown
			}
			if strings.Contains(in, find) {
				return find
			}
			return ""
		}
	case "filter", "filter-out":
		if p := strings.SplitN(args, ",", 2); len(p) == 2 {
			patterns, words := strings.Fields(arg(p[0])), strings.Fields(arg(p[1]))
			var out []string
			for _, w := range words {
				match := false
				for _, pat := range patterns {
					match = match || substRef(w, pat, "\x00") == "\x00" || w == pat
				}
				if match == (fn == "filter") {
					out = append(out, w)
				}
			}
			return strings.Join(out, " ")
		}
	case "if":
		p := splitArgs(args)
		if len(p) >= 2 {
			cond := strings.TrimSpace(arg(p[0]))
			switch {
			case !isKnown(cond):
				return unknown
			case cond != "":
				return arg(p[1])
			case len(p) == 3:
				return arg(p[2])
			}
			return ""
		}
	case "or":
		for _, a := range splitArgs(args) {
			if v := strings.TrimSpace(arg(a)); v != "" {
				return v
			}
		}
		return ""
	case "lastword", "words", "sort":
		f := strings.Fields(arg(args))
		switch fn {
		case "lastword":
			if len(f) > 0 {
				return f[len(f)-1]
			}
			return ""
		case "words":
			return itoa(len(f))
		}
		sort.Strings(f)
		return strings.Join(f, " ")
	}
	return unknown
}

// splitArgs splits a function's arguments at the commas outside
// parentheses.
func splitArgs(args string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case '(', '{':
			depth++
		case ')', '}':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, args[start:i])
				start = i + 1
			}
		}
	}
	return append(out, args[start:])
}

// substRef applies a substitution reference: each word ending in from
// (or matching a % pattern) gets to.
func substRef(val, from, to string) string {
	var out []string
	for _, w := range strings.Fields(val) {
		if pre, suf, ok := strings.Cut(from, "%"); ok {
			if strings.HasPrefix(w, pre) && strings.HasSuffix(w, suf) && len(w) >= len(pre)+len(suf) {
				stem := w[len(pre) : len(w)-len(suf)]
				w = strings.Replace(to, "%", stem, 1)
			}
		} else if strings.HasSuffix(w, from) {
			w = strings.TrimSuffix(w, from) + to
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}
