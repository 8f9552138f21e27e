package load

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
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
// It is safe for concurrent use: packages are loaded once each
// (sync.Once), and a package may import only packages listed before it
// (go list -deps lists dependencies first), so two loads never wait for
// each other.
type sourceImporter struct {
	fset  *token.FileSet
	sizes types.Sizes
	pkgs  map[string]*sourcePackage
}

type sourcePackage struct {
	p     *listed
	index int // position in the listing
	once  sync.Once
	pkg   *types.Package
	err   error
}

func newSourceImporter(fset *token.FileSet, sizes types.Sizes, pkgs []*listed) *sourceImporter {
	s := &sourceImporter{fset: fset, sizes: sizes, pkgs: make(map[string]*sourcePackage, len(pkgs))}
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

// check type-checks the declarations of one dependency.
func (s *sourceImporter) check(sp *sourcePackage) (*types.Package, error) {
	p := sp.p
	var files []*ast.File
	for _, name := range append(append([]string(nil), p.GoFiles...), p.CgoFiles...) {
		if !filepath.IsAbs(name) {
			name = filepath.Join(p.Dir, name)
		}
		src, err := os.ReadFile(name)
		if err != nil {
			continue // the root's check reports what is missing
		}
		f, _ := parser.ParseFile(s.fset, name, src, parser.SkipObjectResolution)
		if f != nil {
			files = append(files, f)
		}
	}
	tc := &types.Config{
		Importer: driver.MappedImporter(importerFunc(func(path string) (*types.Package, error) {
			return s.load(path, sp.index)
		}), p.ImportMap),
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
	return pkg, nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
