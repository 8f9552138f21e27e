package settings

import (
	"errors"
	"fmt"
	"go/build"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/scratchvet/scratchvet/internal/config"
	"github.com/scratchvet/scratchvet/internal/deploy"
	"github.com/scratchvet/scratchvet/target"
)

// discoveries caches deployment discovery per module or workspace root
// for one resolver.
type discoveries struct {
	mu    sync.Mutex
	roots map[string]string         // directory → root ("" when none)
	found map[string]*deploy.Result // root → result
	errs  map[string]error
}

// discover returns what discovery finds for the root that holds dir.
func (r *Resolver) discover(dir string) (*deploy.Result, error) {
	d := &r.disc
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.roots == nil {
		d.roots, d.found, d.errs = map[string]string{}, map[string]*deploy.Result{}, map[string]error{}
	}
	root, ok := d.roots[dir]
	if !ok {
		root, _ = deploy.FindRoot(dir)
		d.roots[dir] = root
	}
	if root == "" {
		return nil, nil
	}
	if res, ok := d.found[root]; ok {
		return res, d.errs[root]
	}
	res, err := deploy.Discover(root)
	d.found[root], d.errs[root] = res, err
	return res, err
}

// Discovered returns what discovery finds for the root that holds dir,
// for front ends that show it (nil when dir is in no module).
func (r *Resolver) Discovered(dir string) (*deploy.Result, error) {
	if r.opts.NoDiscovery {
		return nil, nil
	}
	return r.discover(dir)
}

// explicit says which facts the options, the environment and the config
// file set: those win over discovered ones.
type explicit struct {
	target, cgo, tags, ldflags, buildmode, libc bool
}

func (r *Resolver) explicitFacts(file *config.File) explicit {
	o := &r.opts
	goflags := splitGOFLAGS(o.getenv("GOFLAGS"))
	e := explicit{
		target:    o.Target != "" || o.getenv(EnvTarget) != "" || file != nil && file.Target != "",
		cgo:       o.getenv("CGO_ENABLED") != "" || file != nil && file.Build.Cgo != nil,
		tags:      file != nil && file.Build.Tags != nil,
		ldflags:   o.Ldflags != "" || goflags["ldflags"] != "" || file != nil && file.Build.Ldflags != "",
		buildmode: o.Buildmode != "" || goflags["buildmode"] != "" || file != nil && file.Build.BuildMode != "",
		libc:      strings.Contains(filepath.Base(o.getenv("CC")), "musl") || file != nil && file.Build.Libc != "",
	}
	return e
}

// packageDeployments returns the deployments of the main package pkgPath:
// the config file's [[deployment]] tables that name it, else the
// deployments discovered for it, each completed by the facts the options,
// environment and config file set explicitly. ok is false when neither
// says anything about the package (it keeps the base deployment).
//
// With no target set explicitly, a discovered deployment whose image is
// not in the image table, or a build that puts the binary in no image in
// a repository that declares images, is not judged: nothing says what it
// runs on, and an unknown image is never guessed. When none is left,
// undeployed is true (Settings.Undeployed); notes say why.
func (r *Resolver) packageDeployments(base Deployment, file *config.File, dir, pkgPath string) (deps []Deployment, notes []string, ok, undeployed bool) {
	if deps := r.configuredDeployments(base, file, dir, pkgPath); len(deps) > 0 {
		return deps, nil, true, false
	}
	if r.opts.NoDiscovery {
		return nil, nil, false, false
	}
	res, err := r.discover(dir)
	if err != nil || res == nil {
		return nil, nil, false, false
	}
	found := res.For(pkgPath)
	if len(found) == 0 {
		return nil, nil, false, false
	}
	ex := r.explicitFacts(file)
	images := declaresImages(file, res)
	var skipped []string
	for _, d := range found {
		dep := base
		dep.Build.Tags = slices.Clone(base.Build.Tags)
		if d.Image != nil && !ex.target {
			t, err := d.Image.Target()
			if err != nil {
				skipped = appendNew(skipped, fmt.Sprintf("image at %s is unknown (%s)", d.Image.Ref.Pos, d.Image.Ref.Value))
				continue
			}
			// Named by its preset and where the image is declared:
			// "distroless-static (Dockerfile:12)".
			dep.Target = t
			dep.Name = fmt.Sprintf("%s (%s)", d.Image.Preset, d.Image.Ref.Origin())
			dep.Origin = d.Image.Ref.Origin()
			dep.OriginPos = token.Position{}
			if p := d.Image.Ref.Pos; p.IsValid() && p.Line > 0 {
				dep.OriginPos = token.Position{Filename: filepath.Join(res.Root, filepath.FromSlash(p.File)), Line: p.Line, Column: 1}
			}
		}
		if d.Image == nil && images && !ex.target {
			skipped = appendNew(skipped, fmt.Sprintf("built (%s), no image declared", d.Pos))
			continue
		}
		if d.Image != nil {
			dep.Env = map[string]string{}
			for k, f := range d.Image.Env {
				dep.Env[k] = f.Value
			}
			dep.User = d.Image.User.Value
		}
		if d.Build != nil {
			mergeBuild(&dep.Build, d.Build, ex)
		}
		if v := r.opts.getenv("CGO_ENABLED"); dep.Build.CgoEnabled == nil && (v == "0" || v == "1") {
			on := v == "1" // set in the environment: a declaration too
			dep.Build.CgoEnabled = &on
		}
		if dep.Build.CgoEnabled == nil {
			dep.Build.CgoUndeclared = true
			notes = appendNew(notes, fmt.Sprintf("%s: CGO_ENABLED is not declared; judged with the go command's default", pkgPath))
		}
		deps = appendDistinct(deps, dep)
	}
	where := mainDir(res, pkgPath)
	for _, why := range skipped {
		if len(deps) == 0 {
			notes = append(notes, where+": "+why+"; not judged against an image (set -target or a [[deployment]])")
		} else {
			notes = append(notes, where+": "+why+"; judged on its other deployments only")
		}
	}
	if len(deps) == 0 {
		return nil, notes, false, true
	}
	return deps, notes, true, false
}

// declaresImages reports whether the repository says which image some
// binary runs in: a discovered deployment with an image (known or not),
// or a [[deployment]] table. Where none does, every package is judged
// against the run's target (scratch by default) with the builds
// discovery found.
func declaresImages(file *config.File, res *deploy.Result) bool {
	if file != nil && len(file.Deployments) > 0 {
		return true
	}
	if res != nil {
		for _, d := range res.Deployments {
			if d.Image != nil {
				return true
			}
		}
	}
	return false
}

// mainDir names a main package for notes: its directory relative to the
// root ("./cmd/app"), else its import path.
func mainDir(res *deploy.Result, pkgPath string) string {
	if res != nil {
		for _, m := range res.Mains {
			if m.ImportPath == pkgPath {
				return m.Dir
			}
		}
	}
	return pkgPath
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// undeployed reports whether pkgPath is a main package that nothing
// deploys while the repository deploys others (Settings.Undeployed), and
// the note that says so. A target set explicitly, or a repository that
// declares no deployment at all, judges every package against the
// run's target as before.
func (r *Resolver) undeployed(file *config.File, dir, pkgPath string) (note string, ok bool) {
	if pkgPath == "" || r.opts.Target != "" || r.opts.getenv(EnvTarget) != "" || file != nil && file.Target != "" {
		return "", false
	}
	declared := file != nil && len(file.Deployments) > 0
	where := ""
	if !r.opts.NoDiscovery {
		res, err := r.discover(dir)
		if err != nil || res == nil {
			return "", false
		}
		declared = declared || declaresImages(nil, res)
		for _, m := range res.Mains {
			if m.ImportPath == pkgPath {
				where = m.Dir
			}
		}
	} else if declared && isMainDir(dir) {
		where = pkgPath
	}
	if !declared || where == "" {
		return "", false
	}
	return where + ": no deployment declared; not judged against an image (set -target or a [[deployment]])", true
}

// isMainDir reports whether dir holds a main package, as go build sees
// it for linux/amd64 (as discovery finds main packages).
func isMainDir(dir string) bool {
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = "linux", "amd64", true
	pkg, err := ctx.ImportDir(dir, 0)
	var multi *build.MultiplePackageError
	return (err == nil || errors.As(err, &multi)) && pkg != nil && pkg.Name == "main"
}

// mergeBuild completes b with the discovered build's facts that nothing
// explicit sets.
func mergeBuild(b *Build, d *deploy.Build, ex explicit) {
	if !ex.cgo && d.Cgo.Set() {
		on := d.Cgo.Value == "1"
		b.CgoEnabled = &on
	}
	if !ex.tags && len(d.Tags) > 0 {
		b.Tags = slices.Clone(d.Tags)
	}
	if !ex.libc && d.Libc.Value == "musl" {
		b.Libc = target.Musl
	}
	var from []string
	if !ex.ldflags && d.Ldflags.Set() {
		b.Ldflags = d.Ldflags.Value
		switch link := deploy.ParseLink(b.Ldflags); {
		case link.Static(false):
			b.Static, b.StaticIfForced = true, false
			from = append(from, "-ldflags from "+d.Ldflags.Origin())
		case link.ExtStatic && !link.Internal:
			b.Static, b.StaticIfForced = false, true
			from = append(from, "-ldflags from "+d.Ldflags.Origin())
		default:
			b.Static, b.StaticIfForced = false, false
		}
	}
	if !ex.buildmode && d.Buildmode.Set() {
		b.Buildmode = d.Buildmode.Value
		b.PIE = d.Buildmode.Value == "pie"
		if b.PIE {
			from = append(from, "-buildmode=pie from "+d.Buildmode.Origin())
		}
	}
	if len(from) > 0 {
		b.From = strings.Join(from, ", ")
	}
}

// configuredDeployments are the [[deployment]] tables naming pkgPath.
func (r *Resolver) configuredDeployments(base Deployment, file *config.File, dir, pkgPath string) []Deployment {
	if file == nil || len(file.Deployments) == 0 {
		return nil
	}
	var deps []Deployment
	for _, cd := range file.Deployments {
		if !namesPackage(cd.Main, filepath.Dir(file.Path), dir, pkgPath) {
			continue
		}
		dep := base
		t, err := target.Parse(cd.Target)
		if err != nil {
			continue // reported when the file was read
		}
		if r.opts.Target == "" && r.opts.getenv(EnvTarget) == "" {
			dep.Target, dep.Name = t, t.Name
			dep.Origin = fmt.Sprintf("%s:%d", file.Path, cd.Line)
			dep.OriginPos = token.Position{Filename: file.Path, Line: cd.Line, Column: 1}
		}
		if cd.Name != "" {
			dep.Name = cd.Name
		}
		dep.User, dep.Env = cd.User, cd.Env
		b := cd.Build
		ex := r.explicitFacts(nil)
		db := &deploy.Build{}
		if b.Cgo != nil {
			db.Cgo = deploy.Fact{Value: map[bool]string{true: "1", false: "0"}[*b.Cgo], Pos: deploy.Pos{File: file.Path, Line: cd.Line}}
		}
		db.Tags = b.Tags
		if b.Ldflags != "" {
			db.Ldflags = deploy.Fact{Value: b.Ldflags, Pos: deploy.Pos{File: file.Path, Line: cd.Line}}
		}
		if b.BuildMode != "" {
			db.Buildmode = deploy.Fact{Value: b.BuildMode, Pos: deploy.Pos{File: file.Path, Line: cd.Line}}
		}
		if b.Libc != "" {
			db.Libc = deploy.Fact{Value: b.Libc}
		}
		mergeBuild(&dep.Build, db, ex)
		if v := r.opts.getenv("CGO_ENABLED"); dep.Build.CgoEnabled == nil && v != "0" && v != "1" {
			dep.Build.CgoUndeclared = true
		}
		deps = appendDistinct(deps, dep)
	}
	return deps
}

// namesPackage reports whether a [[deployment]]'s main list names the
// package in dir: its import path, or its directory relative to the
// config file's.
func namesPackage(mains []string, configDir, dir, pkgPath string) bool {
	if len(mains) == 0 {
		return true
	}
	for _, m := range mains {
		if m == pkgPath {
			return true
		}
		if strings.HasPrefix(m, ".") {
			a, err1 := filepath.Abs(filepath.Join(configDir, filepath.FromSlash(m)))
			b, err2 := filepath.Abs(dir)
			if err1 == nil && err2 == nil && a == b {
				return true
			}
		}
	}
	return false
}

// appendDistinct adds dep unless an equal deployment (same name, target,
// build, environment and user) is there: one image built twice.
func appendDistinct(deps []Deployment, dep Deployment) []Deployment {
	for _, d := range deps {
		if d.Name == dep.Name && fmt.Sprint(d.Target, d.Build, d.Env, d.User) == fmt.Sprint(dep.Target, dep.Build, dep.Env, dep.User) {
			return deps
		}
	}
	return append(deps, dep)
}

// PrimaryBuild returns the load configuration (CGO_ENABLED, tags) that
// most deployments of the main packages discovered under dir's root
// share, for a front end that loads packages once (the language server);
// ok is false when no main package has deployments of its own.
func (r *Resolver) PrimaryBuild(dir string) (cgo *bool, tags []string, ok bool) {
	res, err := r.Discovered(dir)
	if err != nil || res == nil {
		return nil, nil, false
	}
	type key struct{ cgo, tags string }
	counts := map[key]int{}
	var order []key
	builds := map[key]Build{}
	for _, m := range res.Mains {
		pkgDir := filepath.Join(res.Root, filepath.FromSlash(m.Dir))
		base, err1 := r.ForDir(pkgDir)
		s, err2 := r.ForPackage(pkgDir, m.ImportPath)
		if err1 != nil || err2 != nil || s == base || s.Undeployed {
			continue // no deployments of its own
		}
		for _, d := range s.Deployments {
			k := key{fmt.Sprint(d.Build.CgoEnabled != nil && *d.Build.CgoEnabled, d.Build.CgoEnabled == nil), strings.Join(d.Build.Tags, ",")}
			if counts[k] == 0 {
				order = append(order, k)
			}
			counts[k]++
			builds[k] = d.Build
		}
	}
	best := -1
	for _, k := range order {
		if counts[k] > best {
			b := builds[k]
			cgo, tags, ok, best = b.CgoEnabled, b.Tags, true, counts[k]
		}
	}
	return cgo, tags, ok
}

// SameLoad reports whether a deployment's build loads as cgo and tags do.
func SameLoad(b Build, cgo *bool, tags []string) bool {
	if (b.CgoEnabled == nil) != (cgo == nil) || b.CgoEnabled != nil && *b.CgoEnabled != *cgo {
		return false
	}
	return slices.Equal(b.Tags, tags)
}

// GoCommandCgo reports the CGO_ENABLED a go command run in this
// environment builds with: the environment's value, else on where a C
// compiler is found ($CC, gcc or clang on PATH), as cmd/go decides.
// External drivers (go vet, golangci-lint) load packages that way.
func GoCommandCgo(getenv func(string) string) bool {
	if getenv == nil {
		getenv = os.Getenv
	}
	switch getenv("CGO_ENABLED") {
	case "1":
		return true
	case "0":
		return false
	}
	if getenv("CC") != "" {
		return true
	}
	for _, cc := range []string{"gcc", "clang"} {
		if _, err := exec.LookPath(cc); err == nil {
			return true
		}
	}
	return false
}

// LoadedWith returns the settings restricted to the deployments whose
// CGO_ENABLED is cgo, the build an external driver compiled (go vet,
// golangci-lint analyse one build, and the checks judge what was
// compiled). When no deployment is built that way, s is returned whole:
// every deployment is judged against the compiled build, and
// docs/deployments.md says to run the driver with the deployments'
// CGO_ENABLED.
func (s *Settings) LoadedWith(cgo bool) *Settings {
	if len(s.Deployments) < 2 {
		return s
	}
	var keep []Deployment
	for _, d := range s.Deployments {
		if d.Build.CgoEnabled == nil || *d.Build.CgoEnabled == cgo {
			keep = append(keep, d)
		}
	}
	if len(keep) == 0 || len(keep) == len(s.Deployments) {
		return s
	}
	cp := *s
	cp.Deployments = keep
	return &cp
}
