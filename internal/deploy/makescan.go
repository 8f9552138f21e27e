package deploy

import (
	"path"
	"sort"
	"strings"
)

// What recipes declare: go builds, image builds, ko builds.
type makeFinds struct {
	gos     []*goInvocation
	dockers []dockerInvocation
	kos     []koInvocation
}

// A dockerInvocation is one build of a Dockerfile: the build arguments and
// target stage a Makefile's docker build or a goreleaser dockers entry
// gives it.
type dockerInvocation struct {
	file    string            // the Dockerfile, relative to the root
	args    map[string]string // --build-arg values
	target  string            // --target stage
	tags    []string          // -t values: the image's names
	context string            // the build context, relative to the root
	pos     Pos               // the invocation
	// artefacts are binaries the invocation puts in the build context
	// (goreleaser): path in the context → build.
	artefacts map[string]*artefact
}

// A koInvocation is `ko build` (resolve, apply, publish) of packages.
type koInvocation struct {
	pkgs []string
	env  map[string]string // KO_DEFAULTBASEIMAGE, CGO_ENABLED, GOFLAGS
	cwd  string
	pos  Pos
}

// scanAll scans every recipe of the Makefile, without command-line
// variables, for the builds it declares.
func (mf *Makefile) scanAll(out *makeFinds) {
	for _, r := range mf.rules {
		target := ""
		if len(r.targets) > 0 {
			target = r.targets[0]
		}
		mf.scanRule(r, target, nil, nil, mf.Dir, map[string]bool{}, 0, out)
	}
}

// scanTarget scans the recipes that make target and its prerequisites:
// cmdVars are variables given on the make command line, env the
// environment make runs in, cwd where it runs (in the caller's terms).
func (mf *Makefile) scanTarget(target string, cmdVars, env map[string]string, cwd string, seen map[string]bool, depth int, out *makeFinds) {
	if depth > 8 || seen[target] {
		return
	}
	seen[target] = true
	for _, r := range mf.lookupRules(target) {
		for _, p := range r.prereqs {
			mf.scanTarget(mf.expand(p, nil, 0), cmdVars, env, cwd, seen, depth+1, out)
		}
		mf.scanRule(r, target, cmdVars, env, cwd, seen, depth, out)
	}
}

func (mf *Makefile) scanRule(r *mkRule, target string, cmdVars, env map[string]string, cwd string, seen map[string]bool, depth int, out *makeFinds) {
	if len(r.recipe) == 0 {
		return
	}
	scope := &mkScope{vars: map[string]*mkVar{}, target: target}
	for _, t := range append([]string{r.pattern}, r.targets...) {
		if pre, suf, ok := strings.Cut(t, "%"); ok && strings.HasPrefix(target, pre) && strings.HasSuffix(target, suf) && len(target) >= len(pre)+len(suf) {
			scope.stem = target[len(pre) : len(target)-len(suf)]
			break
		}
	}
	// Make's environment becomes variables, which the file's own
	// assignments override (except ?=).
	for k, v := range env {
		if fv := mf.vars[k]; fv == nil || fv.weak {
			scope.vars[k] = &mkVar{value: v, simple: true, exported: true}
		}
	}
	for k, v := range r.vars {
		scope.vars[k] = v
	}
	for k, v := range cmdVars {
		scope.vars[k] = &mkVar{value: v, simple: true, exported: true}
	}
	recipeEnv := mf.recipeEnv(scope, env)
	for _, line := range r.recipe {
		text := mf.expand(line.text, scope, 0)
		text = strings.TrimLeft(strings.TrimSpace(text), "@-+")
		file := r.pos.File // an included file's rule keeps its file
		if file == "" {
			file = mf.Path
		}
		pos := Pos{file, line.line}
		found := scanScript(text, recipeEnv, cwd, pos, 0, func(words []string, cmdEnv map[string]string, dir string) {
			mf.recipeCommand(words, cmdEnv, dir, pos, seen, depth, out)
		})
		// A value that is a make variable's is declared where the
		// variable is set (CGO_ENABLED=$(CGO_ENABLED) ... go build).
		if mv := scope.vars["CGO_ENABLED"]; mv == nil {
			mv = mf.vars["CGO_ENABLED"]
			for _, g := range found {
				if mv != nil && mv.pos.IsValid() && g.env["CGO_ENABLED"] == mf.reference("CGO_ENABLED", scope, 0) {
					g.cgoPos = mv.pos
				}
			}
		}
		out.gos = append(out.gos, found...)
	}
}

// recipeEnv is the environment of a recipe: the environment make runs in
// (a variable the file sets overrides it), the exported variables and
// those of the command line.
func (mf *Makefile) recipeEnv(scope *mkScope, env map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range env {
		out[k] = v
		if fv, ok := mf.vars[k]; ok && !fv.weak {
			out[k] = mf.reference(k, scope, 0) // the file's assignment wins over the environment
		}
	}
	names := make([]string, 0, len(mf.vars))
	for k, v := range mf.vars {
		if v.exported || mf.exportAll {
			names = append(names, k)
		}
	}
	for k, v := range scope.vars {
		if v.exported {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		out[k] = mf.reference(k, scope, 0)
	}
	return out
}

// recipeCommand handles the commands of a recipe that are not go
// builds: recursive make, docker build, ko build.
func (mf *Makefile) recipeCommand(words []string, env map[string]string, cwd string, pos Pos, seen map[string]bool, depth int, out *makeFinds) {
	switch cmd := path.Base(words[0]); {
	case cmd == "make" || cmd == "gmake":
		targets, vars, other := makeArgs(words[1:])
		if other {
			return // -C, -f: another Makefile
		}
		if len(targets) == 0 {
			targets = mf.defaultTargets()
		}
		sub := mf
		if mf.reread != nil {
			// The sub-make reads the file again with its environment and
			// command line.
			if m := mf.reread(mf.Path, mkSeed{env: env, cmd: vars}); m != nil {
				sub, vars, env = m, nil, nil
			}
		}
		for _, t := range targets {
			sub.scanTarget(t, vars, env, cwd, copySeen(seen), depth+1, out)
		}
	case cmd == "docker" || cmd == "podman" || cmd == "buildah" || cmd == "nerdctl":
		if inv, ok := parseDockerBuild(words[1:], cwd, pos); ok {
			out.dockers = append(out.dockers, inv)
		}
		if len(words) > 1 && words[1] == "run" {
			// A build in a container: docker run [opts] IMAGE go build ...
			image, cenv, script := parseDockerRun(words[2:], env)
			if script != "" {
				for _, g := range scanScript(script, cenv, cwd, pos, 1, nil) {
					g.image = image
					out.gos = append(out.gos, g)
				}
			}
		}
	case cmd == "ko":
		if len(words) > 1 && (words[1] == "build" || words[1] == "resolve" || words[1] == "apply" || words[1] == "publish" || words[1] == "create" || words[1] == "run") {
			inv := koInvocation{env: env, cwd: cwd, pos: pos}
			for i := 2; i < len(words); i++ {
				w := words[i]
				if strings.HasPrefix(w, "-") {
					if !strings.Contains(w, "=") && koValueFlags[strings.TrimLeft(w, "-")] {
						i++
					}
					continue
				}
				inv.pkgs = append(inv.pkgs, strings.TrimPrefix(w, "ko://"))
			}
			out.kos = append(out.kos, inv)
		}
	}
}

var koValueFlags = map[string]bool{
	"platform": true, "t": true, "tags": true, "image-label": true, "image-refs": true,
	"f": true, "filename": true, "sbom": true, "sbom-dir": true, "image-user": true,
	"base-import-paths": false, "L": false, "B": false,
}

func copySeen(m map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// makeArgs splits make's arguments into targets and variable
// assignments; other reports -C or -f (another Makefile).
func makeArgs(args []string) (targets []string, vars map[string]string, other bool) {
	vars = map[string]string{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-C" || a == "-f" || a == "--file" || a == "--directory" || strings.HasPrefix(a, "-C") || strings.HasPrefix(a, "--directory="):
			return nil, nil, true
		case strings.HasPrefix(a, "-"):
			if a == "-j" || a == "-l" || a == "-o" || a == "-W" {
				i++
			}
		case isAssignment(a):
			k, v, _ := strings.Cut(a, "=")
			vars[k] = v
		default:
			targets = append(targets, a)
		}
	}
	return targets, vars, false
}

// defaultTargets is the first rule's target (make's default goal).
func (mf *Makefile) defaultTargets() []string {
	for _, r := range mf.rules {
		for _, t := range r.targets {
			if !strings.HasPrefix(t, ".") && !strings.Contains(t, "%") {
				return []string{t}
			}
		}
	}
	return nil
}

// parseDockerBuild reads `docker build` or `docker buildx build`
// arguments (after "docker").
func parseDockerBuild(args []string, cwd string, pos Pos) (dockerInvocation, bool) {
	if len(args) > 0 && args[0] == "buildx" {
		args = args[1:]
	}
	if len(args) == 0 || (args[0] != "build" && args[0] != "bud") {
		return dockerInvocation{}, false
	}
	inv := dockerInvocation{args: map[string]string{}, pos: pos}
	var positional []string
	value := func(i *int, a string) string {
		if _, v, ok := strings.Cut(a, "="); ok && strings.HasPrefix(a, "--") {
			return v
		}
		if *i+1 < len(args) {
			*i++
			return args[*i]
		}
		return ""
	}
	for i := 1; i < len(args); i++ {
		a := args[i]
		name, _, _ := strings.Cut(a, "=")
		switch name {
		case "-f", "--file":
			inv.file = value(&i, a)
		case "--build-arg":
			kv := value(&i, a)
			// A value nothing shows (a pattern rule's stem, $(shell ...))
			// leaves the Dockerfile's default as the best account.
			if k, v, ok := strings.Cut(kv, "="); ok && v != unknown {
				inv.args[k] = v
			}
		case "--target":
			inv.target = value(&i, a)
		case "-t", "--tag":
			inv.tags = append(inv.tags, value(&i, a))
		case "--platform", "--label", "--output", "-o", "--cache-from", "--cache-to",
			"--secret", "--ssh", "--build-context", "--progress", "--iidfile", "--metadata-file",
			"--network", "--provenance", "--sbom", "--attest", "--annotation", "--builder", "--shm-size":
			if !strings.Contains(a, "=") {
				i++
			}
		default:
			if !strings.HasPrefix(a, "-") {
				positional = append(positional, a)
			}
		}
	}
	inv.context = "."
	if len(positional) > 0 {
		inv.context = positional[len(positional)-1]
	}
	inv.context = joinDir(cwd, inv.context)
	if inv.file == "" {
		inv.file = path.Join(inv.context, "Dockerfile")
	} else {
		inv.file = joinDir(cwd, inv.file)
	}
	return inv, true
}

// parseDockerRun reads `docker run` arguments (after "run"): the image,
// the environment given with -e/--env (a bare NAME takes the host's
// value from env), and the command as a script. The container is assumed
// to see the repository at its working directory (-w with a bind mount
// of the current directory, the common way to build in a container).
func parseDockerRun(args []string, env map[string]string) (image string, cenv map[string]string, script string) {
	cenv = map[string]string{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			image = a
			rest := args[i+1:]
			if len(rest) >= 3 && (rest[0] == "sh" || rest[0] == "bash" || rest[0] == "/bin/sh" || rest[0] == "/bin/bash") && rest[1] == "-c" {
				return image, cenv, rest[2]
			}
			quoted := make([]string, len(rest))
			for j, w := range rest {
				quoted[j] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
			}
			return image, cenv, strings.Join(quoted, " ")
		}
		name, val, hasVal := strings.Cut(a, "=")
		takesValue := dockerRunValueFlags[name]
		if takesValue && !hasVal && i+1 < len(args) {
			i++
			val = args[i]
		}
		if name == "-e" || name == "--env" {
			if k, v, ok := strings.Cut(val, "="); ok {
				cenv[k] = v
			} else if v, ok := env[val]; ok {
				cenv[val] = v
			}
		}
	}
	return "", nil, ""
}

var dockerRunValueFlags = map[string]bool{
	"-e": true, "--env": true, "-v": true, "--volume": true, "--mount": true, "-w": true,
	"--workdir": true, "-u": true, "--user": true, "--name": true, "--network": true,
	"--entrypoint": true, "--platform": true, "-p": true, "--publish": true, "--env-file": true,
	"-l": true, "--label": true, "--cpus": true, "-m": true, "--memory": true, "--tmpfs": true,
}
