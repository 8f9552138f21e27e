package program

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"runtime"
	"sync"
)

// Package is what ScanGraph needs to know about one package, as `go list`
// or the vet configuration tells it.
type Package struct {
	ImportPath string
	GoFiles    []string // absolute paths of the Go files compiled (cgo sources included)
	Cgo        bool     // the package has cgo files under this build configuration
	Standard   bool
	Imports    []string // import paths of the imported packages, resolved
}

// ScanPackage computes a dependency's local summary cheaply: only files that
// may hold a site (mayHaveSites) are parsed. Standard-library packages
// contribute only their cgo use: their internal calls are the
// implementation of the sinks, not uses of them.
func ScanPackage(fset *token.FileSet, p *Package) (Local, error) {
	if p.Standard {
		return Local{Cgo: p.Cgo}, nil
	}
	var files []*ast.File
	for _, name := range p.GoFiles {
		if IsTestFile(name) {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return Local{}, err
		}
		if !mayHaveSites(src) {
			continue
		}
		// Comments only where a build constraint can make a cgo stub.
		mode := parser.Mode(0)
		if bytes.Contains(src, []byte("!cgo")) {
			mode = parser.ParseComments
		}
		f, err := parser.ParseFile(fset, name, src, mode)
		if err != nil {
			// A dependency that does not parse cannot be summarised, but
			// the build will report it; keep what the other files say.
			continue
		}
		files = append(files, f)
	}
	local := Summarize(fset, files, nil)
	local.Cgo = local.Cgo || p.Cgo
	return local, nil
}

// ScanGraph computes the closure of every package in pkgs, which must
// include the dependencies of each. Local scans run in parallel; merges
// follow the import graph.
func ScanGraph(pkgs []*Package) (map[string]*Closure, error) {
	fset := token.NewFileSet()
	locals := make([]Local, len(pkgs))
	errs := make([]error, len(pkgs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, p := range pkgs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			locals[i], errs[i] = ScanPackage(fset, p)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("summarising %s: %v", pkgs[i].ImportPath, err)
		}
	}
	index := map[string]int{}
	for i, p := range pkgs {
		index[p.ImportPath] = i
	}
	closures := map[string]*Closure{}
	var visit func(i int) *Closure
	visiting := map[int]bool{}
	visit = func(i int) *Closure {
		p := pkgs[i]
		if c, ok := closures[p.ImportPath]; ok {
			return c
		}
		if visiting[i] {
			return nil // an import cycle: go list reports it
		}
		visiting[i] = true
		var imports []Imported
		for _, imp := range p.Imports {
			if j, ok := index[imp]; ok {
				imports = append(imports, Imported{Path: imp, Closure: visit(j)})
			}
		}
		c := Merge(fset, p.ImportPath, locals[i], imports)
		closures[p.ImportPath] = c
		return c
	}
	for i := range pkgs {
		visit(i)
	}
	return closures, nil
}
