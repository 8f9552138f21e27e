package deploy

import (
	"path"
	"strings"
)

// An origin is a file a go command writes in a stage.
type origin struct {
	inv     *goInvocation
	builder *stage
	path    string // "" for a build script whose outputs are unknown
	main    *Main  // nil when the package is not one of the module's
	name    string // the binary's name
}

// binariesIn returns the files the leaf stage's image gets from go
// builds, the build context or downloads.
func (d *discovery) binariesIn(stages []*stage, leaf *stage, inv dockerInvocation) []placed {
	var out []placed
	chain := leaf.chain()
	for i := len(chain) - 1; i >= 0; i-- {
		s := chain[i]
		for _, c := range s.copies {
			from := findStage(stages, c.from)
			for _, src := range c.srcs {
				switch {
				case from != nil:
					out = append(out, d.copiedFromStage(stages, from, c, src, inv)...)
				case c.from == "":
					if dirLike(src) {
						continue // a source tree, not a binary
					}
					out = append(out, placed{path: c.copiedPath(src), pos: c.pos,
						artefact: path.Join(inv.context, src), name: path.Base(src)})
				}
			}
		}
		for ri := range s.runs {
			info := d.runInfo(stages, s, &s.runs[ri], inv)
			for _, g := range info.invs {
				for _, o := range d.outputsOf(stages, s, g, inv) {
					out = append(out, placed{path: o.path, pos: s.runs[ri].pos, inv: g, builder: s, mains: mainsOf(o), name: o.name})
				}
			}
			for _, dl := range info.downloads {
				out = append(out, placed{path: dl, pos: s.runs[ri].pos, artefact: dl, name: path.Base(dl)})
			}
		}
	}
	return out
}

func mainsOf(o origin) []*Main {
	if o.main == nil {
		return nil
	}
	return []*Main{o.main}
}

// copiedFromStage resolves a COPY --from=stage of src: the go builds of
// that stage (or of stages it copies from) that wrote it.
func (d *discovery) copiedFromStage(stages []*stage, from *stage, c copyOp, src string, inv dockerInvocation) []placed {
	var out []placed
	if ctx := contextSourceIn(stages, from, path.Clean(src), 0); ctx != "" {
		// The stage got it from the build context: a prebuilt artefact.
		return []placed{{path: c.copiedPath(src), pos: c.pos, artefact: path.Join(inv.context, ctx), name: path.Base(ctx)}}
	}
	for _, o := range d.producedIn(stages, from, src, inv, 0) {
		p := placed{pos: c.pos, inv: o.inv, builder: o.builder, mains: mainsOf(o), name: o.name}
		switch {
		case o.path == "":
			// A build script: its output is the file copied.
			p.path, p.name = c.copiedPath(src), path.Base(src)
		case o.path == path.Clean(src) || !strings.HasSuffix(src, "/") && !pathUnder(o.path, src):
			p.path = c.copiedPath(o.path)
		default:
			rel := strings.TrimPrefix(o.path, strings.TrimSuffix(path.Clean(src), "/")+"/")
			p.path = path.Join(c.dest, rel)
		}
		out = append(out, p)
	}
	return out
}

// producedIn returns the go builds in stage x (and the stages it is built
// on or copies from) whose output is src, or lies under src when src is a
// directory. When nothing matches and x runs a build script, the script
// is the origin.
func (d *discovery) producedIn(stages []*stage, x *stage, src string, inv dockerInvocation, depth int) []origin {
	var out, scripts []origin
	src = path.Clean(src)
	for _, s := range x.chain() {
		for ri := range s.runs {
			info := d.runInfo(stages, s, &s.runs[ri], inv)
			for _, g := range info.invs {
				for _, o := range d.outputsOf(stages, s, g, inv) {
					switch {
					case o.path == "":
						scripts = append(scripts, o)
					case o.path == src || pathUnder(o.path, src) || globMatch(src, o.path):
						out = append(out, o)
					}
				}
			}
		}
		if depth > 4 {
			continue
		}
		for _, c := range s.copies {
			y := findStage(stages, c.from)
			if y == nil {
				continue
			}
			for _, csrc := range c.srcs {
				at := c.copiedPath(csrc)
				if dirLike(csrc) {
					at = path.Clean(c.dest)
				}
				switch {
				case at == src:
					out = append(out, d.producedIn(stages, y, csrc, inv, depth+1)...)
				case dirLike(csrc) && pathUnder(src, at):
					mapped := path.Join(csrc, strings.TrimPrefix(src, at))
					out = append(out, d.producedIn(stages, y, mapped, inv, depth+1)...)
				}
			}
		}
	}
	if len(out) == 0 {
		return scripts
	}
	return out
}

func globMatch(pattern, name string) bool {
	if !strings.ContainsAny(pattern, "*?[") {
		return false
	}
	ok, _ := path.Match(pattern, name)
	return ok
}

// outputsOf returns the files a go command writes (one per main package
// it builds), in the stage's filesystem.
func (d *discovery) outputsOf(stages []*stage, s *stage, g *goInvocation, inv dockerInvocation) []origin {
	if g.script != "" {
		return []origin{{inv: g, builder: s}}
	}
	targets := d.resolvePackages(g, func(dir string) (string, bool) { return d.repoPathIn(s, inv, dir) })
	gobin := g.env["GOBIN"]
	if gobin == "" {
		gopath := s.vars["GOPATH"]
		if gopath == "" || !isKnown(gopath) {
			gopath = "/root/go"
		}
		gobin = path.Join(gopath, "bin")
	}
	var out []origin
	for _, t := range targets {
		var p string
		switch {
		case g.output == "" && g.install:
			p = path.Join(gobin, t.name)
		case g.output == "":
			if len(targets) > 1 {
				continue // go build of several packages writes nothing
			}
			p = path.Join(g.cwd, t.name)
		case strings.HasSuffix(g.output, "/") || len(targets) > 1:
			p = path.Join(joinDir(g.cwd, g.output), t.name)
		default:
			p = joinDir(g.cwd, g.output)
		}
		out = append(out, origin{inv: g, builder: s, path: p, main: t.main, name: path.Base(p)})
	}
	return out
}

// A pkgTarget is one package a go command builds: a main package of the
// module, or a name when the package could not be resolved.
type pkgTarget struct {
	main *Main
	name string
}

// resolvePackages maps a go command's package arguments to the module's
// main packages. toRepo maps a directory where the command runs to the
// repository directory it holds.
func (d *discovery) resolvePackages(g *goInvocation, toRepo func(string) (string, bool)) []pkgTarget {
	pkgs := g.pkgs
	if len(pkgs) == 0 {
		pkgs = []string{"."}
	}
	var out []pkgTarget
	for _, p := range pkgs {
		if !isKnown(p) {
			out = append(out, pkgTarget{name: unknown})
			continue
		}
		if strings.HasSuffix(p, ".go") {
			p = path.Dir(p)
			if p == "" {
				p = "."
			}
		}
		pattern := strings.HasSuffix(p, "/...") || p == "..."
		p = strings.TrimSuffix(strings.TrimSuffix(p, "..."), "/")
		if p == "" {
			p = "."
		}
		if strings.HasPrefix(p, ".") || strings.HasPrefix(p, "/") {
			abs := joinDir(g.cwd, p)
			if repo, ok := toRepo(abs); ok {
				if found := d.mainsAt(repo, pattern); len(found) > 0 {
					for _, m := range found {
						out = append(out, pkgTarget{main: m, name: m.Name})
					}
					continue
				}
			}
			if b := path.Base(abs); !pattern && b != "." && b != "/" {
				out = append(out, pkgTarget{name: b})
			} else if !pattern {
				out = append(out, pkgTarget{name: unknown})
			}
			continue
		}
		found := false
		for _, m := range d.sortedMains() {
			if m.ImportPath == p || pattern && strings.HasPrefix(m.ImportPath, p+"/") {
				out = append(out, pkgTarget{main: m, name: m.Name})
				found = true
			}
		}
		if !found && !pattern {
			out = append(out, pkgTarget{name: binaryName(p)})
		}
	}
	return out
}

// mainsAt returns the main package in a repository directory, or every
// main package under it for a /... pattern.
func (d *discovery) mainsAt(dir string, pattern bool) []*Main {
	dir = relDir(dir)
	var out []*Main
	for _, m := range d.sortedMains() {
		if m.Dir == dir || pattern && (dir == "." || strings.HasPrefix(m.Dir, dir+"/")) {
			out = append(out, m)
		}
	}
	return out
}

func (d *discovery) sortedMains() []*Main {
	out := make([]*Main, 0, len(d.mains))
	for _, k := range sortedKeys(d.mains) {
		out = append(out, d.mains[k])
	}
	return out
}

// platformWords are the parts of a release artefact's name that name its
// platform rather than its program (prometheus-linux-amd64, opa_linux_amd64_static).
var platformWords = map[string]bool{
	"linux": true, "amd64": true, "x86_64": true, "x86": true, "64": true, "arm64": true, "aarch64": true,
	"arm": true, "armv7": true, "armv6": true, "386": true, "static": true, "musl": true,
	"glibc": true, "gnu": true, "bin": true, "debug": true, "release": true,
}

// mainByName finds the main package an artefact's file name names: the
// default binary name, after dropping platform words at the end.
func (d *discovery) mainByName(name string) *Main {
	if name == "" || !isKnown(name) {
		return nil
	}
	for _, cand := range nameCandidates(name) {
		var found *Main
		for _, m := range d.sortedMains() {
			if m.Name == cand {
				if found != nil {
					return nil // ambiguous: two main packages of that name
				}
				found = m
			}
		}
		if found != nil {
			return found
		}
	}
	return nil
}

// nameCandidates are the names an artefact file may stand for, longest
// first: "opa_linux_amd64_static" → opa_linux_amd64_static, ..., opa.
func nameCandidates(name string) []string {
	name = strings.TrimSuffix(name, ".exe")
	out := []string{name}
	for {
		i := strings.LastIndexAny(name, "-_.")
		if i <= 0 || !platformWords[strings.ToLower(name[i+1:])] {
			return out
		}
		name = name[:i]
		out = append(out, name)
	}
}

// contextSourceIn returns the build-context path a stage (or a stage it
// copies from) put at src, or "".
func contextSourceIn(stages []*stage, x *stage, src string, depth int) string {
	if depth > 4 {
		return ""
	}
	for _, s := range x.chain() {
		for i := len(s.copies) - 1; i >= 0; i-- {
			c := s.copies[i]
			for _, csrc := range c.srcs {
				if dirLike(csrc) || c.copiedPath(csrc) != src {
					continue
				}
				if c.from == "" {
					return csrc
				}
				if y := findStage(stages, c.from); y != nil {
					return contextSourceIn(stages, y, path.Clean(csrc), depth+1)
				}
			}
		}
	}
	return ""
}
