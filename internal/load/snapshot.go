package load

import (
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/scratchvet/scratchvet/internal/program"
)

// A Snapshot is a loaded workspace that the language server re-checks one
// package at a time. It keeps what one `go list -deps -export` call told
// (files, imports, export data of every package) and the local summary of
// every package, so that after an edit only the edited package is parsed
// and type-checked (against the cached export data of its dependencies)
// and only the summaries of the packages importing it are merged again.
// Nothing is loaded from source but the package being checked.
//
// A Snapshot is not safe for concurrent use, except that Check may run
// concurrently with itself.
type Snapshot struct {
	cfg       Config
	pkgs      []*listed // dependencies before their importers
	index     map[string]*listed
	exports   map[string]string
	files     map[string][]string // absolute file name → import paths of its packages
	importers map[string][]string // import path → the listed packages importing it
	locals    map[string]summary
	// checker is shared by consecutive checks: dependencies are decoded
	// from export data once, and unchanged files are not parsed again.
	checkerMu sync.Mutex
	checker   *exportImporter
	// Closures holds the summary of every listed package. The caller
	// passes it to driver.Run as Package.Closures.
	Closures map[string]*program.Closure
	// goLists counts the go commands run since the snapshot was made.
	goLists int
}

// GoLists returns how many times the snapshot ran the go command after
// its first listing (Relist, Extend).
func (s *Snapshot) GoLists() int { return s.goLists }

// summary is a package's local summary and the file set its positions
// refer to.
type summary struct {
	fset  *token.FileSet
	local program.Local
}

// PackageInfo is what the listing says about one package.
type PackageInfo struct {
	PkgPath string
	Name    string
	Dir     string
	Root    bool     // matched by the patterns (not only a dependency)
	Files   []string // absolute names of the Go files (cgo files included)
	Imports []string // resolved import paths
	Errors  []string // listing errors of the package and its dependencies
}

// NewSnapshot lists the packages of cfg.Patterns and their dependencies
// (with cfg.Overlay) and summarises every package from a cheap scan of its
// files. It type-checks nothing.
func NewSnapshot(cfg Config) (*Snapshot, error) {
	pkgs, err := goListWith(cfg, []string{"-deps", "-export"}, cfg.Patterns)
	if err != nil {
		return nil, err
	}
	s := &Snapshot{
		cfg:       cfg,
		pkgs:      pkgs,
		index:     map[string]*listed{},
		exports:   map[string]string{},
		files:     map[string][]string{},
		importers: map[string][]string{},
		locals:    map[string]summary{},
		Closures:  map[string]*program.Closure{},
	}
	for _, p := range pkgs {
		s.index[p.ImportPath] = p
		if p.Export != "" {
			s.exports[p.ImportPath] = p.Export
		}
		for _, f := range s.fileNames(p) {
			s.files[f] = append(s.files[f], p.ImportPath)
		}
		for _, imp := range p.Imports {
			s.importers[imp] = append(s.importers[imp], p.ImportPath)
		}
	}
	// Scan every package as program.ScanGraph does, but keep the local
	// summaries: merging them again after an edit is what makes
	// re-checking one package enough.
	fset := token.NewFileSet()
	sps := make([]*program.Package, len(pkgs))
	for i, p := range pkgs {
		sps[i] = program.FromList(p.ImportPath, p.Dir, p.GoFiles, p.CgoFiles, p.Imports, p.Standard)
	}
	locals, closures, err := program.ScanAll(fset, sps)
	if err != nil {
		// A file vanished between go list and the scan: summarise the
		// packages again one by one, an unreadable one as empty; the next
		// listing will see it right.
		locals = make([]program.Local, len(pkgs))
		for i, p := range pkgs {
			s.locals[p.ImportPath] = summary{fset: fset, local: program.Local{Cgo: len(p.CgoFiles) > 0}}
			s.rescan(p, fset)
			locals[i] = s.locals[p.ImportPath].local
			s.merge(p)
		}
		return s, nil
	}
	for i, p := range pkgs {
		s.locals[p.ImportPath] = summary{fset, locals[i]}
		s.Closures[p.ImportPath] = closures[p.ImportPath]
	}
	return s, nil
}

// rescan summarises p's files again from disk with the current closures
// of its imports: a summary of part of the files (program.ScanPackage)
// depends on which names of the imports reach causes.
func (s *Snapshot) rescan(p *listed, fset *token.FileSet) {
	deps := map[string]*program.Closure{}
	for _, imp := range p.Imports {
		if c := s.Closures[imp]; c != nil {
			deps[imp] = c
		}
	}
	sp := program.FromList(p.ImportPath, p.Dir, p.GoFiles, p.CgoFiles, p.Imports, p.Standard)
	if local, err := program.ScanPackage(fset, sp, deps); err == nil {
		s.locals[p.ImportPath] = summary{fset, local}
	}
}

// fileNames returns the absolute names of p's Go files.
func (s *Snapshot) fileNames(p *listed) []string {
	var out []string
	for _, f := range append(append([]string(nil), p.GoFiles...), p.CgoFiles...) {
		if !filepath.IsAbs(f) {
			f = filepath.Join(p.Dir, f)
		}
		out = append(out, f)
	}
	return out
}

// merge recomputes p's closure from its local summary and the current
// closures of its imports (which go list orders before it).
func (s *Snapshot) merge(p *listed) {
	sum := s.locals[p.ImportPath]
	if sum.local.Searched != nil {
		// A partial summary: if an import now has an entry the scan did not
		// look for, files it passed over may mention it.
	search:
		for _, imp := range p.Imports {
			for name := range s.Closures[imp].EntryNames() {
				if !sum.local.Searched[name] {
					s.rescan(p, sum.fset)
					sum = s.locals[p.ImportPath]
					break search
				}
			}
		}
	}
	var imports []program.Imported
	for _, imp := range p.Imports {
		if c := s.Closures[imp]; c != nil {
			imports = append(imports, program.Imported{Path: imp, Closure: c})
		}
	}
	s.Closures[p.ImportPath] = program.Merge(sum.fset, p.ImportPath, sum.local, imports)
}

// Roots returns the packages matched by the patterns, dependencies first.
func (s *Snapshot) Roots() []string {
	var out []string
	for _, p := range s.pkgs {
		if !p.DepOnly {
			out = append(out, p.ImportPath)
		}
	}
	return out
}

// Info describes a listed package.
func (s *Snapshot) Info(pkgPath string) (PackageInfo, bool) {
	p, ok := s.index[pkgPath]
	if !ok {
		return PackageInfo{}, false
	}
	info := PackageInfo{
		PkgPath: p.ImportPath, Name: p.Name, Dir: p.Dir, Root: !p.DepOnly,
		Files: s.fileNames(p), Imports: p.Imports,
	}
	if p.Error != nil {
		info.Errors = append(info.Errors, p.Error.text())
	}
	for _, e := range p.DepsErrors {
		info.Errors = append(info.Errors, e.text())
	}
	return info, true
}

// PackagesOf returns the listed packages that contain the file (absolute
// name).
func (s *Snapshot) PackagesOf(file string) []string {
	return s.files[file]
}

// Checked is a package parsed and type-checked by Snapshot.Check.
type Checked struct {
	Root
	// TypeErrors reports that Package is complete syntax whose type
	// information is partial: Errors lists the type errors.
	TypeErrors bool
	// ParseErrors reports that Package is nil because a file does not
	// parse (not because go list could not list the package).
	ParseErrors bool
	// Sources holds the text of each file as it was checked (the
	// overlay's, or the disk's).
	Sources map[string][]byte
	// Imports lists the import paths of the files, as written.
	Imports []string
	// NewImports lists the imports of the files that the listing does not
	// know: their export data and summaries are missing, so the caller
	// must list again (NewSnapshot) to check the package correctly.
	NewImports []string
}

// Check parses and type-checks one listed package with the text in overlay
// (absolute file name → content) for the files it holds, against the
// export data of its dependencies as listed. A package with type errors
// (its own, or from broken dependencies) is returned with TypeErrors set;
// one that does not parse, or that go list could not list, has a nil
// Package.
// The package's Closures field is the snapshot's.
func (s *Snapshot) Check(pkgPath string, overlay map[string][]byte) *Checked {
	p, ok := s.index[pkgPath]
	if !ok {
		return &Checked{Root: Root{PkgPath: pkgPath, Errors: []string{fmt.Sprintf("package %s is not listed", pkgPath)}}}
	}
	return s.check(p, overlay, "")
}

// CheckFile is Check for a language server's early look at one edited
// file: the package is type-checked with file whole and the other files'
// function bodies left out, a fraction of the work. The declarations'
// types do not depend on the bodies, so file's syntax and types are those
// a full Check gives; what the other files' bodies hold is missing.
// Errors lists only file's errors (without their bodies, the other files
// may not use their imports).
func (s *Snapshot) CheckFile(pkgPath, file string, overlay map[string][]byte) *Checked {
	p, ok := s.index[pkgPath]
	if !ok {
		return &Checked{Root: Root{PkgPath: pkgPath, Errors: []string{fmt.Sprintf("package %s is not listed", pkgPath)}}}
	}
	return s.check(p, overlay, file)
}

func (s *Snapshot) check(p *listed, overlay map[string][]byte, whole string) *Checked {
	cfg := s.cfg
	cfg.Overlay = overlay
	c := check(cfg, p, s.sharedChecker(), true, whole)
	out := &Checked{
		Root:        Root{PkgPath: p.ImportPath, Name: p.Name, Dir: p.Dir, Package: c.Package, Errors: c.Errors},
		TypeErrors:  c.TypeErrors,
		ParseErrors: c.ParseErrors,
		Sources:     c.Sources,
		Imports:     c.Imports,
	}
	for _, imp := range c.Imports {
		if imp == "C" || imp == "unsafe" {
			continue
		}
		if mapped, ok := p.ImportMap[imp]; ok {
			imp = mapped
		}
		if _, ok := s.index[imp]; !ok {
			out.NewImports = append(out.NewImports, imp)
		}
	}
	if out.Package != nil {
		out.Package.Closures = s.Closures
	}
	return out
}

// maxParsedBytes bounds the text parsed into one shared file set. A file
// set only grows (each parse of an edited file adds its line table), so
// after this much text the snapshot starts a new one and decodes its
// dependencies again: about once per several hundred edits of a large file.
const maxParsedBytes = 64 << 20

// sharedChecker returns the importer (with its file set and syntax cache)
// that checks share, renewing it when its file set has taken in
// maxParsedBytes of text.
func (s *Snapshot) sharedChecker() *exportImporter {
	s.checkerMu.Lock()
	defer s.checkerMu.Unlock()
	if s.checker == nil || s.checker.syntax.parsedBytes() > maxParsedBytes {
		s.checker = newExportImporter(s.exports)
		s.checker.syntax = newSyntaxCache()
	}
	return s.checker
}

// Update records the summary of a package that was just checked (from the
// program analyzer's result, with the file set of the checked package) and
// merges again the closures of every package that imports it, directly or
// not. It returns those importers, dependencies first, or nothing when
// the package's closure did not change (most edits): then neither do
// theirs.
func (s *Snapshot) Update(pkgPath string, fset *token.FileSet, local program.Local, closure *program.Closure) []string {
	if _, ok := s.index[pkgPath]; !ok {
		return nil
	}
	previous := s.Closures[pkgPath]
	s.Record(pkgPath, fset, local, closure)
	if closure != nil && previous != nil && reflect.DeepEqual(previous, closure) {
		return nil
	}
	affected := s.ImportersOf(pkgPath)
	set := map[string]bool{}
	for _, a := range affected {
		set[a] = true
	}
	for _, p := range s.pkgs { // dependency order
		if set[p.ImportPath] {
			s.merge(p)
		}
	}
	return affected
}

// Record is Update without merging the importers again: for checking the
// roots in dependency order, where each importer's own check merges its
// imports' closures.
func (s *Snapshot) Record(pkgPath string, fset *token.FileSet, local program.Local, closure *program.Closure) {
	if _, ok := s.index[pkgPath]; !ok {
		return
	}
	s.locals[pkgPath] = summary{fset, local}
	if closure != nil {
		s.Closures[pkgPath] = closure
	}
}

// ImportersOf returns the listed packages that import pkgPath, directly or
// not, dependencies first.
func (s *Snapshot) ImportersOf(pkgPath string) []string {
	seen := map[string]bool{}
	var walk func(string)
	walk = func(p string) {
		for _, imp := range s.importers[p] {
			if !seen[imp] {
				seen[imp] = true
				walk(imp)
			}
		}
	}
	walk(pkgPath)
	var out []string
	for _, p := range s.pkgs {
		if seen[p.ImportPath] {
			out = append(out, p.ImportPath)
		}
	}
	return out
}

// DependsOn reports whether pkgPath imports dep, directly or not.
func (s *Snapshot) DependsOn(pkgPath, dep string) bool {
	for _, p := range s.ImportersOf(dep) {
		if p == pkgPath {
			return true
		}
	}
	return false
}

// ImportPosition returns where package importer imports package imported:
// the file and the 1-based line and column of the import path. It parses
// only the import declarations of the importer's files (with overlay
// text where given).
func (s *Snapshot) ImportPosition(importer, imported string, overlay map[string][]byte) (token.Position, bool) {
	p, ok := s.index[importer]
	if !ok {
		return token.Position{}, false
	}
	names := s.fileNames(p)
	sort.Strings(names)
	fset := token.NewFileSet()
	for _, name := range names {
		var src any
		if content, ok := overlay[name]; ok {
			src = content
		}
		// A file with a syntax error after its imports still has them.
		f, _ := parser.ParseFile(fset, name, src, parser.ImportsOnly|parser.SkipObjectResolution)
		if f == nil {
			continue
		}
		for _, spec := range f.Imports {
			path, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				continue
			}
			if mapped, ok := p.ImportMap[path]; ok {
				path = mapped
			}
			if path == imported {
				return fset.Position(spec.Path.Pos()), true
			}
		}
	}
	return token.Position{}, false
}

// ErrListAgain is returned by Relist and Extend when the change needs a
// listing of the whole workspace (NewSnapshot).
var ErrListAgain = errors.New("the workspace must be listed again")

// UnknownImportsError is Relist's error when a package imports packages
// the snapshot does not know: Extend(Importer, Imports), then Relist again.
type UnknownImportsError struct {
	Importer string
	Imports  []string
}

func (e *UnknownImportsError) Error() string {
	return fmt.Sprintf("%s imports %s, not listed", e.Importer, strings.Join(e.Imports, ", "))
}

// Unwrap makes the error an ErrListAgain for those who do not extend.
func (e *UnknownImportsError) Unwrap() error { return ErrListAgain }

// Relist lists the packages in dirs again, alone (go list without -deps
// or -export: a fraction of a second where listing a large workspace takes
// many), after files were created or deleted there or their build
// constraints changed, and replaces what the snapshot knew of them: their
// files, imports and the edges of the import graph. Their summaries and
// export data stay those of their last check or listing until the caller
// checks them again (Check, Update), which it must: Relist returns them.
//
// It returns an UnknownImportsError when a package imports one the
// snapshot does not know, and ErrListAgain when a directory holds no
// package the snapshot knows or the listing itself fails.
func (s *Snapshot) Relist(dirs []string, overlay map[string][]byte) ([]string, error) {
	byDir := map[string]*listed{}
	for _, p := range s.pkgs {
		if !p.DepOnly {
			byDir[p.Dir] = p
		}
	}
	var patterns []string
	for _, dir := range dirs {
		if byDir[dir] == nil {
			return nil, ErrListAgain
		}
		patterns = append(patterns, dir)
	}
	cfg := s.cfg
	cfg.Overlay = overlay
	s.goLists++
	pkgs, err := goListWith(cfg, nil, patterns)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrListAgain, err)
	}
	var out []string
	for _, p := range pkgs {
		old := byDir[p.Dir]
		if old == nil || old.ImportPath != p.ImportPath {
			return nil, ErrListAgain
		}
		var unknown []string
		for _, imp := range p.Imports {
			if _, ok := s.index[imp]; !ok && imp != "C" && imp != "unsafe" {
				unknown = append(unknown, imp)
			}
		}
		if len(unknown) > 0 {
			return nil, &UnknownImportsError{Importer: p.ImportPath, Imports: unknown}
		}
	}
	for _, p := range pkgs {
		old := byDir[p.Dir]
		p.DepOnly, p.Export = old.DepOnly, old.Export
		s.replace(old, p)
		out = append(out, p.ImportPath)
	}
	s.sortPackages()
	return out, nil
}

// Extend lists the packages imported by importer (as written in its
// files) that the snapshot does not know, with their dependencies and
// export data, and adds them: after an edit added an import. The new
// packages are summarised from a scan of their files; the caller then
// checks importer again.
func (s *Snapshot) Extend(importer string, imports []string) error {
	p, ok := s.index[importer]
	if !ok {
		return ErrListAgain
	}
	cfg := s.cfg
	cfg.Dir = p.Dir // resolve the imports as the importer does
	s.goLists++
	pkgs, err := goListWith(cfg, []string{"-deps", "-export"}, imports)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrListAgain, err)
	}
	var added []*listed
	for _, np := range pkgs {
		if _, ok := s.index[np.ImportPath]; ok {
			continue
		}
		if np.Error != nil || np.Export == "" && !np.Standard && np.ImportPath != "unsafe" {
			return ErrListAgain // the full listing reports it
		}
		np.DepOnly = true
		added = append(added, np)
	}
	fset := token.NewFileSet()
	for _, np := range added {
		s.pkgs = append(s.pkgs, np)
		s.index[np.ImportPath] = np
		if np.Export != "" {
			s.exports[np.ImportPath] = np.Export
		}
		for _, f := range s.fileNames(np) {
			s.files[f] = append(s.files[f], np.ImportPath)
		}
		for _, imp := range np.Imports {
			s.importers[imp] = append(s.importers[imp], np.ImportPath)
		}
		// Summarised below, once its imports are: a scan depends on them.
		s.locals[np.ImportPath] = summary{fset, program.Local{Cgo: len(np.CgoFiles) > 0}}
	}
	// The shared importer reads s.exports, which now has the new export
	// data: it need not be renewed.
	s.sortPackages()
	for _, np := range s.pkgs { // dependency order: the new packages' imports first
		for _, a := range added {
			if a == np {
				s.rescan(np, fset)
				s.merge(np)
			}
		}
	}
	return nil
}

// replace puts p in the place of old (the same package listed again).
func (s *Snapshot) replace(old, p *listed) {
	for i, q := range s.pkgs {
		if q == old {
			s.pkgs[i] = p
		}
	}
	s.index[p.ImportPath] = p
	for _, f := range s.fileNames(old) {
		s.files[f] = without(s.files[f], old.ImportPath)
		if len(s.files[f]) == 0 {
			delete(s.files, f)
		}
	}
	for _, f := range s.fileNames(p) {
		s.files[f] = append(s.files[f], p.ImportPath)
	}
	for _, imp := range old.Imports {
		s.importers[imp] = without(s.importers[imp], old.ImportPath)
	}
	for _, imp := range p.Imports {
		s.importers[imp] = append(s.importers[imp], p.ImportPath)
	}
}

func without(list []string, x string) []string {
	out := list[:0:0]
	for _, y := range list {
		if y != x {
			out = append(out, y)
		}
	}
	return out
}

// sortPackages restores the dependency order of s.pkgs (each package after
// the packages it imports) after Relist or Extend changed the graph,
// keeping the existing order where it is right.
func (s *Snapshot) sortPackages() {
	pos := map[string]int{}
	for i, p := range s.pkgs {
		pos[p.ImportPath] = i
	}
	ordered := true
	for i, p := range s.pkgs {
		for _, imp := range p.Imports {
			if j, ok := pos[imp]; ok && j > i {
				ordered = false
			}
		}
	}
	if ordered {
		return
	}
	out := make([]*listed, 0, len(s.pkgs))
	state := map[string]int{} // 1: visiting, 2: done
	var visit func(p *listed)
	visit = func(p *listed) {
		if state[p.ImportPath] != 0 {
			return // done, or an import cycle (go list reports it)
		}
		state[p.ImportPath] = 1
		for _, imp := range p.Imports {
			if q, ok := s.index[imp]; ok {
				visit(q)
			}
		}
		state[p.ImportPath] = 2
		out = append(out, p)
	}
	for _, p := range s.pkgs {
		visit(p)
	}
	s.pkgs = out
}

// SetImports records the imports of a checked package's files (as
// written): an edit may add or remove imports of packages the listing
// knows, and the packages to check again after an edit of one of them are
// found through these edges. Imports the snapshot does not know are not
// recorded (Extend adds them first).
func (s *Snapshot) SetImports(pkgPath string, imports []string) {
	p, ok := s.index[pkgPath]
	if !ok {
		return
	}
	seen := map[string]bool{}
	var paths []string
	for _, imp := range imports {
		if mapped, ok := p.ImportMap[imp]; ok {
			imp = mapped
		}
		if _, known := s.index[imp]; (known || imp == "C" || imp == "unsafe") && !seen[imp] {
			seen[imp] = true
			paths = append(paths, imp)
		}
	}
	sort.Strings(paths)
	if reflect.DeepEqual(paths, p.Imports) || len(paths) == 0 && len(p.Imports) == 0 {
		return
	}
	for _, imp := range p.Imports {
		s.importers[imp] = without(s.importers[imp], p.ImportPath)
	}
	for _, imp := range paths {
		s.importers[imp] = append(s.importers[imp], p.ImportPath)
	}
	p.Imports = paths
	s.sortPackages()
}

// Summary returns the summary a package has in the snapshot (recorded by
// Record or Update, or scanned at the listing) with the file set of its
// positions, and its closure: to carry a package that no longer parses
// into a new snapshot with the summary of its last check.
func (s *Snapshot) Summary(pkgPath string) (*token.FileSet, program.Local, *program.Closure, bool) {
	sum, ok := s.locals[pkgPath]
	if !ok {
		return nil, program.Local{}, nil, false
	}
	return sum.fset, sum.local, s.Closures[pkgPath], true
}
