package deploy

import (
	"path"
	"sort"
	"strings"
)

// An artefact is a binary built outside any image, by a release tool or a
// Makefile: its name, where it is written and how it is built.
type artefact struct {
	name    string   // the binary's file name
	paths   []string // where it is written, relative to the root
	mainDir string   // the main package: "./cmd/app" relative to the root, or an import path; "" unknown
	build   *Build
	id      string // goreleaser build id
}

// goreleaserConfig is what scratchvet reads of .goreleaser.yaml.
type goreleaserConfig struct {
	path    string
	project string
	builds  []*artefact
	dockers []dockerInvocation
	kos     []koBuild
}

// A koBuild is an image ko builds: the main package, the base image and
// the build.
type koBuild struct {
	mainDir string
	base    Fact
	user    Fact
	build   *Build
	pos     Pos
}

// goreleaserKoBase is the base image of goreleaser's kos when none is
// given (goreleaser v2.17.0, internal/pipe/ko/ko.go: chainguardStatic).
const goreleaserKoBase = "cgr.dev/chainguard/static"

// readGoreleaser reads a goreleaser configuration (v1 or v2).
func readGoreleaser(file string, data []byte, moduleName string) (*goreleaserConfig, []Problem) {
	root, prob := parseYAML(file, data)
	if prob != nil {
		return nil, []Problem{*prob}
	}
	cfg := &goreleaserConfig{path: file, project: root.get("project_name").str()}
	if cfg.project == "" {
		cfg.project = moduleName
	}
	globalEnv := envList(root.get("env"))
	buildNodes := root.get("builds").list()
	if !root.get("builds").ok() {
		buildNodes = []ynode{{file: file}} // goreleaser's default: one build of "."
	}
	for _, b := range buildNodes {
		if a := readGoreleaserBuild(b, cfg.project, globalEnv); a != nil {
			cfg.builds = append(cfg.builds, a)
		}
	}
	for _, d := range root.get("dockers").list() {
		cfg.dockers = append(cfg.dockers, readGoreleaserDocker(d, cfg, false))
	}
	for _, d := range root.get("dockers_v2").list() {
		cfg.dockers = append(cfg.dockers, readGoreleaserDocker(d, cfg, true))
	}
	for _, k := range root.get("kos").list() {
		cfg.kos = append(cfg.kos, readGoreleaserKo(k, cfg))
	}
	return cfg, nil
}

// envVar is one environment variable of a configuration, with its line.
type envVar struct {
	value string
	pos   Pos
}

// envList reads a list of KEY=VALUE strings.
func envList(y ynode) map[string]envVar {
	out := map[string]envVar{}
	for _, e := range y.list() {
		if k, v, ok := strings.Cut(e.str(), "="); ok {
			out[k] = envVar{v, e.pos()}
		}
	}
	return out
}

// readGoreleaserBuild reads one builds entry; nil when it does not build
// a Go binary for Linux.
func readGoreleaserBuild(b ynode, project string, globalEnv map[string]envVar) *artefact {
	if skip, _ := b.get("skip").boolean(); skip {
		return nil
	}
	if builder := b.get("builder").str(); builder != "" && builder != "go" {
		return nil
	}
	if !buildsLinux(b.get("goos").strs(), b.get("targets").strs()) {
		return nil
	}
	id := b.get("id").str()
	if id == "" {
		id = project
	}
	binary := b.get("binary").str()
	if binary == "" {
		binary = project
	}
	main := b.get("main").str()
	if main == "" {
		main = "."
	}
	dir := b.get("dir").str()
	if dir == "" {
		dir = "."
	}
	env := map[string]envVar{}
	for k, v := range globalEnv {
		env[k] = v
	}
	for k, v := range envList(b.get("env")) {
		env[k] = v
	}
	details := []ynode{b}
	// An override for linux (amd64 or any arch) refines the build.
	for _, o := range b.get("overrides").list() {
		if goos := o.get("goos").str(); goos == "linux" && (o.get("goarch").str() == "" || o.get("goarch").str() == "amd64") {
			details = append(details, o)
			for k, v := range envList(o.get("env")) {
				env[k] = v
			}
		}
	}
	build := &Build{Via: "goreleaser", Pos: b.pos()}
	for _, d := range details {
		inv := parseGoCommand(append([]string{"build"}, untemplateAll(d.get("flags").strs())...), nil, "", d.pos())
		if inv.tags != nil {
			build.Tags, build.TagsPos = inv.tags, d.get("flags").pos()
		}
		if t := d.get("tags"); t.ok() {
			build.Tags, build.TagsPos = untemplateAll(t.strs()), t.pos()
		}
		if l := d.get("ldflags"); l.ok() {
			build.Ldflags = Fact{Value: untemplate(strings.Join(l.strs(), " ")), Pos: l.pos()}
		} else if inv.ldflags != "" {
			build.Ldflags = Fact{Value: untemplate(inv.ldflags), Pos: d.get("flags").pos()}
		}
		if m := d.get("buildmode"); m.ok() {
			build.Buildmode = Fact{Value: m.str(), Pos: m.pos()}
		} else if inv.buildmode != "" {
			build.Buildmode = Fact{Value: inv.buildmode, Pos: d.get("flags").pos()}
		}
	}
	applyEnv(build, env)
	noteTemplates(build)
	mainDir := path.Join(dir, main)
	if strings.HasSuffix(main, ".go") {
		mainDir = path.Dir(mainDir)
	}
	name := path.Base(binary)
	return &artefact{name: name, paths: []string{path.Join("dist", binary)}, mainDir: "./" + mainDir, build: build, id: id}
}

// applyEnv sets the build's cgo and C library from a configuration's
// environment.
func applyEnv(build *Build, env map[string]envVar) {
	if v, ok := env["CGO_ENABLED"]; ok {
		if isTemplate(v.value) {
			build.Unexpanded = append(build.Unexpanded, "CGO_ENABLED="+v.value)
		} else {
			build.Cgo = Fact{Value: cgoValue(v.value), Pos: v.pos}
		}
	}
	if v, ok := env["CC"]; ok && strings.Contains(v.value, "musl") {
		build.Libc = Fact{Value: "musl", Pos: v.pos}
	}
	if v, ok := env["GOFLAGS"]; ok {
		inv := parseGoCommand([]string{"build"}, map[string]string{"GOFLAGS": v.value}, "", v.pos)
		if inv.tags != nil && build.Tags == nil {
			build.Tags, build.TagsPos = inv.tags, v.pos
		}
		if inv.ldflags != "" && !build.Ldflags.Set() {
			build.Ldflags = Fact{Value: inv.ldflags, Pos: v.pos}
		}
		if inv.buildmode != "" && !build.Buildmode.Set() {
			build.Buildmode = Fact{Value: inv.buildmode, Pos: v.pos}
		}
	}
}

// cgoValue normalises a CGO_ENABLED value to "0" or "1" as the go command
// reads it ("" stays "": unset).
func cgoValue(v string) string {
	switch strings.TrimSpace(v) {
	case "":
		return ""
	case "0":
		return "0"
	case "1":
		return "1"
	}
	if !isKnown(v) {
		return ""
	}
	return v // the go command rejects other values; shown as written
}

// buildsLinux reports whether goreleaser's goos (default linux, darwin,
// windows) or targets include linux.
func buildsLinux(goos, targets []string) bool {
	if len(targets) > 0 {
		for _, t := range targets {
			if strings.HasPrefix(t, "linux_") || t == "go_first_class" || t == "go_118_first_class" {
				return true
			}
		}
		return false
	}
	if len(goos) == 0 {
		return true
	}
	for _, g := range goos {
		if g == "linux" || isTemplate(g) {
			return true
		}
	}
	return false
}

// readGoreleaserDocker reads a dockers (v1) or dockers_v2 entry: the
// Dockerfile, its build arguments, and the binaries goreleaser puts in the
// build context.
func readGoreleaserDocker(d ynode, cfg *goreleaserConfig, v2 bool) dockerInvocation {
	inv := dockerInvocation{args: map[string]string{}, context: ".", pos: d.pos(), artefacts: map[string]*artefact{}}
	inv.file = d.get("dockerfile").str()
	if inv.file == "" {
		inv.file = "Dockerfile" // goreleaser's default (internal/pipe/docker/docker.go)
	}
	var flags []string
	if v2 {
		for _, e := range d.get("build_args").entries() {
			inv.args[e.key] = e.val.str()
		}
		flags = d.get("flags").strs()
	} else {
		flags = d.get("build_flag_templates").strs()
		if goos := d.get("goos").str(); goos != "" && goos != "linux" {
			return inv
		}
	}
	for i := 0; i < len(flags); i++ {
		f := flags[i]
		name, val, hasVal := strings.Cut(f, "=")
		if !hasVal && i+1 < len(flags) {
			val = flags[i+1]
		}
		switch name {
		case "--build-arg":
			if k, v, ok := strings.Cut(val, "="); ok {
				inv.args[k] = v
			}
		case "--target":
			inv.target = val
		case "--file", "-f":
			inv.file = val
		}
	}
	ids := map[string]bool{}
	for _, id := range d.get("ids").strs() {
		ids[id] = true
	}
	for _, b := range cfg.builds {
		if len(ids) > 0 && !ids[b.id] {
			continue
		}
		if v2 {
			// dockers_v2 puts each platform's binary under OS/ARCH/.
			inv.artefacts["linux/amd64/"+b.name] = b
		} else {
			inv.artefacts[b.name] = b
		}
	}
	return inv
}

// readGoreleaserKo reads a kos entry, joined with the build it names.
func readGoreleaserKo(k ynode, cfg *goreleaserConfig) koBuild {
	id := k.get("id").str()
	if id == "" {
		id = cfg.project
	}
	buildID := k.get("build").str()
	if buildID == "" {
		buildID = id
	}
	var from *artefact
	for _, b := range cfg.builds {
		if b.id == buildID {
			from = b
		}
	}
	if from == nil && len(cfg.builds) == 1 {
		from = cfg.builds[0]
	}
	kb := koBuild{pos: k.pos(), build: &Build{Via: "goreleaser kos", Pos: k.pos()}}
	if from != nil {
		*kb.build = *from.build
		kb.build.Via, kb.build.Pos = "goreleaser kos", k.pos()
		kb.mainDir = from.mainDir
	}
	if m := k.get("main").str(); m != "" {
		kb.mainDir = "./" + path.Join(k.get("working_dir").str(), m)
	}
	kb.base = Fact{Value: k.get("base_image").str(), Pos: k.get("base_image").pos()}
	if !kb.base.Set() {
		kb.base = Fact{Value: goreleaserKoBase, Default: "goreleaser's default for kos"}
	}
	if u := k.get("user"); u.ok() {
		kb.user = Fact{Value: u.str(), Pos: u.pos()}
	}
	if e := k.get("env"); e.ok() {
		kb.build.Cgo = Fact{}
		applyEnv(kb.build, envList(e))
	}
	if l := k.get("ldflags"); l.ok() {
		kb.build.Ldflags = Fact{Value: untemplate(strings.Join(l.strs(), " ")), Pos: l.pos()}
	}
	koDefaultCgo(kb.build)
	return kb
}

// koDefaultCgo applies ko's default: ko builds with CGO_ENABLED=0 unless
// the build's environment says otherwise (ko v0.19.1,
// pkg/build/gobuild.go, buildEnv).
func koDefaultCgo(b *Build) {
	if !b.Cgo.Set() {
		b.Cgo = Fact{Value: "0", Default: "ko's default"}
	}
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// noteTemplates records the link flags and tags that hold a template:
// their value is known only when the release tool runs.
func noteTemplates(build *Build) {
	if f := LinkFlags(build.Ldflags.Value); strings.Contains(f, "…") {
		build.Unexpanded = append(build.Unexpanded, "-ldflags "+f)
	}
	for _, t := range build.Tags {
		if strings.Contains(t, "…") {
			build.Unexpanded = append(build.Unexpanded, "-tags "+t)
		}
	}
}
