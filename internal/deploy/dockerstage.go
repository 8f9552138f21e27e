package deploy

import (
	"path"
	"strconv"
	"strings"
)

// A stage is one FROM section of a Dockerfile, evaluated for one build
// (one set of build arguments).
type stage struct {
	index  int
	name   string // the AS name, lower case; "" when unnamed
	from   Fact   // the base as resolved (ARGs expanded)
	raw    string // the base as written
	parent *stage // the stage FROM names, when it names one

	vars     map[string]string // ENV and ARG values visible now
	varPos   map[string]Pos    // where each of vars is set
	env      map[string]Fact   // ENV set in this stage or inherited
	user     Fact
	workdir  Fact
	copies   []copyOp
	runs     []runOp
	command  []string // ENTRYPOINT then CMD words
	platform string
}

// A copyOp is a COPY or ADD.
type copyOp struct {
	from string   // --from value ("" for the build context)
	srcs []string // expanded sources
	dest string   // absolute destination
	pos  Pos
	// destIsDir: the destination is a directory (ends in "/" or several
	// sources).
	destIsDir bool
}

// A runOp is a RUN: its script and the variables and directory it sees.
type runOp struct {
	pos    Pos
	script string
	vars   map[string]string
	varPos map[string]Pos
	cwd    string
}

// platformArgs are BuildKit's automatic platform arguments, for a
// linux/amd64 build (scratchvet judges linux/amd64).
var platformArgs = map[string]string{
	"TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux", "TARGETARCH": "amd64", "TARGETVARIANT": "",
	"BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux", "BUILDARCH": "amd64", "BUILDVARIANT": "",
}

// evalDockerfile evaluates a Dockerfile's stages for one build: args are
// the build arguments it is given (nil: the defaults).
func evalDockerfile(df *Dockerfile, args map[string]string) ([]*stage, []Problem) {
	var problems []Problem
	bad := func(line int, msg string) {
		problems = append(problems, Problem{Pos{df.Path, line}, msg})
	}
	esc := byte(df.Escape)
	global := map[string]string{} // ARGs before the first FROM
	globalDeclared := map[string]bool{}
	globalLookup := func(name string) (string, bool) {
		if v, ok := global[name]; ok {
			return v, true
		}
		v, ok := platformArgs[name]
		return v, ok
	}
	var stages []*stage
	var cur *stage
	for i := range df.Instructions {
		in := &df.Instructions[i]
		pos := Pos{df.Path, in.Line}
		if cur == nil && in.Cmd != "from" && in.Cmd != "arg" {
			bad(in.Line, strings.ToUpper(in.Cmd)+" before the first FROM")
			continue
		}
		switch in.Cmd {
		case "arg":
			for _, w := range splitWords(in.Rest, esc) {
				name, def, hasDef := strings.Cut(w, "=")
				if cur == nil {
					globalDeclared[name] = true
					if v, ok := args[name]; ok {
						global[name] = v
					} else if hasDef {
						global[name] = expandWord(def, globalLookup, esc)
					}
					continue
				}
				cur.varPos[name] = pos
				switch v, given := args[name]; {
				case given:
					cur.vars[name] = v
				case hasDef:
					cur.vars[name] = expandWord(def, cur.lookup, esc)
				case globalDeclared[name]:
					if gv, ok := global[name]; ok {
						cur.vars[name] = gv
					} else {
						cur.vars[name] = unknown
					}
				default:
					if pv, ok := platformArgs[name]; ok {
						cur.vars[name] = pv
					} else {
						cur.vars[name] = unknown // a build may pass it
					}
				}
			}
		case "from":
			cur = newStage(in, pos, len(stages), stages, globalLookup, esc, bad)
			stages = append(stages, cur)
		case "env":
			for _, kv := range parseEnv(in.Rest, esc) {
				v := expandWord(kv[1], cur.lookup, esc)
				cur.vars[kv[0]] = v
				cur.varPos[kv[0]] = pos
				cur.env[kv[0]] = Fact{Value: v, Pos: pos}
			}
		case "workdir":
			dir := expandWord(strings.TrimSpace(in.Rest), cur.lookup, esc)
			cur.workdir = Fact{Value: joinDir(cur.dir(), dir), Pos: pos}
		case "user":
			cur.user = Fact{Value: expandWord(strings.TrimSpace(in.Rest), cur.lookup, esc), Pos: pos}
		case "copy", "add":
			cur.addCopy(in, pos, esc)
		case "run":
			cur.runs = append(cur.runs, runOp{pos: pos, script: runScript(in), vars: copyVars(cur.vars),
				varPos: copyPos(cur.varPos), cwd: cur.dir()})
		case "entrypoint":
			cur.command = commandWords(in, esc, cur.lookup)
		case "cmd":
			cur.command = append(cur.command, commandWords(in, esc, cur.lookup)...)
		}
	}
	if len(stages) == 0 && len(df.Instructions) > 0 {
		bad(0, "no FROM instruction")
	}
	return stages, problems
}

func newStage(in *Instruction, pos Pos, index int, earlier []*stage, globalLookup lookupFunc, esc byte, bad func(int, string)) *stage {
	s := &stage{index: index, vars: map[string]string{}, env: map[string]Fact{}, varPos: map[string]Pos{}}
	words := splitWords(in.Rest, esc)
	if len(words) == 0 {
		bad(in.Line, "FROM without an image")
		return s
	}
	s.raw = words[0]
	ref := expandWord(words[0], globalLookup, esc)
	s.from = Fact{Value: ref, Pos: pos}
	if len(words) >= 3 && strings.EqualFold(words[1], "as") {
		s.name = strings.ToLower(words[2])
	} else if len(words) != 1 {
		bad(in.Line, "FROM takes an image and an optional AS name")
	}
	if p, ok := in.Flag("platform"); ok {
		s.platform = expandWord(p, globalLookup, esc)
	}
	if parent := findStage(earlier, ref); parent != nil {
		s.parent = parent
		for k, v := range parent.env {
			s.env[k] = v
			s.vars[k] = v.Value
			s.varPos[k] = v.Pos
		}
		s.user, s.workdir = parent.user, parent.workdir
		s.command = parent.command
	} else {
		for k, v := range baseImageEnv(ref) {
			s.vars[k] = v
		}
	}
	return s
}

// baseImageEnv is the environment an external base image sets, where it
// matters for finding the binaries its builds write: the golang images
// set GOPATH=/go (go install writes to /go/bin).
func baseImageEnv(ref string) map[string]string {
	repo, _ := splitImageRef(ref)
	if repo == "golang" || strings.HasSuffix(repo, "/golang") {
		return map[string]string{"GOPATH": "/go", "PATH": "/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
	}
	return nil
}

// findStage returns the earlier stage a FROM or --from names (by AS name
// or index), or nil.
func findStage(stages []*stage, ref string) *stage {
	if ref == "" {
		return nil
	}
	if n, err := strconv.Atoi(ref); err == nil {
		if n >= 0 && n < len(stages) {
			return stages[n]
		}
		return nil
	}
	for i := len(stages) - 1; i >= 0; i-- {
		if stages[i].name != "" && stages[i].name == strings.ToLower(ref) {
			return stages[i]
		}
	}
	return nil
}

func (s *stage) lookup(name string) (string, bool) {
	v, ok := s.vars[name]
	return v, ok
}

// dir is the stage's working directory ("/" by default).
func (s *stage) dir() string {
	if s.workdir.Value == "" {
		return "/"
	}
	return s.workdir.Value
}

func (s *stage) addCopy(in *Instruction, pos Pos, esc byte) {
	var words []string
	if in.JSON != nil {
		words = append(words, in.JSON...)
	} else {
		for _, w := range splitWords(in.Rest, esc) {
			words = append(words, expandWord(w, s.lookup, esc))
		}
	}
	if len(words) < 2 {
		return
	}
	from, _ := in.Flag("from")
	from = expandWord(from, s.lookup, esc)
	op := copyOp{from: from, pos: pos}
	for _, src := range words[:len(words)-1] {
		if strings.HasPrefix(src, "<<") {
			continue // a here-document: inline content, not a file
		}
		op.srcs = append(op.srcs, src)
	}
	dest := words[len(words)-1]
	op.destIsDir = strings.HasSuffix(dest, "/") || len(op.srcs) > 1 || dest == "." || dest == "./"
	op.dest = joinDir(s.dir(), dest)
	s.copies = append(s.copies, op)
}

// runScript is the shell text of a RUN: the shell form's text, the exec
// form's arguments, or the here-document a bare "RUN <<EOF" runs.
func runScript(in *Instruction) string {
	if in.JSON != nil {
		if len(in.JSON) >= 3 && (in.JSON[0] == "sh" || in.JSON[0] == "/bin/sh" || in.JSON[0] == "bash" || in.JSON[0] == "/bin/bash") && in.JSON[1] == "-c" {
			return in.JSON[2]
		}
		quoted := make([]string, len(in.JSON))
		for i, a := range in.JSON {
			quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		return strings.Join(quoted, " ")
	}
	script := in.Rest
	for _, h := range in.Heredocs {
		// "RUN <<EOF" runs the document as a script; "RUN sh <<EOF" too.
		// For any other command, the document is its input.
		marker := heredocRE.FindString(script)
		before := strings.TrimSpace(script[:strings.Index(script, marker)])
		if before == "" || before == "sh" || before == "bash" || before == "/bin/sh" || before == "/bin/bash" {
			script = h.Body
			continue
		}
	}
	return script
}

// commandWords are the words of an ENTRYPOINT or CMD.
func commandWords(in *Instruction, esc byte, lookup lookupFunc) []string {
	if in.JSON != nil {
		return in.JSON
	}
	var out []string
	for _, w := range splitWords(in.Rest, esc) {
		out = append(out, expandWord(w, lookup, esc))
	}
	return out
}

// parseEnv reads ENV's pairs: "K=V K2=V2" or the older "K V".
func parseEnv(rest string, esc byte) [][2]string {
	words := splitWords(rest, esc)
	if len(words) == 0 {
		return nil
	}
	if !strings.Contains(words[0], "=") {
		k, v, _ := strings.Cut(strings.TrimSpace(rest), " ")
		return [][2]string{{k, strings.TrimSpace(v)}}
	}
	var out [][2]string
	for _, w := range words {
		k, v, _ := strings.Cut(w, "=")
		out = append(out, [2]string{k, v})
	}
	return out
}

func copyPos(m map[string]Pos) map[string]Pos {
	out := make(map[string]Pos, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func copyVars(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// chain returns the stage and the stages it is built on, nearest first.
func (s *stage) chain() []*stage {
	var out []*stage
	for c := s; c != nil && len(out) < 64; c = c.parent {
		out = append(out, c)
	}
	return out
}

// base returns the external image at the bottom of the stage's chain.
func (s *stage) base() *stage {
	c := s.chain()
	return c[len(c)-1]
}

// leaves returns the stages that no other stage builds on or copies
// from: the images a build produces (the last stage, or one a --target
// selects).
func leaves(stages []*stage) []*stage {
	used := map[*stage]bool{}
	for _, s := range stages {
		if s.parent != nil {
			used[s.parent] = true
		}
		for _, c := range s.copies {
			if from := findStage(stages, c.from); from != nil {
				used[from] = true
			}
		}
	}
	var out []*stage
	for _, s := range stages {
		if !used[s] {
			out = append(out, s)
		}
	}
	return out
}

// pathUnder reports whether p is dir or below it.
func pathUnder(p, dir string) bool {
	dir = strings.TrimSuffix(dir, "/")
	return p == dir || strings.HasPrefix(p, dir+"/") || dir == ""
}

// copiedPath is where a COPY puts src in the image.
func (c copyOp) copiedPath(src string) string {
	if c.destIsDir {
		return path.Join(c.dest, path.Base(strings.TrimSuffix(src, "/")))
	}
	return c.dest
}
