package load

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/scratchvet/scratchvet/internal/driver"
)

// A sourceImporter imports the dependencies of the checked packages by
// type-checking their declarations from source (function bodies ignored,
// errors tolerated), each once and only when a checked package imports it,
// directly or not. It replaces the export data that `go list -export`
// builds by compiling every dependency, which is nearly all of a cold
// run's cost: declarations are a small part of a package, and no check
// looks into a dependency's function bodies (their summaries come from
// program.ScanGraph).
//
// A package imported only for its side effects (import _ "p") is given an
// empty stand-in: nothing of it can appear in the importer's declarations
// or types, and its summary comes from the scan. A command that links
// every plugin of a project with blank imports (caddy's) then needs the
// declarations of what it names, not of everything it links.
//
// It is safe for concurrent use: packages are loaded once each
// (sync.Once), and a package may import only packages listed before it
// (go list -deps lists dependencies first), so two loads never wait for
// each other.
type sourceImporter struct {
	fset   *token.FileSet
	sizes  types.Sizes
	goarch string
	pkgs   map[string]*sourcePackage
	shared *Shared // nil: nothing shared with other loads
}

type sourcePackage struct {
	p     *listed
	index int // position in the listing
	once  sync.Once
	pkg   *types.Package
	err   error
}

func newSourceImporter(fset *token.FileSet, goarch string, pkgs []*listed, shared *Shared) *sourceImporter {
	s := &sourceImporter{fset: fset, sizes: types.SizesFor("gc", goarch), goarch: goarch,
		pkgs: make(map[string]*sourcePackage, len(pkgs)), shared: shared}
	for i, p := range pkgs {
		s.pkgs[p.ImportPath] = &sourcePackage{p: p, index: i}
	}
	return s
}

// Import imports a package for a checked package (any listed package may
// be imported by a root).
func (s *sourceImporter) Import(path string) (*types.Package, error) {
	return s.load(path, len(s.pkgs))
}

// load returns the package at path for an importer at position before in
// the listing.
func (s *sourceImporter) load(path string, before int) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	sp, ok := s.pkgs[path]
	if !ok {
		return nil, fmt.Errorf("package %q is not listed", path)
	}
	if sp.index >= before {
		return nil, fmt.Errorf("import cycle through %q", path)
	}
	sp.once.Do(func() { sp.pkg, sp.err = s.check(sp) })
	return sp.pkg, sp.err
}

// stub returns the empty stand-in for a package imported only for its
// side effects.
func (s *sourceImporter) stub(path string) *types.Package {
	if path == "unsafe" || path == "C" {
		return nil // the type checker's own
	}
	name := pathBase(path)
	if sp := s.pkgs[path]; sp != nil && sp.p.Name != "" {
		name = sp.p.Name
	}
	if s.shared != nil {
		return s.shared.stub(path, name)
	}
	pkg := types.NewPackage(path, name)
	pkg.MarkComplete()
	return pkg
}

func pathBase(p string) string { return path.Base(p) }

// withStubs wraps imp (which takes import paths as written) so that the
// paths in blank get stand-ins; mapped resolves a path as written.
func (s *sourceImporter) withStubs(imp types.Importer, blank map[string]bool, importMap map[string]string) types.Importer {
	if len(blank) == 0 {
		return imp
	}
	return importerFunc(func(p string) (*types.Package, error) {
		if blank[p] {
			resolved := p
			if m, ok := importMap[p]; ok {
				resolved = m
			}
			if stub := s.stub(resolved); stub != nil {
				return stub, nil
			}
		}
		return imp.Import(p)
	})
}

// blankOnly returns the import paths that files import only with the
// blank name.
func blankOnly(files []*ast.File) map[string]bool {
	blank, named := map[string]bool{}, map[string]bool{}
	for _, f := range files {
		for _, spec := range f.Imports {
			p, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				continue
			}
			if spec.Name != nil && spec.Name.Name == "_" {
				blank[p] = true
			} else {
				named[p] = true
			}
		}
	}
	for p := range named {
		delete(blank, p)
	}
	return blank
}

// check type-checks the declarations of one dependency, or takes them
// from an earlier load of the run when its files and the packages it
// names are the same.
func (s *sourceImporter) check(sp *sourcePackage) (*types.Package, error) {
	p := sp.p
	// The imports first (a cheap parse of each file's header): what this
	// package's declarations are checked against decides whether an
	// earlier load's can serve.
	type source struct {
		name string
		src  []byte
	}
	var sources []source
	var names []string
	headers := token.NewFileSet()
	var heads []*ast.File
	for _, name := range append(append([]string(nil), p.GoFiles...), p.CgoFiles...) {
		if !filepath.IsAbs(name) {
			name = filepath.Join(p.Dir, name)
		}
		src, err := os.ReadFile(name)
		if err != nil {
			continue // the root's check reports what is missing
		}
		sources = append(sources, source{name, src})
		names = append(names, name)
		if f, _ := parser.ParseFile(headers, name, src, parser.ImportsOnly|parser.SkipObjectResolution); f != nil {
			heads = append(heads, f)
		}
	}
	blank := blankOnly(heads)
	resolve := func(written string) string {
		if m, ok := p.ImportMap[written]; ok {
			return m
		}
		return written
	}
	imported := map[string]*types.Package{}
	for _, f := range heads {
		for _, spec := range f.Imports {
			written, err := strconv.Unquote(spec.Path.Value)
			if err != nil || blank[written] || written == "C" {
				continue
			}
			path := resolve(written)
			if _, done := imported[path]; done {
				continue
			}
			pkg, _ := s.load(path, sp.index)
			imported[path] = pkg
		}
	}
	key := s.declKey(p, names, blank)
	if s.shared != nil {
		if pkg := s.shared.declarations(p.ImportPath, key, imported); pkg != nil {
			return pkg, nil
		}
	}
	var files []*ast.File
	for _, x := range sources {
		f, _ := parser.ParseFile(s.fset, x.name, x.src, parser.SkipObjectResolution)
		if f != nil {
			files = append(files, f)
		}
	}
	tc := &types.Config{
		Importer: s.withStubs(driver.MappedImporter(importerFunc(func(path string) (*types.Package, error) {
			if pkg, ok := imported[path]; ok && pkg != nil {
				return pkg, nil
			}
			return s.load(path, sp.index)
		}), p.ImportMap), blank, p.ImportMap),
		Sizes:            s.sizes,
		IgnoreFuncBodies: true,
		FakeImportC:      len(p.CgoFiles) > 0,
		// A dependency's errors are the build's to report; the types of
		// what does check are still right.
		Error: func(error) {},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		tc.GoVersion = "go" + p.Module.GoVersion
	}
	pkg, _ := tc.Check(p.ImportPath, s.fset, files, nil)
	if pkg == nil {
		return nil, fmt.Errorf("could not type-check %s", p.ImportPath)
	}
	pkg.MarkComplete()
	if s.shared != nil {
		pkg = s.shared.canonical(p.ImportPath, pkg, imported)
		s.shared.keepDeclarations(p.ImportPath, key, imported, pkg)
	}
	return pkg, nil
}

// declKey is what, besides the packages it imports, decides a package's
// declarations: its files, the blank imports, the language version, cgo,
// the architecture's sizes.
func (s *sourceImporter) declKey(p *listed, files []string, blank map[string]bool) string {
	goVersion := ""
	if p.Module != nil {
		goVersion = p.Module.GoVersion
	}
	return fmt.Sprintf("%s\x00%q\x00%v\x00%s\x00%v\x00%s", p.Dir, files, sortedSet(blank), goVersion, len(p.CgoFiles) > 0, s.goarch)
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
