package deploy

import (
	"errors"
	"fmt"
	"go/build"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"
)

// Limits keep discovery bounded on any tree.
const (
	maxFiles    = 400 // deployment files read
	maxDirs     = 20000
	maxWalkDeep = 8
)

// A module is one Go module under the root.
type module struct {
	path string // module path
	dir  string // relative to the root: "." or "sub/mod"
}

// discovery is the state of one Discover call.
type discovery struct {
	root        string
	res         *Result
	modules     []module
	mains       map[string]*Main // by relative dir ("." or "./cmd/app")
	makefiles   map[string]*Makefile
	artefacts   []*artefact
	invocations map[string][]dockerInvocation // Dockerfile path → builds of it
	dockerfiles map[string]*Dockerfile
	ko          *koConfig
	kos         []koBuild
	koRuns      []koInvocation
	runs        map[*runOp]*runInfo
	inTests     []string // directories of tests and examples
	localDepth  int      // nesting of images built from the repository's Dockerfiles
	makeCache   map[string]*Makefile
}

// Discover reads the deployment files under root (a module or go.work
// root) and returns the deployments of its main packages. It fails only
// when root cannot be read; unreadable files are Problems of the result.
func Discover(root string) (*Result, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", root)
	}
	d := &discovery{
		root:        abs,
		res:         &Result{Root: abs},
		mains:       map[string]*Main{},
		makefiles:   map[string]*Makefile{},
		invocations: map[string][]dockerInvocation{},
		dockerfiles: map[string]*Dockerfile{},
		makeCache:   map[string]*Makefile{},
	}
	d.findModules()
	files := d.walk()
	d.readFiles(files)
	d.deploy()
	d.res.sortAll()
	return d.res, nil
}

// findModules reads go.work (its use directives) or go.mod at the root.
func (d *discovery) findModules() {
	if data, err := os.ReadFile(filepath.Join(d.root, "go.work")); err == nil {
		if wf, err := modfile.ParseWork("go.work", data, nil); err == nil {
			for _, u := range wf.Use {
				dir := path.Clean(filepath.ToSlash(u.Path))
				if mp := readModulePath(filepath.Join(d.root, filepath.FromSlash(dir), "go.mod")); mp != "" {
					d.modules = append(d.modules, module{mp, dir})
				}
			}
		} else {
			d.res.Problems = append(d.res.Problems, Problem{Pos{File: "go.work"}, err.Error()})
		}
	}
	if len(d.modules) == 0 {
		if mp := readModulePath(filepath.Join(d.root, "go.mod")); mp != "" {
			d.modules = append(d.modules, module{mp, "."})
		}
	}
}

func readModulePath(gomod string) string {
	data, err := os.ReadFile(gomod)
	if err != nil {
		return ""
	}
	return modfile.ModulePath(data)
}

// notDockerfileExt are extensions of files named like Dockerfiles that
// are something else.
var notDockerfileExt = map[string]bool{
	".go": true, ".md": true, ".txt": true, ".json": true, ".yaml": true, ".yml": true,
	".sh": true, ".py": true, ".bak": true, ".orig": true, ".swp": true, ".dockerignore": true,
	".rej": true, ".patch": true, ".diff": true, ".toml": true, ".j2": true, ".lock": true,
	".rego": true, ".cue": true, ".js": true, ".ts": true,
}

// deploymentFile reports whether a file name is one discovery reads, and
// which kind.
func deploymentFile(name string, atRoot bool) string {
	lower := strings.ToLower(name)
	switch {
	case lower == "dockerfile" || lower == "containerfile":
		return "docker"
	case strings.HasPrefix(lower, "dockerfile.") || strings.HasPrefix(lower, "containerfile.") ||
		strings.HasSuffix(lower, ".dockerfile") || strings.HasSuffix(lower, ".containerfile"):
		if notDockerfileExt[path.Ext(lower)] {
			return "" // dockerfile.go, Dockerfile.md, Dockerfile.dockerignore
		}
		return "docker"
	case name == "Makefile" || name == "makefile" || name == "GNUmakefile" || strings.HasSuffix(name, ".mk"):
		return "make"
	case !atRoot:
		return ""
	case name == ".goreleaser.yml" || name == ".goreleaser.yaml" || name == "goreleaser.yml" || name == "goreleaser.yaml":
		return "goreleaser"
	case name == ".ko.yaml" || name == ".ko.yml":
		return "ko"
	case name == ".promu.yml" || strings.HasPrefix(name, ".promu-") && strings.HasSuffix(name, ".yml"):
		return "promu"
	}
	return ""
}

// walk finds the deployment files under the root, skipping what is not
// part of the build (vendor, testdata, node_modules, hidden directories).
func (d *discovery) walk() []string {
	var files []string
	dirs := 0
	_ = filepath.WalkDir(d.root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(d.root, p)
		rel = filepath.ToSlash(rel)
		if e.IsDir() {
			dirs++
			name := e.Name()
			if rel != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "vendor" ||
				name == "testdata" || name == "node_modules") || strings.Count(rel, "/") >= maxWalkDeep || dirs > maxDirs {
				return filepath.SkipDir
			}
			if rel != "." && testDirs[strings.ToLower(name)] {
				d.inTests = append(d.inTests, rel)
			}
			if rel != "." && d.otherModule(rel) {
				return filepath.SkipDir // a nested module, not part of this build
			}
			d.findMain(rel)
			return nil
		}
		if !e.Type().IsRegular() || len(files) >= maxFiles {
			return nil
		}
		if deploymentFile(e.Name(), !strings.Contains(rel, "/")) != "" && !d.underTests(rel) {
			files = append(files, rel)
		}
		return nil
	})
	return files
}

// testDirs are directories whose images and builds serve tests or
// examples, not the binaries that ship: their deployment files are not
// read (their main packages still are).
var testDirs = map[string]bool{
	"test": true, "tests": true, "testing": true, "testcontainers": true, "e2e": true,
	"integration": true, "integration-tests": true, "example": true, "examples": true,
	"hack": true, "fixtures": true,
}

func (d *discovery) underTests(rel string) bool {
	for _, t := range d.inTests {
		if pathUnder(rel, t) {
			return true
		}
	}
	return false
}

// findMain records the directory's package when it is a main package of
// one of the modules (as go build would see it for linux/amd64).
func (d *discovery) findMain(rel string) {
	mod := d.moduleOf(rel)
	if mod == nil {
		return
	}
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH = "linux", "amd64"
	ctx.CgoEnabled = true
	pkg, err := ctx.ImportDir(filepath.Join(d.root, filepath.FromSlash(rel)), build.ImportComment)
	var multi *build.MultiplePackageError
	if err != nil && !errors.As(err, &multi) || pkg == nil || pkg.Name != "main" {
		return
	}
	sub := strings.TrimPrefix(strings.TrimPrefix(rel, mod.dir), "/")
	if mod.dir == "." {
		sub = rel
	}
	ip := mod.path
	if sub != "." && sub != "" {
		ip += "/" + sub
	}
	m := &Main{ImportPath: ip, Dir: relDir(rel), Name: binaryName(ip)}
	d.mains[m.Dir] = m
	d.res.Mains = append(d.res.Mains, *m)
}

// otherModule reports whether dir holds a go.mod of a module that is not
// one of the root's (a nested module outside the workspace).
func (d *discovery) otherModule(rel string) bool {
	if _, err := os.Stat(filepath.Join(d.root, filepath.FromSlash(rel), "go.mod")); err != nil {
		return false
	}
	for _, m := range d.modules {
		if m.dir == rel {
			return false
		}
	}
	return true
}

// moduleOf returns the module a directory belongs to (the innermost).
func (d *discovery) moduleOf(rel string) *module {
	var best *module
	for i := range d.modules {
		m := &d.modules[i]
		if pathUnder(rel, m.dir) || m.dir == "." {
			if best == nil || len(m.dir) > len(best.dir) {
				best = m
			}
		}
	}
	return best
}

// binaryName is the name go build gives a main package's binary: the last
// element of its import path, without a major version suffix.
func binaryName(importPath string) string {
	elems := strings.Split(importPath, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		last = elems[len(elems)-2]
	}
	return last
}

// relDir is the canonical form of a directory relative to the root:
// "." or "./cmd/app".
func relDir(p string) string {
	c := path.Clean(strings.TrimPrefix(filepath.ToSlash(p), "./"))
	if c == "." || c == "" {
		return "."
	}
	return "./" + strings.TrimPrefix(c, "/")
}

// readFiles reads every deployment file; Makefiles first, since other
// declarations refer to their targets.
func (d *discovery) readFiles(files []string) {
	var moduleName string
	if len(d.modules) > 0 {
		moduleName = binaryName(d.modules[0].path)
	}
	for _, kind := range []string{"make", "docker", "goreleaser", "ko", "promu"} {
		for _, f := range files {
			if deploymentFile(path.Base(f), !strings.Contains(f, "/")) != kind {
				continue
			}
			data, err := os.ReadFile(filepath.Join(d.root, filepath.FromSlash(f)))
			if err != nil {
				d.res.Problems = append(d.res.Problems, Problem{Pos{File: f}, err.Error()})
				continue
			}
			d.res.Files = append(d.res.Files, f)
			d.readFile(kind, f, data, moduleName)
		}
	}
}

func (d *discovery) readFile(kind, f string, data []byte, moduleName string) {
	switch kind {
	case "make":
		mf := ParseMakefile(f, data)
		d.makefiles[f] = mf
		d.res.Problems = append(d.res.Problems, mf.Problems...)
	case "docker":
		df := ParseDockerfile(f, data)
		if !hasFrom(df) && path.Base(f) != "Dockerfile" && path.Base(f) != "Containerfile" {
			// Dockerfile.rego, Dockerfile.tmpl: named like one, not one.
			d.res.Notes = append(d.res.Notes, Note{Pos: []Pos{{File: f}}, Msg: "has no FROM instruction; not read as a Dockerfile"})
			return
		}
		d.dockerfiles[f] = df
		d.res.Problems = append(d.res.Problems, df.Problems...)
	case "goreleaser":
		cfg, probs := readGoreleaser(f, data, moduleName)
		d.res.Problems = append(d.res.Problems, probs...)
		if cfg != nil {
			d.artefacts = append(d.artefacts, cfg.builds...)
			for _, inv := range cfg.dockers {
				d.invocations[inv.file] = append(d.invocations[inv.file], inv)
			}
			d.kos = append(d.kos, cfg.kos...)
		}
	case "ko":
		cfg, probs := readKo(f, data, moduleName)
		d.res.Problems = append(d.res.Problems, probs...)
		if cfg != nil {
			d.ko = cfg
		}
	case "promu":
		cfg, probs := readPromu(f, data, moduleName)
		d.res.Problems = append(d.res.Problems, probs...)
		if cfg != nil {
			if !cfg.linux {
				d.res.Notes = append(d.res.Notes, Note{Pos: []Pos{{File: f}}, Msg: "builds no Linux binary (crossbuild.platforms); not a deployment"})
				return
			}
			d.artefacts = append(d.artefacts, cfg.builds...)
		}
	}
}

// FindRoot returns the root discovery starts from for a directory: the
// nearest directory above it with a go.work, else with a go.mod.
func FindRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(abs); err != nil {
		return "", err
	}
	modRoot := ""
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.work")); err == nil {
			return d, nil
		}
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && modRoot == "" {
			modRoot = d
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if modRoot == "" {
		return "", fmt.Errorf("%s is not in a Go module (no go.mod or go.work above it)", dir)
	}
	return modRoot, nil
}

func hasFrom(df *Dockerfile) bool {
	for _, in := range df.Instructions {
		if in.Cmd == "from" {
			return true
		}
	}
	return false
}

// IsDeploymentFile reports whether a file (a path, or a name) is one
// discovery reads: a front end that watches files reads the deployments
// again when one changes.
func IsDeploymentFile(p string) bool {
	name := filepath.Base(p)
	return deploymentFile(name, true) != "" || name == "go.work"
}
