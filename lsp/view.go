package lsp

import (
	"bytes"
	"fmt"
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/load"
	"github.com/scratchvet/scratchvet/internal/settings"
	"github.com/scratchvet/scratchvet/lsp/protocol"
)

// A view is one build: a module, or the modules of a go.work. It keeps the
// snapshot of its first load (the go list results, export data paths and
// summaries) and re-checks only the edited packages against it; the
// typed syntax of the commands (package main) stays in memory because
// the whole-program checks report there and must run again when a
// dependency changes.
type view struct {
	root     string   // directory of the go.work or go.mod
	modDirs  []string // directories of the view's modules
	patterns []string
	snap     *load.Snapshot
	stale    bool // list again before the next check
	failed   bool // the last load failed: wait for a change of the module files
	mains    map[string]*load.Checked
	// results holds the diagnostics found by checking each package (the
	// origin), by file: a command's findings include those projected to
	// the files of its dependencies.
	results  map[string]map[string][]*diagItem
	analysed map[string]hash   // file → hash of the text last checked
	headers  map[string]string // file → fileHeader of that text
	// texts holds, by hash, the text each file had when last checked:
	// the results of a package that does not parse now refer to it, and
	// are moved from it to the current text.
	texts    map[hash][]byte
	modified map[string]bool   // packages edited since the listing
	kept     map[string]bool   // packages that did not parse at their last check: their results are older
	unlisted map[string]string // Go files the listing left out → their fileHeader
	// early maps a file to the hash of the text an early check
	// (publishEarly) read, while its results are converted: positions in
	// it refer to that text, not to the text analysed last.
	early map[string]hash
	// sites marks the files in which an early check last found sites: it
	// is not tried again while their text may hold sites.
	sites map[string]bool
	// adhoc is the file of a view of a Go file outside any module,
	// checked alone as `scratchvet FILE` checks it.
	adhoc string
	// cgo and tags are how the view loads (CGO_ENABLED, build tags).
	cgo  *bool
	tags []string
}

func newView(root string, modDirs, patterns []string) *view {
	return &view{
		root: root, modDirs: modDirs, patterns: patterns,
		results: map[string]map[string][]*diagItem{}, analysed: map[string]hash{}, headers: map[string]string{},
		texts: map[hash][]byte{}, modified: map[string]bool{}, kept: map[string]bool{}, unlisted: map[string]string{},
		sites: map[string]bool{},
	}
}

// viewOf returns the view that covers dir, or nil.
func (e *engine) viewOf(dir string) *view {
	for _, v := range e.views {
		if v.covers(dir) {
			return v
		}
	}
	return nil
}

// covers reports whether dir lies in one of the view's modules (for an
// ad hoc view: is its file's directory).
func (v *view) covers(dir string) bool {
	for _, m := range v.modDirs {
		if dir == m || strings.HasPrefix(dir, m+string(filepath.Separator)) {
			return true
		}
	}
	return dir == v.root
}

// owns reports whether the view checks path: a file of a listed package,
// or a file in one of its modules (not in a nested module).
func (v *view) owns(path string) bool {
	if v.adhoc != "" {
		return path == v.adhoc
	}
	if v.snap != nil && len(v.snap.PackagesOf(path)) > 0 {
		return true
	}
	mod := moduleRoot(filepath.Dir(path))
	for _, m := range v.modDirs {
		if mod == m {
			return true
		}
	}
	return false
}

// moduleRoot returns the nearest directory at or above dir with a go.mod
// ("" if none).
func moduleRoot(dir string) string {
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func (e *engine) viewFor(path string) *view {
	for _, v := range e.views {
		if v.owns(path) {
			return v
		}
	}
	return nil
}

// ignoredDir tells directories whose files never get a view: the module
// cache and GOROOT (a jump to a definition opens them; they are not the
// developer's code).
func ignoredDir(dir string) bool {
	for _, root := range []string{runtime.GOROOT(), filepath.Join(build.Default.GOPATH, "pkg", "mod")} {
		if root != "" && (dir == root || strings.HasPrefix(dir, root+string(filepath.Separator))) {
			return true
		}
	}
	return false
}

// discoverViews finds the views of the workspace folders and of the open
// documents outside them. Existing views with the same root are kept (and
// reloaded), so their results stay published until the reload is done.
func (e *engine) discoverViews(ov overlay) []*view {
	folders, opts := e.sess.folders, e.sess.opts
	var views []*view
	have := map[string]bool{}
	add := func(vs []*view) {
		for _, v := range vs {
			if !have[v.key()] {
				have[v.key()] = true
				views = append(views, v)
			}
		}
	}
	for _, f := range folders {
		add(findViews(f, opts.goEnv(nil), true))
	}
	var open []string
	for path := range ov.files {
		open = append(open, path)
	}
	sort.Strings(open)
	for _, path := range open {
		covered := false
		for _, v := range views {
			if v.owns(path) {
				covered = true
			}
		}
		if !covered && !ignoredDir(filepath.Dir(path)) {
			found := findViews(filepath.Dir(path), opts.goEnv(nil), false)
			if len(found) == 0 && isPackageFile(path) {
				found = []*view{adhocView(path)}
			}
			add(found)
		}
	}
	for i, v := range views {
		for _, old := range e.views {
			if old.key() == v.key() {
				old.modDirs, old.patterns, old.stale = v.modDirs, v.patterns, true
				views[i] = old
			}
		}
	}
	return views
}

// setViews replaces the views; the results of dropped views are cleared
// at the next publish.
func (e *engine) setViews(views []*view) { e.views = views }

// addViewFor adds the views of the module holding dir, if any; when there
// is none and file (if set) is an open Go file, a view of that file alone.
func (e *engine) addViewFor(dir, file string, ov overlay) {
	if ignoredDir(dir) {
		return
	}
	env := e.sess.opts.goEnv(nil)
	views := findViews(dir, env, false)
	if _, open := ov.files[file]; len(views) == 0 && open && isPackageFile(file) {
		views = []*view{adhocView(file)}
	}
	for _, v := range views {
		dup := false
		for _, old := range e.views {
			if old.key() == v.key() {
				dup = true
			}
		}
		if !dup {
			e.views = append(e.views, v)
		}
	}
}

// adhocView returns the view of a Go file outside any module: the file
// checked alone, as `scratchvet FILE` in its directory checks it (the go
// command's command-line-arguments package).
func adhocView(file string) *view {
	v := newView(filepath.Dir(file), nil, []string{file})
	v.adhoc = file
	return v
}

// key identifies a view among those of a session.
func (v *view) key() string { return v.root + "\x00" + v.adhoc }

// findViews returns the view of the go.work or module holding dir; for a
// folder outside any module (and when search is set), the views of the
// modules below it.
func findViews(dir string, env []string, search bool) []*view {
	out, err := goCmd(dir, env, "env", "GOWORK", "GOMOD")
	if err != nil {
		return nil
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	gowork, gomod := "", ""
	if len(lines) == 2 {
		gowork, gomod = strings.TrimSpace(lines[0]), strings.TrimSpace(lines[1])
	}
	switch {
	case gowork != "" && gowork != "off":
		root := filepath.Dir(gowork)
		dirs, err := goCmd(root, env, "list", "-m", "-f", "{{.Dir}}")
		if err != nil {
			return nil
		}
		v := newView(root, nil, nil)
		for _, d := range strings.Fields(dirs) {
			v.modDirs = append(v.modDirs, d)
			if rel, err := filepath.Rel(root, d); err == nil && !strings.HasPrefix(rel, "..") {
				v.patterns = append(v.patterns, "./"+filepath.ToSlash(rel)+"/...")
			} else {
				v.patterns = append(v.patterns, d+"/...")
			}
		}
		return []*view{v}
	case gomod != "" && gomod != os.DevNull:
		root := filepath.Dir(gomod)
		return []*view{newView(root, []string{root}, []string{"./..."})}
	}
	if !search || filepath.Dir(dir) == dir {
		return nil // never walk a whole file system
	}
	var views []*view
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			name := d.Name()
			if path != dir && (strings.HasPrefix(name, ".") || name == "vendor" || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			if depth := strings.Count(strings.TrimPrefix(path, dir), string(filepath.Separator)); depth > 4 {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Name() == "go.mod" {
			root := filepath.Dir(path)
			views = append(views, newView(root, []string{root}, []string{"./..."}))
		}
		return nil
	})
	return views
}

func goCmd(dir string, env []string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}

// load lists the view's packages again and checks every root package, in
// dependency order: the first load of a workspace, and the fallback when
// the listing is out of date (module files, new imports, new files).
func (v *view) load(e *engine, ov overlay) {
	opts := e.sess.opts
	var cgo *bool
	tags := opts.BuildTags
	if s, err := e.settingsFor(v.root, ""); err != nil {
		e.showOnce("scratchvet: " + err.Error())
	} else {
		build := s.Deployments[0].Build // how the view loads
		cgo = build.CgoEnabled
		// Where the repository declares how its binaries are built
		// (discovery), the build most of their deployments share.
		if dc, dt, ok := e.resolver.PrimaryBuild(v.root); ok {
			build.CgoEnabled, build.Tags, cgo = dc, dt, dc
		}
		v.cgo, v.tags = cgo, append([]string(nil), build.Tags...)
		tags = append(append([]string(nil), build.Tags...), opts.BuildTags...)
	}
	e.listings++
	done := e.beginProgress("scratchvet: loading " + filepath.Base(v.root))
	snap, err := load.NewSnapshot(load.Config{
		Dir: v.root, Env: opts.goEnv(cgo), Tags: tags, Patterns: v.patterns, Overlay: ov.files,
	})
	v.stale = false
	if err != nil {
		done("failed")
		v.failed = true
		e.showOnce(fmt.Sprintf("scratchvet: loading %s: %v", v.root, err))
		return
	}
	v.failed = false
	for f := range v.unlisted {
		if len(snap.PackagesOf(f)) > 0 {
			delete(v.unlisted, f) // listed now
		}
	}
	oldSnap, oldResults, oldAnalysed, oldTexts := v.snap, v.results, v.analysed, v.texts
	v.snap = snap
	v.results, v.mains, v.modified, v.kept = map[string]map[string][]*diagItem{}, map[string]*load.Checked{}, map[string]bool{}, map[string]bool{}
	v.analysed, v.headers, v.texts = map[string]hash{}, map[string]string{}, map[hash][]byte{}
	roots := snap.Roots()

	// Check ahead in parallel, run the checks in dependency order (each
	// command's check reads the summaries of the packages before it), and
	// keep a bounded number of typed packages in memory.
	n := runtime.GOMAXPROCS(0)
	chans := make([]chan *load.Checked, len(roots))
	for i := range chans {
		chans[i] = make(chan *load.Checked, 1)
	}
	sem := make(chan struct{}, 2*n)
	go func() {
		for i, r := range roots {
			sem <- struct{}{}
			go func() { chans[i] <- snap.Check(r, ov.files) }()
		}
	}()
	var loadErrs []string
	for i := range roots {
		c := <-chans[i]
		<-sem
		if c.Package == nil {
			loadErrs = append(loadErrs, c.Errors...)
			if old := oldResults[c.PkgPath]; c.ParseErrors && old != nil && oldSnap != nil {
				// A package that does not parse keeps the results and
				// summary of its last check, as between listings.
				v.results[c.PkgPath] = old
				v.kept[c.PkgPath] = true
				if fset, local, closure, ok := oldSnap.Summary(c.PkgPath); ok {
					snap.Record(c.PkgPath, fset, local, closure)
				}
				info, _ := snap.Info(c.PkgPath)
				for _, f := range info.Files {
					if h, ok := oldAnalysed[f]; ok {
						v.analysed[f] = h
						if text, ok := oldTexts[h]; ok {
							v.texts[h] = text
						}
					}
				}
			}
			continue
		}
		v.checked(c)
		res := e.run(c, ov)
		if res.Program != nil {
			snap.Record(c.PkgPath, c.Package.Fset, res.Program.Local, res.Closure)
		}
		v.results[c.PkgPath] = v.convert(e, c, res, ov)
		if c.Name == "main" {
			v.mains[c.PkgPath] = c
		}
	}
	if len(loadErrs) > 0 {
		e.pub.logMessage(protocol.MessageWarning, fmt.Sprintf("scratchvet: %d packages in %s could not be checked: %s",
			len(loadErrs), v.root, shortList(loadErrs, 5)))
	}
	done(fmt.Sprintf("%d packages", len(roots)))
}

// run runs the enabled checks on a checked package, with its settings.
// ov gives the checks the text of open files of other packages (the
// positions of related information).
func (e *engine) run(c *load.Checked, ov overlay) *driver.Result {
	s, err := e.packageSettings(c)
	if err != nil {
		e.showOnce("scratchvet: " + err.Error())
		return &driver.Result{}
	}
	c.Package.Settings = s
	c.Package.Overlay = ov.files
	res := driver.Run(c.Package, suite.Enabled(suite.New(e.resolver), s))
	if e.resultHook != nil {
		e.resultHook(res)
	}
	for _, err := range res.Errors {
		e.showOnce(fmt.Sprintf("scratchvet: %s: %v", c.PkgPath, err))
	}
	return res
}

// packageSettings returns the settings a checked package is judged with.
func (e *engine) packageSettings(c *load.Checked) (*settings.Settings, error) {
	s, err := e.settingsFor(c.Dir, c.PkgPath)
	if err != nil {
		return nil, err
	}
	// A main package is judged on its deployments that load as the view
	// does (the CLI loads the others again; the editor does not).
	if v := e.viewOf(c.Dir); v != nil && len(s.Deployments) > 1 {
		var here []settings.Deployment
		for _, d := range s.Deployments {
			if settings.SameLoad(d.Build, v.cgo, v.tags) {
				here = append(here, d)
			}
		}
		if len(here) > 0 && len(here) < len(s.Deployments) {
			cp := *s
			cp.Deployments = here
			s = &cp
		}
	}
	return s, nil
}

// beginProgress reports work-done progress of the first load (only), if
// the client supports it, and returns the function that ends it.
func (e *engine) beginProgress(title string) func(msg string) {
	if e.progress {
		return func(string) {}
	}
	e.progress = true
	return e.pub.beginProgress(e.sess.caps, title)
}
