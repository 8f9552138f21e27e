package deploy

import (
	"path"
	"strings"
)

// koDefaultBase is ko's base image when .ko.yaml names none (ko v0.19.1,
// pkg/commands/options/build.go: configDefaultBaseImage).
const koDefaultBase = "cgr.dev/chainguard/static:latest"

// koConfig is what scratchvet reads of .ko.yaml.
type koConfig struct {
	path          string
	defaultBase   Fact
	baseOverrides map[string]Fact // import path → base image
	builds        []koBuild       // the builds entries
	defaults      *Build          // defaultEnv, defaultFlags, defaultLdflags
}

// readKo reads a .ko.yaml.
func readKo(file string, data []byte, modulePath string) (*koConfig, []Problem) {
	root, prob := parseYAML(file, data)
	if prob != nil {
		return nil, []Problem{*prob}
	}
	cfg := &koConfig{path: file, baseOverrides: map[string]Fact{}}
	if b := root.get("defaultBaseImage"); b.ok() {
		cfg.defaultBase = Fact{Value: b.str(), Pos: b.pos()}
	} else {
		cfg.defaultBase = Fact{Value: koDefaultBase, Default: "ko's default base image"}
	}
	for _, e := range root.get("baseImageOverrides").entries() {
		cfg.baseOverrides[e.key] = Fact{Value: e.val.str(), Pos: e.val.pos()}
	}
	cfg.defaults = &Build{Via: "ko", Pos: Pos{File: file}}
	readKoBuildFields(cfg.defaults, root.get("defaultEnv"), root.get("defaultFlags"), root.get("defaultLdflags"))
	for _, b := range root.get("builds").list() {
		build := &Build{Via: "ko", Pos: b.pos()}
		*build = *cfg.defaults
		build.Pos = b.pos()
		readKoBuildFields(build, b.get("env"), b.get("flags"), b.get("ldflags"))
		main := b.get("main").str()
		if main == "" {
			main = "."
		}
		dir := b.get("dir").str()
		mainDir := main
		if !strings.HasPrefix(main, ".") && strings.Contains(strings.Split(main, "/")[0], ".") {
			mainDir = main // an import path
		} else {
			mainDir = "./" + path.Join(dir, main)
		}
		koDefaultCgo(build)
		cfg.builds = append(cfg.builds, koBuild{mainDir: mainDir, build: build, pos: b.pos()})
	}
	koDefaultCgo(cfg.defaults)
	return cfg, nil
}

func readKoBuildFields(build *Build, env, flags, ldflags ynode) {
	if env.ok() {
		build.Cgo = Fact{}
		applyEnv(build, envList(env))
	}
	if flags.ok() {
		inv := parseGoCommand(append([]string{"build"}, untemplateAll(flags.strs())...), nil, "", flags.pos())
		if inv.tags != nil {
			build.Tags, build.TagsPos = inv.tags, flags.pos()
		}
		if inv.ldflags != "" {
			build.Ldflags = Fact{Value: inv.ldflags, Pos: flags.pos()}
		}
		if inv.buildmode != "" {
			build.Buildmode = Fact{Value: inv.buildmode, Pos: flags.pos()}
		}
	}
	if ldflags.ok() {
		build.Ldflags = Fact{Value: untemplate(strings.Join(ldflags.strs(), " ")), Pos: ldflags.pos()}
	}
	noteTemplates(build)
}

// baseFor is the base image ko uses for a main package's import path.
func (cfg *koConfig) baseFor(importPath string) Fact {
	if b, ok := cfg.baseOverrides[importPath]; ok {
		return b
	}
	return cfg.defaultBase
}

// promuConfig is what scratchvet reads of .promu.yml.
type promuConfig struct {
	path   string
	builds []*artefact
	linux  bool // crossbuild.platforms includes linux (promu's default does)
}

// readPromu reads a .promu.yml (or .promu-*.yml). promu's defaults
// (promu v0.17.0, cmd/promu.go NewConfig and cmd/build.go): cgo off
// unless go.cgo is true; build.static true, which appends
// -extldflags '-static' (no -linkmode external); one binary named after
// the repository, built from "."; binaries go to .build/OS-ARCH/ in a
// crossbuild.
func readPromu(file string, data []byte, projectName string) (*promuConfig, []Problem) {
	root, prob := parseYAML(file, data)
	if prob != nil {
		return nil, []Problem{*prob}
	}
	cfg := &promuConfig{path: file}
	platforms := root.get("crossbuild").get("platforms").strs()
	cfg.linux = len(platforms) == 0
	for _, p := range platforms {
		if p == "linux" || strings.HasPrefix(p, "linux/amd64") || p == "linux/amd64" {
			cfg.linux = true
		}
	}
	build := root.get("build")
	base := &Build{Via: "promu", Pos: Pos{File: file}}
	if c := root.get("go").get("cgo"); c.ok() {
		on, _ := c.boolean()
		base.Cgo = Fact{Value: map[bool]string{true: "1", false: "0"}[on], Pos: c.pos()}
	} else {
		base.Cgo = Fact{Value: "0", Default: "promu's default (go.cgo false)"}
	}
	tags := build.get("tags")
	if t := tags.get("linux"); t.ok() {
		base.Tags, base.TagsPos = t.strs(), t.pos()
	} else if t := tags.get("all"); t.ok() {
		base.Tags, base.TagsPos = t.strs(), t.pos()
	}
	var ldflags []string
	ldPos := Pos{}
	if l := build.get("ldflags"); l.ok() {
		// promu joins the lines after executing the template in each.
		ldflags = append(ldflags, strings.Fields(untemplate(l.str()))...)
		ldPos = l.pos()
	}
	ext := build.get("extldflags").strs()
	static := true
	staticPos := Pos{}
	if s := build.get("static"); s.ok() {
		static, _ = s.boolean()
		staticPos = s.pos()
	}
	hasStatic := false
	for _, e := range ext {
		hasStatic = hasStatic || e == "-static"
	}
	if static && !hasStatic {
		ext = append(ext, "-static")
	}
	if len(ext) > 0 {
		ldflags = append(ldflags, "-extldflags", "'"+strings.Join(ext, " ")+"'")
	}
	base.Ldflags = Fact{Value: strings.Join(ldflags, " "), Pos: ldPos}
	if static && !staticPos.IsValid() {
		base.Ldflags.Default = "promu's default (build.static true adds -extldflags -static)"
	}
	if inv := parseGoCommand(append([]string{"build"}, strings.Fields(build.get("flags").str())...), nil, "", build.pos()); inv.buildmode != "" {
		base.Buildmode = Fact{Value: inv.buildmode, Pos: build.get("flags").pos()}
	}
	binaries := build.get("binaries").list()
	if len(binaries) == 0 {
		b := *base
		cfg.builds = append(cfg.builds, &artefact{name: projectName, paths: promuPaths(projectName), mainDir: "./", build: &b})
	}
	for _, bin := range binaries {
		b := *base
		b.Pos = bin.pos()
		name := bin.get("name").str()
		p := bin.get("path").str()
		if p == "" {
			p = "."
		}
		cfg.builds = append(cfg.builds, &artefact{name: path.Base(name), paths: promuPaths(name), mainDir: "./" + path.Clean(p), build: &b})
	}
	return cfg, nil
}

// promuPaths are where promu writes a binary: the prefix (.) for build,
// .build/OS-ARCH/ for crossbuild.
func promuPaths(name string) []string {
	return []string{path.Clean(name), path.Join(".build", "linux-amd64", name)}
}

// deployKo adds the images ko builds: .ko.yaml's builds and overrides,
// the packages ko commands in Makefiles name, and goreleaser's kos.
func (d *discovery) deployKo() {
	for _, kb := range d.kos {
		m := d.mains[relDir(kb.mainDir)]
		if m == nil {
			continue
		}
		im := imageFromRef(kb.base)
		if kb.user.Set() {
			im.User = kb.user
		}
		d.res.Deployments = append(d.res.Deployments, Deployment{Main: m.ImportPath, Binary: "/ko-app/" + m.Name, Image: im, Build: kb.build, Pos: kb.pos})
	}
	if d.ko == nil && len(d.koRuns) == 0 {
		return
	}
	cfg := d.ko
	if cfg == nil {
		cfg = &koConfig{defaultBase: Fact{Value: koDefaultBase, Default: "ko's default base image"}, baseOverrides: map[string]Fact{}}
		cfg.defaults = &Build{Via: "ko"}
		koDefaultCgo(cfg.defaults)
	}
	// Each main package ko builds, with each base image it is built on:
	// the configuration's (per package or default), or KO_DEFAULTBASEIMAGE
	// where a ko command in a Makefile sets it.
	type koTarget struct {
		base Fact
		pos  Pos
	}
	targets := map[string][]koTarget{} // main dir → images
	add := func(m *Main, base Fact, pos Pos) {
		for _, t := range targets[m.Dir] {
			if t.base.Value == base.Value {
				return
			}
		}
		targets[m.Dir] = append(targets[m.Dir], koTarget{base, pos})
	}
	for _, b := range cfg.builds {
		if m := d.koMain(b.mainDir); m != nil {
			add(m, cfg.baseFor(m.ImportPath), b.pos)
		}
	}
	for _, ip := range sortedKeys(cfg.baseOverrides) {
		if m := d.koMain(ip); m != nil {
			add(m, cfg.baseFor(m.ImportPath), cfg.baseOverrides[ip].Pos)
		}
	}
	for _, r := range d.koRuns {
		for _, p := range r.pkgs {
			m := d.koMain(p)
			if m == nil {
				continue
			}
			base := cfg.baseFor(m.ImportPath)
			if b := r.env["KO_DEFAULTBASEIMAGE"]; b != "" && isKnown(b) {
				if _, overridden := cfg.baseOverrides[m.ImportPath]; !overridden {
					base = Fact{Value: b, Pos: r.pos}
				}
			}
			add(m, base, r.pos)
		}
	}
	if len(targets) == 0 && d.ko != nil && len(d.mains) == 1 {
		for _, m := range d.mains {
			add(m, cfg.baseFor(m.ImportPath), Pos{File: d.ko.path})
		}
	}
	for _, dir := range sortedKeys(targets) {
		m := d.mains[dir]
		build := cfg.defaults
		for _, b := range cfg.builds {
			if km := d.koMain(b.mainDir); km == m {
				build = b.build
			}
		}
		for _, t := range targets[dir] {
			b := *build
			d.res.Deployments = append(d.res.Deployments, Deployment{Main: m.ImportPath, Binary: "/ko-app/" + m.Name, Image: imageFromRef(t.base), Build: &b, Pos: t.pos})
		}
	}
}

// koMain resolves a ko package argument (import path or ./dir).
func (d *discovery) koMain(p string) *Main {
	p = strings.TrimPrefix(p, "ko://")
	if strings.HasPrefix(p, ".") {
		return d.mains[relDir(p)]
	}
	for _, m := range d.sortedMains() {
		if m.ImportPath == p {
			return m
		}
	}
	return nil
}
