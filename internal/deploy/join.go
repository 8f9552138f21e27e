package deploy

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// deploy joins what the files declare into deployments.
func (d *discovery) deploy() {
	d.scanMakefiles()
	for _, f := range sortedKeys(d.dockerfiles) {
		d.deployDockerfile(d.dockerfiles[f])
	}
	d.deployKo()
	d.deployBuildOnly()
	d.dedupe()
	d.notes()
	d.res.sanitize()
}

// scanMakefiles reads every top-level Makefile's recipes (included files
// merged in) for go builds, image builds and ko builds.
func (d *discovery) scanMakefiles() {
	type scan struct {
		mf    *Makefile
		finds makeFinds
	}
	var scanned []scan
	included := map[string]bool{}
	for _, f := range sortedKeys(d.makefiles) {
		for _, inc := range d.makefiles[f].includes {
			pattern := path.Join(path.Dir(f), inc)
			for _, g := range sortedKeys(d.makefiles) {
				if ok, _ := path.Match(pattern, g); ok || g == pattern {
					included[g] = true
				}
			}
		}
	}
	for _, f := range sortedKeys(d.makefiles) {
		if included[f] || d.makefiles[f].includedOnly {
			continue
		}
		mf := d.makefileWith(f, mkSeed{})
		var finds makeFinds
		mf.scanAll(&finds)
		scanned = append(scanned, scan{mf, finds})
		for _, inv := range finds.dockers {
			d.invocations[inv.file] = append(d.invocations[inv.file], inv)
		}
		d.koRuns = append(d.koRuns, finds.kos...)
	}
	// The builds last: one in a container image built by another recipe
	// needs every image build known.
	for _, sc := range scanned {
		for _, g := range sc.finds.gos {
			d.artefacts = append(d.artefacts, d.makeArtefacts(sc.mf, g)...)
		}
	}
}

// makefileWith returns the Makefile at p (relative to the root) read
// with make's environment and command line, its includes read in.
func (d *discovery) makefileWith(p string, seed mkSeed) *Makefile {
	base := d.makefiles[p]
	if base == nil {
		return nil
	}
	key := p + "\x00" + seedKey(seed)
	if mf, ok := d.makeCache[key]; ok {
		return mf
	}
	mf := base
	if len(seed.env) > 0 || len(seed.cmd) > 0 {
		mf = parseMakefile(p, base.data, seed)
	}
	mf = d.merged(mf, 0)
	mf.reread = d.makefileWith
	if len(d.makeCache) < 256 {
		d.makeCache[key] = mf
	}
	return mf
}

func seedKey(seed mkSeed) string {
	var b strings.Builder
	for _, m := range []map[string]string{seed.env, seed.cmd} {
		for _, k := range sortedKeys(m) {
			b.WriteString(k + "=" + m[k] + "\x00")
		}
		b.WriteString("\x01")
	}
	return b.String()
}

// merged returns mf with the files it includes read in (with mf's seed):
// their variables first (mf's own assignments win), their rules after
// mf's.
func (d *discovery) merged(mf *Makefile, depth int) *Makefile {
	if len(mf.includes) == 0 || depth > 4 {
		return mf
	}
	out := &Makefile{Path: mf.Path, Dir: mf.Dir, vars: map[string]*mkVar{}, exportAll: mf.exportAll, rules: mf.rules,
		data: mf.data, seed: mf.seed}
	var incs []string
	for _, inc := range mf.includes {
		p := path.Join(mf.Dir, inc)
		if !isKnown(p) || strings.HasPrefix(p, "../") {
			continue
		}
		if !strings.ContainsAny(p, "*?[") {
			incs = append(incs, p)
			continue
		}
		matches, _ := filepath.Glob(filepath.Join(d.root, filepath.FromSlash(p)))
		for _, m := range matches {
			if rel, err := filepath.Rel(d.root, m); err == nil {
				incs = append(incs, filepath.ToSlash(rel))
			}
		}
	}
	for _, p := range incs {
		sub := d.makefiles[p]
		if sub == nil {
			data, err := os.ReadFile(filepath.Join(d.root, filepath.FromSlash(p)))
			if err != nil {
				continue
			}
			sub = ParseMakefile(p, data)
			sub.includedOnly = true
			d.makefiles[p] = sub
			d.res.Files = append(d.res.Files, p)
		}
		if len(mf.seed.env) > 0 || len(mf.seed.cmd) > 0 {
			sub = parseMakefile(p, sub.data, mf.seed)
		}
		sub = d.merged(sub, depth+1)
		for k, v := range sub.vars {
			out.vars[k] = v
		}
		out.exportAll = out.exportAll || sub.exportAll
		out.rules = append(out.rules, sub.rules...)
	}
	for k, v := range mf.vars {
		old, ok := out.vars[k]
		if ok && (v.fromEnv || v.fromCmd) && !v.pos.IsValid() {
			continue // a seed the includer leaves alone: the included file decided
		}
		if ok && old.exported {
			nv := *v
			nv.exported = true
			v = &nv
		}
		out.vars[k] = v
	}
	return out
}

// makeArtefacts describes the binaries a Makefile's go command writes.
func (d *discovery) makeArtefacts(mf *Makefile, g *goInvocation) []*artefact {
	if g.script != "" {
		return nil
	}
	var out []*artefact
	targets := d.resolvePackages(g, func(dir string) (string, bool) { return relDir(dir), true })
	for _, t := range targets {
		if t.main == nil {
			continue
		}
		var p string
		switch {
		case g.output == "":
			p = path.Join(g.cwd, t.name)
		case strings.HasSuffix(g.output, "/") || len(targets) > 1:
			p = path.Join(joinDir(g.cwd, g.output), t.name)
		default:
			p = joinDir(g.cwd, g.output)
		}
		out = append(out, &artefact{name: path.Base(p), paths: []string{path.Clean(p)}, mainDir: t.main.Dir, build: d.buildFromMake(mf, g)})
		if mv := mf.vars["CGO_ENABLED"]; mv != nil && !mv.exported && !mf.exportAll {
			if _, seen := g.env["CGO_ENABLED"]; !seen {
				d.note(t.main.ImportPath, []Pos{mv.pos, g.pos}, fmt.Sprintf(
					"%s sets CGO_ENABLED without export: the go command at %s sees it only if CGO_ENABLED is already in make's environment",
					mv.pos, g.pos))
			}
		}
	}
	return out
}

// buildFromMake describes a go command of a Makefile recipe.
func (d *discovery) buildFromMake(mf *Makefile, g *goInvocation) *Build {
	b := goBuild(g)
	if v, ok := g.env["CGO_ENABLED"]; ok && isKnown(v) && !g.cgoPos.IsValid() {
		pos := g.pos
		if mv := mf.vars["CGO_ENABLED"]; mv != nil && mv.pos.IsValid() && (mv.exported || mf.exportAll) && mf.reference("CGO_ENABLED", nil, 0) == v {
			pos = mv.pos
		}
		b.Cgo = Fact{Value: cgoValue(v), Pos: pos}
	}
	if g.image != "" {
		b.Via = "go build (docker run " + strings.ReplaceAll(g.image, unknown, "…") + ")"
		ref := g.image
		if local := d.localImage(ref); local != nil {
			ref = local.Ref.Value
		}
		toolchainDefaults(b, ref, g.pos, false)
	}
	return b
}

// toolchainDefaults sets what a build in a golang image gets when it
// does not say: cgo on where the image has a C compiler (golang:<version>
// has gcc; golang:*-alpine has none unless installed), and the image's C
// library.
func toolchainDefaults(b *Build, ref string, pos Pos, installedCC bool) {
	repo, tag := splitImageRef(ref)
	alpine := strings.Contains(tag, "alpine") || repo == "alpine"
	golang := repo == "golang" || strings.HasSuffix(repo, "/golang")
	if !b.Cgo.Set() && golang {
		if !alpine || installedCC {
			b.Cgo = Fact{Value: "1", Pos: pos, Default: "the go command's default with a C compiler in the image"}
		} else {
			b.Cgo = Fact{Value: "0", Pos: pos, Default: "the go command's default without a C compiler in the image (Go 1.20+)"}
		}
	}
	if !b.Libc.Set() && (golang || alpine) {
		libc := "glibc"
		if alpine {
			libc = "musl"
		}
		b.Libc = Fact{Value: libc, Pos: pos, Default: "the C library of the builder image"}
	}
}

// goBuild is the part of a Build a go command shows by itself.
func goBuild(g *goInvocation) *Build {
	b := &Build{Via: "go build", Pos: g.pos, Output: g.output, Unexpanded: g.unexpanded}
	if g.install {
		b.Via = "go install"
	}
	if len(g.tags) > 0 {
		b.Tags, b.TagsPos = g.tags, g.pos
	}
	if g.ldflags != "" {
		b.Ldflags = Fact{Value: strings.ReplaceAll(g.ldflags, unknown, "…"), Pos: g.pos}
	}
	if g.buildmode != "" {
		b.Buildmode = Fact{Value: g.buildmode, Pos: g.pos}
	}
	if v, ok := g.env["CGO_ENABLED"]; ok && isKnown(v) {
		b.Cgo = Fact{Value: cgoValue(v), Pos: g.pos}
		if g.cgoPos.IsValid() {
			b.Cgo.Pos = g.cgoPos
		}
	}
	if cc := g.env["CC"]; strings.Contains(cc, "musl") {
		b.Libc = Fact{Value: "musl", Pos: g.pos}
	}
	return b
}

// deployDockerfile finds the deployments of one Dockerfile, for each
// build of it (or its defaults when nothing builds it with arguments).
func (d *discovery) deployDockerfile(df *Dockerfile) {
	invs := d.invocations[df.Path]
	if len(invs) == 0 {
		invs = []dockerInvocation{{context: ".", args: nil}}
	}
	for _, inv := range invs {
		if inv.context == "" {
			inv.context = "."
		}
		stages, probs := evalDockerfile(df, inv.args)
		if inv.pos == (Pos{}) {
			d.res.Problems = append(d.res.Problems, probs...)
		}
		if len(stages) == 0 {
			continue
		}
		images := leaves(stages)
		if inv.target != "" {
			images = nil
			if s := findStage(stages, inv.target); s != nil {
				images = []*stage{s}
			}
		}
		last := stages[len(stages)-1]
		for _, leaf := range images {
			bins := d.binariesIn(stages, leaf, inv)
			if leaf != last && inv.target == "" && builtInPlace(bins, leaf) {
				continue // a test or tool stage: builds, ships nothing
			}
			var im *Image
			for _, b := range bins {
				mains, build := d.resolvePlaced(b, inv, stages)
				if len(mains) == 0 {
					continue
				}
				if im == nil {
					im = d.imageOf(stages, leaf, inv)
				}
				for _, m := range mains {
					d.res.Deployments = append(d.res.Deployments, Deployment{Main: m.ImportPath, Binary: b.path, Image: im, Build: build, Pos: b.pos})
				}
			}
		}
	}
}

// builtInPlace reports whether every binary of a stage is built by the
// stage itself (no COPY into it): a builder or test stage.
func builtInPlace(bins []placed, leaf *stage) bool {
	for _, b := range bins {
		if b.builder == nil || b.artefact != "" {
			return false
		}
		inChain := false
		for _, s := range leaf.chain() {
			inChain = inChain || s == b.builder
		}
		if !inChain {
			return false
		}
	}
	return true
}

// resolvePlaced finds the main package a placed file is and the build
// that makes it.
func (d *discovery) resolvePlaced(b placed, inv dockerInvocation, stages []*stage) ([]*Main, *Build) {
	if b.inv != nil {
		build := d.buildFromDocker(b.inv, b.builder)
		if b.inv.script != "" {
			build.Via = "script"
			build.Unexpanded = append(build.Unexpanded, b.inv.script)
		}
		if len(b.mains) > 0 {
			return b.mains, build
		}
		if m := d.mainByName(b.name); m != nil {
			return []*Main{m}, build
		}
		if a := d.artefactByName(b.name); a != nil {
			if m := d.mainFor(a); m != nil {
				return []*Main{m}, build
			}
		}
		return nil, nil
	}
	// A file from the build context, or downloaded: a prebuilt artefact.
	if a := d.contextArtefact(b, inv); a != nil {
		if m := d.mainFor(a); m != nil {
			return []*Main{m}, a.build
		}
	}
	if a := d.artefactByPath(b.artefact); a != nil {
		if m := d.mainFor(a); m != nil {
			return []*Main{m}, a.build
		}
	}
	if a := d.artefactByName(b.name); a != nil {
		if m := d.mainFor(a); m != nil {
			return []*Main{m}, a.build
		}
	}
	if m := d.mainByName(b.name); m != nil {
		return []*Main{m}, nil
	}
	return nil, nil
}

// contextArtefact is the binary a goreleaser dockers entry puts in the
// build context at b's source path.
func (d *discovery) contextArtefact(b placed, inv dockerInvocation) *artefact {
	if len(inv.artefacts) == 0 || b.artefact == "" {
		return nil
	}
	rel := strings.TrimPrefix(path.Clean(b.artefact), path.Clean(inv.context)+"/")
	if a, ok := inv.artefacts[rel]; ok {
		return a
	}
	for _, k := range sortedKeys(inv.artefacts) {
		if path.Base(k) == path.Base(rel) {
			return inv.artefacts[k]
		}
	}
	return nil
}

// artefactByPath is the artefact written at p, relative to the root.
func (d *discovery) artefactByPath(p string) *artefact {
	if p == "" {
		return nil
	}
	p = path.Clean(p)
	for _, a := range d.artefacts {
		for _, ap := range a.paths {
			if ap == p {
				return a
			}
		}
	}
	// Paths with unknown parts: the most specific match (most known text).
	var best *artefact
	bestLen := -1
	for _, a := range d.artefacts {
		for _, ap := range a.paths {
			if n := len(strings.ReplaceAll(ap, unknown, "")); unknownMatch(ap, p) && n > bestLen {
				best, bestLen = a, n
			}
		}
	}
	return best
}

// unknownMatch reports whether name, whose unknown parts may be anything
// but a slash, matches s: dist/…/…/app matches dist/linux/amd64/app.
func unknownMatch(name, s string) bool {
	if isKnown(name) {
		return false
	}
	var pattern strings.Builder
	for _, r := range name {
		switch {
		case string(r) == unknown:
			pattern.WriteString("*")
		case strings.ContainsRune(`*?[\`, r):
			pattern.WriteString(`\` + string(r))
		default:
			pattern.WriteRune(r)
		}
	}
	ok, _ := path.Match(pattern.String(), s)
	return ok
}

// artefactByName is the artefact (goreleaser first, then promu, then a
// Makefile, in the order they were read) named like the file.
func (d *discovery) artefactByName(name string) *artefact {
	if name == "" || !isKnown(name) {
		return nil
	}
	for _, cand := range nameCandidates(name) {
		for _, a := range d.artefacts {
			if a.name == cand {
				return a
			}
		}
	}
	for _, a := range d.artefacts {
		if unknownMatch(a.name, name) {
			return a
		}
	}
	return nil
}

// mainFor is the main package an artefact is built from.
func (d *discovery) mainFor(a *artefact) *Main {
	if a.mainDir != "" {
		if strings.HasPrefix(a.mainDir, ".") {
			if m := d.mains[relDir(a.mainDir)]; m != nil {
				return m
			}
		} else {
			for _, m := range d.sortedMains() {
				if m.ImportPath == a.mainDir {
					return m
				}
			}
		}
	}
	return d.mainByName(a.name)
}

// buildFromDocker describes a go command run in a Dockerfile stage: the
// values it sees, where they are set, and the builder image's C library.
func (d *discovery) buildFromDocker(g *goInvocation, builder *stage) *Build {
	b := goBuild(g)
	if g.viaRun.IsValid() {
		b.Via += " (make, run at " + g.viaRun.String() + ")"
	}
	base := builder.base()
	if v, ok := g.env["CGO_ENABLED"]; ok && isKnown(v) {
		pos := g.pos
		if g.cgoPos.IsValid() {
			pos = g.cgoPos
		}
		for _, s := range builder.chain() {
			for ri := range s.runs {
				r := &s.runs[ri]
				if r.pos == g.pos || r.pos == g.viaRun {
					if rv, ok := r.vars["CGO_ENABLED"]; ok && rv == v && r.varPos["CGO_ENABLED"].IsValid() {
						pos = r.varPos["CGO_ENABLED"]
					}
				}
			}
		}
		b.Cgo = Fact{Value: cgoValue(v), Pos: pos}
	}
	installedCC := false
	for _, s := range builder.chain() {
		for ri := range s.runs {
			if info := d.runs[&s.runs[ri]]; info != nil {
				for _, p := range info.installs {
					installedCC = installedCC || !p.remove && cgoToolchainPackages[p.pkg]
				}
			}
		}
	}
	toolchainDefaults(b, base.from.Value, base.from.Pos, installedCC)
	return b
}

// deployBuildOnly adds, for main packages that no image ships, the builds
// that declare how they are built.
func (d *discovery) deployBuildOnly() {
	shipped := map[string]bool{}
	for _, dep := range d.res.Deployments {
		shipped[dep.Main] = true
	}
	for _, a := range d.artefacts {
		m := d.mainFor(a)
		if m == nil || shipped[m.ImportPath] {
			continue
		}
		b := *a.build
		d.res.Deployments = append(d.res.Deployments, Deployment{Main: m.ImportPath, Binary: a.name, Build: &b, Pos: a.build.Pos})
	}
}

// dedupe drops deployments that say the same thing twice (one image
// built by several invocations with the same result).
func (d *discovery) dedupe() {
	seen := map[string]bool{}
	out := d.res.Deployments[:0]
	for _, dep := range d.res.Deployments {
		key := dep.Main + "\x00" + dep.Binary + "\x00" + dep.Pos.String()
		if dep.Image != nil {
			key += "\x00" + dep.Image.Ref.Value + "\x00" + dep.Image.TargetSpec() + "\x00" + dep.Image.User.Value
		}
		if dep.Build != nil {
			key += "\x00" + dep.Build.Pos.String() + "\x00" + dep.Build.Cgo.Value + "\x00" + dep.Build.Ldflags.Value
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, dep)
	}
	d.res.Deployments = out
}

// notes records what a reader of the deployments should know: unknown
// images, builds nothing declares, declarations that disagree.
func (d *discovery) notes() {
	byMain := map[string][]Deployment{}
	for _, dep := range d.res.Deployments {
		byMain[dep.Main] = append(byMain[dep.Main], dep)
	}
	for _, main := range sortedKeys(byMain) {
		deps := byMain[main]
		used := map[string][]Pos{} // CGO_ENABLED of the deployments' builds
		for _, dep := range deps {
			if dep.Image != nil && !dep.Image.Known {
				d.note(main, []Pos{dep.Image.Ref.Pos}, fmt.Sprintf("image %s: %s", dep.Image.Ref.Value, dep.Image.Entry))
			}
			switch {
			case dep.Build == nil:
				d.note(main, []Pos{dep.Pos}, "the binary "+dep.Binary+" is copied in prebuilt and no declaration builds it; its build is not known")
			case !dep.Build.Cgo.Set():
				d.note(main, []Pos{dep.Build.Pos}, "CGO_ENABLED is not declared for this build: the go command enables cgo where a C compiler is found")
			default:
				used[dep.Build.Cgo.Value] = append(used[dep.Build.Cgo.Value], dep.Build.Cgo.Pos)
			}
		}
		// Builds of this main package that no deployment uses (a Makefile's
		// local build, a release archive) disagree when they set another
		// value: what is tested locally is not what ships. Deployments that
		// differ from each other are simply different deployments.
		other := map[string][]Pos{}
		for _, a := range d.artefacts {
			if m := d.mainFor(a); m != nil && m.ImportPath == main && a.build.Cgo.Set() && !containsPos(used[a.build.Cgo.Value], a.build.Cgo.Pos) {
				other[a.build.Cgo.Value] = append(other[a.build.Cgo.Value], a.build.Cgo.Pos)
			}
		}
		cgo := map[string][]Pos{}
		for v, ps := range used {
			cgo[v] = append(cgo[v], ps...)
		}
		differs := false
		for v, ps := range other {
			if _, same := used[v]; !same || len(used) == 0 {
				differs = true
			}
			for _, p := range ps {
				if !containsAnyValue(cgo, p) {
					cgo[v] = append(cgo[v], p)
				}
			}
		}
		if differs && len(cgo) > 1 {
			var parts []string
			var all []Pos
			for _, v := range sortedKeys(cgo) {
				ps := uniquePos(cgo[v])
				var where []string
				for _, p := range ps {
					where = append(where, p.String())
					all = append(all, p)
				}
				parts = append(parts, "CGO_ENABLED="+v+" at "+strings.Join(where, ", "))
			}
			d.note(main, all, "declarations disagree: "+strings.Join(parts, "; "))
		}
	}
}

func containsPos(ps []Pos, p Pos) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// containsAnyValue reports whether p declares some value already: one
// line read in two environments is not two declarations.
func containsAnyValue(m map[string][]Pos, p Pos) bool {
	for _, ps := range m {
		if containsPos(ps, p) {
			return true
		}
	}
	return false
}

func (d *discovery) note(main string, pos []Pos, msg string) {
	for _, n := range d.res.Notes {
		if n.Main == main && n.Msg == msg {
			return
		}
	}
	var valid []Pos
	for _, p := range pos {
		if p.IsValid() {
			valid = append(valid, p)
		}
	}
	d.res.Notes = append(d.res.Notes, Note{Main: main, Pos: valid, Msg: msg})
}

func uniquePos(ps []Pos) []Pos {
	sort.Slice(ps, func(i, j int) bool { return lessPos(ps[i], ps[j]) })
	var out []Pos
	for i, p := range ps {
		if !p.IsValid() || i > 0 && p == ps[i-1] {
			continue
		}
		out = append(out, p)
	}
	return out
}
