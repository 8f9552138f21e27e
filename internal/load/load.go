// Package load loads the packages the standalone checker and the language
// server check. The standalone checker (Load) lists the import graph and
// the files of every package with one `go list -deps` call, which compiles
// nothing; every package is summarised from a cheap scan of its files
// (program.ScanGraph), and the packages to check are parsed and
// type-checked against their dependencies' declarations, type-checked from
// source on demand (sourceImporter). The language server (Snapshot) lists
// with -export and imports the dependencies from export data, which it
// keeps for a session of edits.
package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/program"
)

// Config says what to load and how.
type Config struct {
	Dir      string   // where to run the go command
	Env      []string // its environment (nil: this process's)
	Tags     []string // -tags
	Patterns []string
	// Overlay maps absolute file names to contents that replace the files
	// on disk (unsaved editor buffers).
	Overlay map[string][]byte
	// ExportData makes Load import the dependencies of the packages it
	// checks from export data, which `go list -export` builds by compiling
	// every dependency (as before the source importer; tests compare the
	// two). By default Load lists without compiling and type-checks the
	// dependencies' declarations from source (sourceImporter).
	ExportData bool
	// Shared, when set, is shared with the run's other loads (several
	// build configurations): see Shared. Not with ExportData or Overlay.
	Shared *Shared
}

// Root is one package to check.
type Root struct {
	PkgPath string
	Name    string
	Dir     string
	Package *driver.Package // nil when the package could not be loaded
	Errors  []string        // load, parse and type errors, "file:line:col: msg"
}

// Program is the result of Load.
type Program struct {
	Roots []*Root // in dependency order; Package is set only inside Each
	// Closures holds the summary of every listed package, roots included.
	Closures map[string]*program.Closure

	cfg    Config
	listed []*listed // the roots' go list data, as Roots
	imp    *exportImporter
}

// listed is the subset of `go list -json` output the loader needs.
type listed struct {
	ImportPath string
	Name       string
	Dir        string
	GoFiles    []string
	CgoFiles   []string
	OtherFiles []string
	Imports    []string
	ImportMap  map[string]string
	Export     string
	Standard   bool
	DepOnly    bool
	Module     *struct {
		Path      string
		Version   string
		GoVersion string
	}
	Error      *listError
	DepsErrors []*listError
}

// listError is a package error of go list -json.
type listError struct {
	Pos, Err    string
	ImportStack []string
}

// text is the error as scratchvet prints it: positioned, and an import
// cycle names its packages (go list's message alone names none).
func (e *listError) text() string {
	msg := e.Err
	if strings.HasPrefix(msg, "import cycle not allowed") && !strings.Contains(msg, "\n") && len(e.ImportStack) > 1 {
		msg += ": " + strings.Join(e.ImportStack, " → ")
	}
	return positioned(e.Pos, msg)
}

const listFields = "ImportPath,Name,Dir,GoFiles,CgoFiles,Imports,ImportMap,Export,Standard,DepOnly,Module,Error,DepsErrors"

// Load runs go list and type-checks the root packages.
func Load(cfg Config) (*Program, error) {
	pkgs, err := goList(cfg)
	if err != nil {
		return nil, err
	}
	var summaries []*program.Package
	for _, p := range pkgs {
		summaries = append(summaries, program.FromList(p.ImportPath, p.Dir, p.GoFiles, p.CgoFiles, p.Imports, p.Standard))
	}
	shared := cfg.Shared
	if cfg.ExportData || len(cfg.Overlay) > 0 {
		shared = nil
	}
	fset := token.NewFileSet()
	var scans *program.ScanCache
	if shared != nil {
		fset, scans = shared.fset, shared.scans
	}
	_, closures, err := program.ScanAllCached(fset, summaries, scans)
	if err != nil {
		return nil, err
	}
	var imp *exportImporter
	if cfg.ExportData {
		exports := map[string]string{}
		for _, p := range pkgs {
			if p.Export != "" {
				exports[p.ImportPath] = p.Export
			}
		}
		imp = newExportImporter(exports)
	} else {
		imp = &exportImporter{fset: fset, source: newSourceImporter(fset, goarch(cfg.Env), pkgs, shared)}
	}
	prog := &Program{Closures: closures, cfg: cfg, imp: imp}
	for _, p := range pkgs {
		if !p.DepOnly {
			prog.listed = append(prog.listed, p)
			prog.Roots = append(prog.Roots, &Root{PkgPath: p.ImportPath, Name: p.Name, Dir: p.Dir})
		}
	}
	if len(prog.Roots) == 0 {
		return nil, fmt.Errorf("no packages to check in %s", strings.Join(cfg.Patterns, " "))
	}
	return prog, nil
}

// Each type-checks the roots and calls fn on each, in dependency order.
// Roots are type-checked a few ahead, in parallel; after fn returns, a
// root's Package is dropped, so memory holds a few packages' syntax and
// types at a time, not all of them.
func (prog *Program) Each(fn func(*Root)) {
	workers := runtime.GOMAXPROCS(0)
	ready := make([]chan struct{}, len(prog.Roots))
	for i := range ready {
		ready[i] = make(chan struct{})
	}
	// At most workers+1 roots are checked and not yet consumed by fn. The
	// slots are taken in root order, so the root fn waits for always has
	// one.
	ahead := make(chan struct{}, workers+1)
	next := make(chan int)
	go func() {
		for i := range prog.Roots {
			ahead <- struct{}{}
			next <- i
		}
		close(next)
	}()
	for w := 0; w < workers; w++ {
		go func() {
			for i := range next {
				r := prog.Roots[i]
				r.Package, r.Errors = typeCheck(prog.cfg, prog.listed[i], prog.imp)
				close(ready[i])
			}
		}()
	}
	for i, r := range prog.Roots {
		<-ready[i]
		fn(r)
		r.Package = nil
		<-ahead
	}
}

func goList(cfg Config) ([]*listed, error) {
	if cfg.ExportData {
		return goListWith(cfg, []string{"-deps", "-export"}, cfg.Patterns)
	}
	pkgs, err := goListWith(cfg, []string{"-deps"}, cfg.Patterns)
	if err != nil {
		return nil, err
	}
	// Nothing is compiled, so nothing tells whether the C code of a root
	// package builds (a missing header). Running cgo on those packages
	// alone (-compiled without -deps: no dependency is compiled) does, for
	// a fraction of a second each.
	var cgoRoots []string
	byPath := map[string]*listed{}
	for _, p := range pkgs {
		if !p.DepOnly && len(p.CgoFiles) > 0 && p.Error == nil {
			cgoRoots = append(cgoRoots, p.ImportPath)
			byPath[p.ImportPath] = p
		}
	}
	if len(cgoRoots) > 0 {
		compiled, err := goListWith(cfg, []string{"-compiled"}, cgoRoots)
		if err != nil {
			return nil, err
		}
		for _, c := range compiled {
			if p := byPath[c.ImportPath]; p != nil && c.Error != nil {
				p.Error = c.Error
			}
		}
	}
	return pkgs, nil
}

// goListWith runs go list -e -json with the given flags on patterns.
func goListWith(cfg Config, flags, patterns []string) ([]*listed, error) {
	args := append([]string{"list", "-e", "-json=" + listFields}, flags...)
	if len(cfg.Tags) > 0 {
		args = append(args, "-tags="+strings.Join(cfg.Tags, ","))
	}
	if len(cfg.Overlay) > 0 {
		overlay, cleanup, err := writeOverlay(cfg.Overlay)
		if err != nil {
			return nil, err
		}
		defer cleanup()
		args = append(args, "-overlay="+overlay)
	}
	args = append(args, "--")
	args = append(args, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = cfg.Dir
	cmd.Env = cfg.Env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New(msg)
	}
	var pkgs []*listed
	dec := json.NewDecoder(&stdout)
	for {
		p := new(listed)
		if err := dec.Decode(p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("reading go list output: %w", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// writeOverlay writes the JSON overlay file the go command reads.
func writeOverlay(files map[string][]byte) (string, func(), error) {
	dir, err := os.MkdirTemp("", "scratchvet-overlay")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	replace := map[string]string{}
	i := 0
	for name, content := range files {
		i++
		tmp := filepath.Join(dir, fmt.Sprintf("%d-%s", i, filepath.Base(name)))
		if err := os.WriteFile(tmp, content, 0o600); err != nil {
			cleanup()
			return "", nil, err
		}
		replace[name] = tmp
	}
	data, _ := json.Marshal(map[string]any{"Replace": replace})
	overlay := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(overlay, data, 0o600); err != nil {
		cleanup()
		return "", nil, err
	}
	return overlay, cleanup, nil
}

// typeCheck parses and type-checks one root package against the export
// data of its dependencies. Any error makes the package unusable here: the
// standalone checker reports the errors instead of findings.
func typeCheck(cfg Config, p *listed, imp *exportImporter) (*driver.Package, []string) {
	c := check(cfg, p, imp, false, "")
	if len(c.Errors) > 0 {
		return nil, c.Errors
	}
	return c.Package, nil
}

// checked is the outcome of check.
type checked struct {
	Package *driver.Package // nil when listing or parsing failed
	Errors  []string        // listing, parse and type errors
	// TypeErrors is set when Package is complete syntax with type errors.
	TypeErrors bool
	// ParseErrors is set when a file did not parse (Package is nil).
	ParseErrors bool
	Sources     map[string][]byte // the text of each file parsed
	Imports     []string          // the import paths of the files, as written
}

// check parses and type-checks p, with the overlay's text for the files it
// holds, against the export data of p's dependencies. A package with type
// errors is still returned (for callers that can use partial type
// information); one that did not parse is not.
//
// If tolerant is set, compile errors that go list reports for the package
// and errors of its dependencies do not stop the check: the type checker
// reports what they break in this package, and the rest can be analysed
// (an editor must go on showing findings while some code is broken).
//
// If whole is set (a file of p), only that file keeps its function
// bodies: the other files are checked without theirs (Snapshot.CheckFile),
// and only whole's type errors are reported.
func check(cfg Config, p *listed, imp *exportImporter, tolerant bool, whole string) *checked {
	c := &checked{Sources: map[string][]byte{}}
	var listErr string
	if p.Error != nil && !(tolerant && strings.HasPrefix(p.Error.Err, "# ")) {
		listErr = p.Error.text()
	}
	if !tolerant {
		if listErr != "" {
			c.Errors = append(c.Errors, listErr)
		}
		for _, e := range p.DepsErrors {
			c.Errors = append(c.Errors, e.text())
		}
		if len(c.Errors) > 0 {
			return c
		}
	}
	// Tolerant: the files are parsed first, so that a syntax error go list
	// reported is a parse error (ParseErrors), not a listing error.
	fset := imp.fset
	var files []*ast.File
	seen := map[string]bool{}
	// The package's own files, cgo's included, not the files cgo generates
	// from them (go list's CompiledGoFiles, in the build cache): findings
	// are then at the user's text, which may be an editor's buffer, and
	// import "C" is in the syntax. The type checker stands in for cgo with
	// FakeImportC: C's names have no types, which no check needs.
	names := append(append([]string(nil), p.GoFiles...), p.CgoFiles...)
	unreadable := false
	for _, name := range names {
		if !filepath.IsAbs(name) {
			name = filepath.Join(p.Dir, name)
		}
		src, ok := cfg.Overlay[name]
		if !ok {
			var err error
			if src, err = os.ReadFile(name); err != nil {
				c.Errors = append(c.Errors, err.Error())
				unreadable = true
				continue
			}
		}
		c.Sources[name] = src
		f, err := imp.parse(p.ImportPath, name, src)
		if err != nil {
			c.Errors = append(c.Errors, scanErrors(err)...)
			c.ParseErrors = true
			continue
		}
		for _, spec := range f.Imports {
			if path, err := strconv.Unquote(spec.Path.Value); err == nil && !seen[path] {
				seen[path] = true
				c.Imports = append(c.Imports, path)
			}
		}
		if whole != "" && name != whole {
			f = imp.bodiless(p.ImportPath, name, f)
		}
		files = append(files, f)
	}
	if len(c.Errors) > 0 {
		c.ParseErrors = c.ParseErrors && !unreadable
		return c
	}
	if listErr != "" {
		c.Errors = append(c.Errors, listErr)
		return c
	}
	var info *types.Info
	if imp.syntax != nil && whole == "" {
		info = driver.NewInfoSized(imp.syntax.infoSizes(p.ImportPath))
	} else {
		info = driver.NewInfo()
	}
	var imports types.Importer = driver.MappedImporter(imp, p.ImportMap)
	if imp.source != nil {
		imports = imp.source.withStubs(imports, blankOnly(files), p.ImportMap)
	}
	tc := &types.Config{
		Importer: imports,
		Sizes:    types.SizesFor("gc", goarch(cfg.Env)),
		Error: func(err error) {
			// Without their bodies, the other files' imports may be
			// unused, an init has no body: not errors of the package.
			if te, ok := err.(types.Error); !ok || whole == "" || te.Fset.File(te.Pos) == nil || te.Fset.File(te.Pos).Name() == whole {
				c.Errors = append(c.Errors, err.Error())
			}
		},
		// import "C" declares an empty package; uses of C.name are not
		// errors.
		FakeImportC: len(p.CgoFiles) > 0,
	}
	var module *analysis.Module
	if p.Module != nil {
		module = &analysis.Module{Path: p.Module.Path, Version: p.Module.Version, GoVersion: p.Module.GoVersion}
		if p.Module.GoVersion != "" {
			tc.GoVersion = "go" + p.Module.GoVersion
		}
	}
	// The checks' syntax index needs no types: build it on another core
	// while the package is type-checked.
	indexed := make(chan *inspector.Inspector, 1)
	go func() { indexed <- inspector.New(files) }()
	pkg, _ := tc.Check(p.ImportPath, fset, files, info)
	if imp.syntax != nil && whole == "" {
		imp.syntax.checked(p.ImportPath, info)
	}
	c.TypeErrors = len(c.Errors) > 0
	c.Package = &driver.Package{
		Fset: fset, Files: files, Types: pkg, TypesInfo: info, TypesSizes: tc.Sizes, Module: module,
		Sources: c.Sources, Inspector: <-indexed,
	}
	return c
}

// exportImporter imports packages from the export data go list built. One
// serves every package a Load type-checks, so each dependency is decoded
// once and its types are shared, as in golang.org/x/tools/go/packages; the
// go/types importer is not safe for concurrent use, hence the lock.
//
// The lock alone is not enough: decoding a package's export data creates
// incomplete stand-ins for the packages its API mentions, and a later
// import of one of those fills it in (its scope, SetImports) while checks
// of packages type-checked earlier read it (program's linkedClosures walks
// Imports()). So Import returns only packages whose whole Imports()
// closure is complete, which the go/types importer never modifies again.
type exportImporter struct {
	fset *token.FileSet
	mu   sync.Mutex
	imp  types.Importer
	// failed holds the packages of an Imports() closure that have no
	// usable export data; they stay incomplete and are not tried again.
	failed map[string]bool
	// syntax, when set, keeps the parsed files of recently checked
	// packages (the language server re-checks the same package at every
	// edit, and most of its files have not changed).
	syntax *syntaxCache
	// source, when set, imports from source instead (imp is nil).
	source *sourceImporter
}

func newExportImporter(exports map[string]string) *exportImporter {
	fset := token.NewFileSet()
	return &exportImporter{fset: fset, imp: importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(file)
	})}
}

// parse parses one file of package pkg, or returns the syntax of the same
// text parsed before when the importer keeps a syntax cache.
func (e *exportImporter) parse(pkg, name string, src []byte) (*ast.File, error) {
	if e.syntax == nil {
		return parser.ParseFile(e.fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	}
	return e.syntax.parse(e.fset, pkg, name, src)
}

// bodiless returns a copy of f (a file of package pkg) without its
// functions' bodies, kept with f's syntax when the importer has a syntax
// cache.
func (e *exportImporter) bodiless(pkg, name string, f *ast.File) *ast.File {
	if e.syntax == nil {
		return stripBodies(f)
	}
	return e.syntax.bodiless(pkg, name, f)
}

func (e *exportImporter) Import(path string) (*types.Package, error) {
	if e.source != nil {
		return e.source.Import(path)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	pkg, err := e.imp.Import(path)
	if err != nil {
		return nil, err
	}
	e.complete(pkg)
	return pkg, nil
}

// complete imports every incomplete package in pkg's Imports() closure. A
// package completed here has its own closure completed too, so a complete
// package found on the way needs no visit (invariant: every complete
// package this importer made has a complete closure, but for failed).
func (e *exportImporter) complete(pkg *types.Package) {
	queue := append([]*types.Package(nil), pkg.Imports()...)
	for len(queue) > 0 {
		p := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if p.Complete() || e.failed[p.Path()] {
			continue
		}
		full, err := e.imp.Import(p.Path())
		if err != nil || full != p || !full.Complete() {
			if e.failed == nil {
				e.failed = map[string]bool{}
			}
			e.failed[p.Path()] = true
			continue
		}
		queue = append(queue, full.Imports()...)
	}
}

func goarch(env []string) string {
	for i := len(env) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(env[i], "GOARCH="); ok && v != "" {
			return v
		}
	}
	return runtime.GOARCH
}

func positioned(pos, msg string) string {
	if pos == "" || strings.HasPrefix(msg, pos) {
		return msg
	}
	return pos + ": " + msg
}

func scanErrors(err error) []string {
	var list scanner.ErrorList
	if errors.As(err, &list) {
		var out []string
		for _, e := range list {
			out = append(out, e.Error())
		}
		return out
	}
	return []string{err.Error()}
}
