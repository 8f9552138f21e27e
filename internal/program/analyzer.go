package program

import (
	"go/ast"
	"go/build"
	"go/types"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// Analyzer summarises every package and exports its Closure as a fact.
// The checks require it and read its Result in package main.
//
// scratchvet's own drivers do not run it on dependencies: they compute the
// same facts from a cheap scan (see ScanPackage) and run it on the packages
// being checked only.
var Analyzer = &analysis.Analyzer{
	Name:       "scratchvetprogram",
	Doc:        "summarise what each package and its imports need from the deployment target (internal to scratchvet)",
	Run:        run,
	FactTypes:  []analysis.Fact{(*Closure)(nil)},
	ResultType: reflect.TypeOf((*Result)(nil)),
}

// Result is the program summary of the package under analysis.
type Result struct {
	Local   Local
	Closure *Closure // of the package's non-test files, the package included
	Imports []Edge   // the package's non-test imports, in source order
	// Build is the build configuration as the summaries show it.
	Build Build

	closures map[string]*Closure        // of the linked packages (package main only)
	lookup   func(path string) *Closure // the fact of a package not in closures
}

// ClosureOf returns the summary of a package linked into the package
// under analysis, nil when there is none. Reports use it to find where
// the packages of an import chain import each other (Closure.Files).
func (r *Result) ClosureOf(path string) *Closure {
	if c, ok := r.closures[path]; ok {
		return c
	}
	if r.lookup != nil {
		return r.lookup(path)
	}
	return nil
}

// Edge is one import of the package under analysis.
type Edge struct {
	Spec    *ast.ImportSpec
	Path    string
	Closure *Closure
}

// IsMain reports whether pass analyses a command: only there is the whole
// program known, so only there do whole-program checks report.
func IsMain(pass *analysis.Pass) bool {
	return pass.Pkg.Name() == "main"
}

func run(pass *analysis.Pass) (any, error) {
	local := Summarize(pass.Fset, pass.Files, pass.TypesInfo)
	if isStandard(pass) {
		// The standard library implements the sinks; its own uses of them
		// are not the program's. Only its cgo use counts (see ScanPackage).
		local.Sites, local.Graph = nil, nil
	}
	var (
		edges   []Edge
		imports []Imported
		missing []string
	)
	seen := map[string]*Closure{}
	for _, spec := range local.Imports {
		pkg := importedPackage(pass.TypesInfo, spec)
		if pkg == nil || pkg.Path() == "unsafe" || pkg.Path() == "C" {
			// An import that did not type-check; "unsafe", which links
			// nothing (and golangci-lint gives it no facts); or "C", the
			// type checker's stand-in for cgo (FakeImportC, as the
			// standalone checker and the language server check a cgo
			// package from its own files), which is no package: the cgo
			// use is Local.Cgo.
			continue
		}
		p := pkg.Path()
		c, done := seen[p]
		if !done {
			c = new(Closure)
			if !pass.ImportPackageFact(pkg, c) {
				c = nil
				missing = append(missing, p)
			}
			seen[p] = c
			if c != nil {
				imports = append(imports, Imported{Path: p, Closure: c})
			}
		}
		edges = append(edges, Edge{Spec: spec, Path: p, Closure: c})
	}
	var inferred map[string]*Closure
	if len(missing) > 0 {
		// The dependencies were not analysed (std skipped by the driver):
		// summarise them from `go list` in this process's environment.
		inferred = fallbackClosures(missing)
		for i := range edges {
			if edges[i].Closure == nil {
				edges[i].Closure = inferred[edges[i].Path]
			}
		}
		for _, p := range missing {
			if c := inferred[p]; c != nil {
				imports = append(imports, Imported{Path: p, Closure: c})
			}
		}
	}
	closure := Merge(pass.Fset, pass.Pkg.Path(), local, imports)
	pass.ExportPackageFact(closure)
	res := &Result{Local: local, Closure: closure, Imports: edges, Build: BuildOf(closure)}
	if IsMain(pass) {
		res.closures = linkedClosures(pass)
		for path, c := range inferred {
			if res.closures[path] == nil {
				res.closures[path] = c
			}
		}
	}
	var once sync.Once
	var linked map[string]*Closure
	res.lookup = func(path string) *Closure {
		// Outside package main, the facts are read when a report asks
		// (cgostub's chains), which the analysis drivers allow after Run.
		once.Do(func() {
			if res.closures == nil {
				linked = linkedClosures(pass)
			}
		})
		if c := linked[path]; c != nil {
			return c
		}
		// A package the type checker did not record as an import (export
		// data need not list them all): scratchvet's drivers find facts
		// by path.
		c := new(Closure)
		if pass.ImportPackageFact(types.NewPackage(path, ""), c) {
			return c
		}
		return nil
	}
	return res, nil
}

// linkedClosures returns the summaries of every package that the package
// under analysis imports, directly or not: the facts of the program
// analyzer, read while it runs.
func linkedClosures(pass *analysis.Pass) map[string]*Closure {
	out := map[string]*Closure{}
	queue := append([]*types.Package(nil), pass.Pkg.Imports()...)
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if _, seen := out[p.Path()]; seen {
			continue
		}
		c := new(Closure)
		if !pass.ImportPackageFact(p, c) {
			c = nil
		}
		out[p.Path()] = c
		queue = append(queue, p.Imports()...)
	}
	for path, c := range out {
		if c == nil {
			delete(out, path)
		}
	}
	return out
}

// isStandard reports whether the pass analyses a standard-library package.
func isStandard(pass *analysis.Pass) bool {
	for _, f := range pass.Files {
		if InGOROOT(pass.Fset.Position(f.Package).Filename) {
			return true
		}
	}
	return false
}

// InGOROOT reports whether a file lies in $GOROOT/src: a standard-library
// package (go vet's config does not say so for the package itself).
func InGOROOT(filename string) bool {
	return strings.HasPrefix(filename, goroot)
}

var goroot = filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)

func importedPackage(info *types.Info, spec *ast.ImportSpec) *types.Package {
	if pn := info.PkgNameOf(spec); pn != nil {
		return pn.Imported()
	}
	return nil
}
