package deploy

import (
	"path"
	"strings"
)

// A goInvocation is one `go build` or `go install` found in a script.
type goInvocation struct {
	install   bool
	pkgs      []string          // package arguments as written (expanded)
	output    string            // -o value, "" when absent
	cwd       string            // directory it runs in (-C applied)
	env       map[string]string // the environment it sees: CGO_ENABLED, CC, GOFLAGS, GOOS, GOARCH
	tags      []string
	ldflags   string
	buildmode string
	pos       Pos
	// script, when not empty, is a build the declarations do not show
	// (go run build.go, a shell script): only its environment is known.
	script string
	// viaRun is the Dockerfile RUN that ran the Makefile recipe holding
	// this command, when it came through make.
	viaRun Pos
	// image is the container image a Makefile's docker run builds in.
	image string
	// cgoPos is where CGO_ENABLED's value is set, when a make variable
	// set it.
	cgoPos Pos
	// unexpanded lists the words whose value is partly unknown.
	unexpanded []string
}

// goEnvNames are the environment variables that change what scratchvet
// judges.
var goEnvNames = []string{"CGO_ENABLED", "CC", "GOFLAGS", "GOOS", "GOARCH"}

// goBoolFlags are go build's flags that take no value.
var goBoolFlags = map[string]bool{
	"a": true, "n": true, "race": true, "msan": true, "asan": true, "trimpath": true,
	"v": true, "work": true, "x": true, "linkshared": true, "modcacherw": true,
	"cover": true, "json": true, "i": true, "buildvcs": true,
}

// parseGoCommand reads the arguments of `go build` or `go install`
// (args[0] is "build" or "install"). env is the environment of the
// command; cwd its directory.
func parseGoCommand(args []string, env map[string]string, cwd string, pos Pos) *goInvocation {
	inv := &goInvocation{install: args[0] == "install", cwd: cwd, pos: pos, env: map[string]string{}}
	for _, k := range goEnvNames {
		if v, ok := env[k]; ok {
			inv.env[k] = v
		}
	}
	// GOFLAGS first: flags on the command line override it.
	if gf, ok := env["GOFLAGS"]; ok {
		for _, w := range splitLdflags(gf) {
			inv.applyFlag(w, "", false)
		}
	}
	rest := args[1:]
	unknownWords := 0
	for i := 0; i < len(rest); i++ {
		w := rest[i]
		if w == "--" {
			inv.pkgs = append(inv.pkgs, rest[i+1:]...)
			break
		}
		if w == unknown {
			unknownWords++ // a variable nothing sets: flags or packages
			continue
		}
		if !strings.HasPrefix(w, "-") || w == "-" {
			inv.pkgs = append(inv.pkgs, w)
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(w, "-"), "=")
		if hasValue || goBoolFlags[name] {
			inv.applyFlag(w, "", false)
			continue
		}
		next := ""
		if i+1 < len(rest) {
			next = rest[i+1]
			i++
		}
		inv.applyFlag(w, next, true)
	}
	if len(inv.pkgs) == 0 && unknownWords > 0 {
		inv.pkgs = []string{unknown}
	}
	if f := LinkFlags(inv.ldflags); !isKnown(f) {
		inv.unexpanded = append(inv.unexpanded, "-ldflags "+strings.ReplaceAll(f, unknown, "…"))
	}
	for _, t := range inv.tags {
		if !isKnown(t) {
			inv.unexpanded = append(inv.unexpanded, "-tags "+strings.ReplaceAll(t, unknown, "…"))
		}
	}
	if v, ok := inv.env["CGO_ENABLED"]; ok && !isKnown(v) {
		inv.unexpanded = append(inv.unexpanded, "CGO_ENABLED="+strings.ReplaceAll(v, unknown, "…"))
	}
	return inv
}

// applyFlag records one flag ("-o=x", or "-o" with value next).
func (inv *goInvocation) applyFlag(w, next string, separate bool) {
	name, value, _ := strings.Cut(strings.TrimLeft(w, "-"), "=")
	if separate {
		value = next
	}
	switch name {
	case "o":
		inv.output = value
	case "tags":
		inv.tags = splitTags(value)
	case "ldflags":
		inv.ldflags = value
	case "buildmode":
		inv.buildmode = value
	case "C":
		inv.cwd = joinDir(inv.cwd, value)
	}
}

// splitTags reads a -tags value: comma-separated, or the older
// space-separated list.
func splitTags(v string) []string {
	var tags []string
	for _, t := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		if t != "" {
			tags = append(tags, t)
		}
	}
	return tags
}

// joinDir resolves dir against cwd (an absolute or repository-relative
// path).
func joinDir(cwd, dir string) string {
	if path.IsAbs(dir) || cwd == "" {
		return path.Clean(dir)
	}
	return path.Join(cwd, dir)
}

// scriptEnv is the state of a shell script being read: its variables and
// which of them are exported.
type scriptEnv struct {
	vars     map[string]string
	exported map[string]bool
	cwd      string
}

func (s *scriptEnv) lookup(name string) (string, bool) {
	v, ok := s.vars[name]
	return v, ok
}

// environ is the environment a command started now sees, with the
// assignments that prefix it.
func (s *scriptEnv) environ(prefix map[string]string) map[string]string {
	env := map[string]string{}
	for k, v := range s.vars {
		if s.exported[k] {
			env[k] = v
		}
	}
	for k, v := range prefix {
		env[k] = v
	}
	return env
}

// scanScript reads a shell script for go build and go install commands.
// vars are the variables set when it starts (all exported: a Dockerfile's
// ENV and ARG, a make recipe's exported variables); cwd its directory.
// onOther, if not nil, is called with the other simple commands (expanded
// words), for package installs, make and downloads.
func scanScript(script string, vars map[string]string, cwd string, pos Pos, depth int,
	onOther func(words []string, env map[string]string, cwd string)) []*goInvocation {
	s := &scriptEnv{vars: map[string]string{}, exported: map[string]bool{}, cwd: cwd}
	for k, v := range vars {
		s.vars[k], s.exported[k] = v, true
	}
	var found []*goInvocation
	for _, cmd := range splitCommands(lexShell(script)) {
		words := make([]string, len(cmd))
		for i, raw := range cmd {
			words[i] = expandWord(raw, s.lookup, '\\')
		}
		// Leading assignments: "CGO_ENABLED=0 go build", or a command of
		// assignments only ("X=1").
		prefix := map[string]string{}
		for len(words) > 0 && isAssignment(words[0]) {
			k, v, _ := strings.Cut(words[0], "=")
			prefix[k] = v
			words = words[1:]
		}
		if len(words) == 0 {
			for k, v := range prefix {
				s.vars[k] = v
			}
			continue
		}
		// env [-i] [K=V...] cmd
		if words[0] == "env" {
			words = words[1:]
			for len(words) > 0 && (isAssignment(words[0]) || strings.HasPrefix(words[0], "-")) {
				if k, v, ok := strings.Cut(words[0], "="); ok && !strings.HasPrefix(k, "-") {
					prefix[k] = v
				}
				words = words[1:]
			}
			if len(words) == 0 {
				continue
			}
		}
		switch words[0] {
		case "export":
			for _, w := range words[1:] {
				if k, v, ok := strings.Cut(w, "="); ok {
					s.vars[k], s.exported[k] = v, true
				} else {
					s.exported[w] = true
				}
			}
			continue
		case "unset":
			for _, w := range words[1:] {
				delete(s.vars, w)
			}
			continue
		case "cd":
			if len(words) > 1 {
				s.cwd = joinDir(s.cwd, words[1])
			}
			continue
		case "sh", "bash", "/bin/sh", "/bin/bash", "ash":
			if depth < 3 {
				for i := 1; i+1 < len(words); i++ {
					if strings.HasPrefix(words[i], "-") && strings.Contains(words[i], "c") {
						found = append(found, scanScript(words[i+1], s.environ(prefix), s.cwd, pos, depth+1, onOther)...)
						break
					}
				}
			}
			continue
		}
		if goCommand(words[0]) && len(words) > 1 && (words[1] == "build" || words[1] == "install") {
			found = append(found, parseGoCommand(words[1:], s.environ(prefix), s.cwd, pos))
			continue
		}
		if goCommand(words[0]) && len(words) > 2 && words[1] == "run" {
			// go run build.go ...: a build script; its go commands inherit
			// this environment.
			inv := parseGoCommand([]string{"build"}, s.environ(prefix), s.cwd, pos)
			inv.script = strings.Join(words, " ")
			found = append(found, inv)
			continue
		}
		if onOther != nil {
			onOther(words, s.environ(prefix), s.cwd)
		}
	}
	return found
}

// goCommand reports whether a command word runs the go command.
func goCommand(w string) bool {
	return w == "go" || strings.HasSuffix(w, "/go") || strings.HasSuffix(w, "/bin/go")
}

// isAssignment reports whether a word is a shell assignment NAME=value.
func isAssignment(w string) bool {
	k, _, ok := strings.Cut(w, "=")
	if !ok || k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c == '_' || isAlpha(c) || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
