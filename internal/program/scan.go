package program

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"runtime"
	"sort"
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

// ScanPackage computes a dependency's local summary cheaply: only the
// files that may matter are parsed. A file matters if it may hold a site
// (mayHaveSites), or mentions a name through which the package reaches a
// cause: an entry of an import (imports holds the imports' closures), or
// a declaration of the package that reaches one, which the files parsed
// so far tell; parsing goes on until no other file mentions such a name.
// A file mentioning none of them cannot change what any declaration
// reaches, so the summary reaches what a full parse's reaches
// (TestScanReachesWhatFullParseReaches).
//
// Standard-library packages contribute only their cgo use: their internal
// calls are the implementation of the sinks, not uses of them.
func ScanPackage(fset *token.FileSet, p *Package, imports map[string]*Closure) (Local, error) {
	var fileNames []string
	for _, name := range p.GoFiles {
		if !IsTestFile(name) {
			fileNames = append(fileNames, name)
		}
	}
	if p.Standard {
		return Local{Cgo: p.Cgo, Files: fileNames}, nil
	}
	type file struct {
		name   string
		src    []byte
		parsed *ast.File
		tried  bool
	}
	var files []*file
	for _, name := range p.GoFiles {
		if IsTestFile(name) {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return Local{}, err
		}
		files = append(files, &file{name: name, src: src})
	}
	searched := map[string]bool{}
	var names [][]byte
	for _, path := range p.Imports {
		if reachabilityOff {
			break
		}
		for name := range imports[path].EntryNames() {
			if !searched[name] {
				searched[name] = true
				names = append(names, []byte(name))
			}
		}
	}
	parse := func(f *file) {
		f.tried = true
		// Comments only where a build constraint can make a cgo stub.
		// Object resolution stays on: without types, scanFile tells a
		// local name from an import by it.
		mode := parser.Mode(0)
		if bytes.Contains(f.src, []byte("!cgo")) {
			mode = parser.ParseComments
		}
		parsed, err := parser.ParseFile(fset, f.name, f.src, mode)
		if err != nil {
			// A dependency that does not parse cannot be summarised, but
			// the build will report it; keep what the other files say.
			return
		}
		f.parsed = parsed
	}
	for _, f := range files {
		if mayHaveSites(f.src) || mentionsAny(f.src, names) {
			parse(f)
		}
	}
	var imported []Imported
	for _, path := range p.Imports {
		if c := imports[path]; c != nil {
			imported = append(imported, Imported{Path: path, Closure: c})
		}
	}
	sort.Slice(imported, func(i, j int) bool { return imported[i].Path < imported[j].Path })
	var local Local
	potentSearched := map[string]bool{}
	for {
		var parsed []*ast.File
		for _, f := range files {
			if f.parsed != nil {
				parsed = append(parsed, f.parsed)
			}
		}
		local = Summarize(fset, parsed, nil)
		if reachabilityOff {
			break
		}
		var potent [][]byte
		for _, name := range resolveReach(fset, p.ImportPath, local, imported).potentNames() {
			if !potentSearched[name] {
				potentSearched[name] = true
				potent = append(potent, []byte(name))
			}
		}
		more := false
		for _, f := range files {
			if !f.tried && mentionsAny(f.src, potent) {
				parse(f)
				more = true
			}
		}
		if !more {
			break
		}
	}
	local.Cgo = local.Cgo || p.Cgo
	local.Searched = searched
	local.Files = fileNames
	return local, nil
}

// EntryNames returns the names whose mention in an importer's file may
// change what the importer reaches: the closure's entries, and the
// methods through which it reaches a cause only conservatively
// (ThroughMethod: an importer that names the method calls it). Nil for a
// nil closure.
func (c *Closure) EntryNames() map[string]bool {
	if c == nil {
		return nil
	}
	names := make(map[string]bool, len(c.Entries))
	for name := range c.Entries {
		names[name] = true
	}
	for _, set := range c.Hedged {
		for _, r := range set {
			if r.How == ThroughMethod {
				names[r.method()] = true
			}
		}
	}
	return names
}

func mentionsAny(src []byte, names [][]byte) bool {
	for _, n := range names {
		if bytes.Contains(src, n) {
			return true
		}
	}
	return false
}

// ScanGraph computes the closure of every package in pkgs, which must
// include the dependencies of each. A package is scanned once the
// closures of its imports are known (its scan depends on them); packages
// whose imports are done are scanned in parallel.
func ScanGraph(pkgs []*Package) (map[string]*Closure, error) {
	fset := token.NewFileSet()
	_, closures, err := ScanAll(fset, pkgs)
	return closures, err
}

// ScanAll is ScanGraph keeping each package's local summary (by index in
// pkgs) for callers that merge again after a change (the language server).
func ScanAll(fset *token.FileSet, pkgs []*Package) ([]Local, map[string]*Closure, error) {
	return ScanAllCached(fset, pkgs, nil)
}

// ScanAllCached is ScanAll taking the summaries of packages that an
// earlier scan of cache computed the same (see ScanCache); cache may be
// nil.
func ScanAllCached(fset *token.FileSet, pkgs []*Package, cache *ScanCache) ([]Local, map[string]*Closure, error) {
	index := map[string]int{}
	for i, p := range pkgs {
		index[p.ImportPath] = i
	}
	// waiting[i] counts the imports of package i not yet closed;
	// importers[j] lists the packages that wait for j.
	waiting := make([]int, len(pkgs))
	importers := make([][]int, len(pkgs))
	for i, p := range pkgs {
		seen := map[int]bool{}
		for _, imp := range p.Imports {
			if j, ok := index[imp]; ok && j != i && !seen[j] {
				seen[j] = true
				waiting[i]++
				importers[j] = append(importers[j], i)
			}
		}
	}
	locals := make([]Local, len(pkgs))
	closures := make([]*Closure, len(pkgs))
	errs := make([]error, len(pkgs))
	var (
		mu       sync.Mutex
		cond     = sync.NewCond(&mu)
		ready    []int
		started  = make([]bool, len(pkgs))
		pending  = len(pkgs)
		inFlight = 0
	)
	for i := range pkgs {
		if waiting[i] == 0 {
			ready = append(ready, i)
		}
	}
	// take returns the next package to scan, or -1 when all are done. An
	// import cycle (which go list reports) leaves packages waiting for
	// each other: when nothing else can run, the first is scanned with the
	// closures there are.
	take := func() int {
		mu.Lock()
		defer mu.Unlock()
		for {
			for len(ready) > 0 {
				i := ready[0]
				ready = ready[1:]
				if !started[i] {
					started[i] = true
					inFlight++
					return i
				}
			}
			if pending == 0 {
				return -1
			}
			if inFlight == 0 {
				for i := range pkgs {
					if !started[i] {
						started[i] = true
						inFlight++
						return i
					}
				}
			}
			cond.Wait()
		}
	}
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := take(); i >= 0; i = take() {
				p := pkgs[i]
				mu.Lock()
				deps := map[string]*Closure{}
				var imported []Imported
				for _, imp := range p.Imports {
					if j, ok := index[imp]; ok && closures[j] != nil && deps[imp] == nil {
						deps[imp] = closures[j]
						imported = append(imported, Imported{Path: imp, Closure: closures[j]})
					}
				}
				mu.Unlock()
				local, err := cache.scan(fset, p, deps)
				c := Merge(fset, p.ImportPath, local, imported)
				mu.Lock()
				locals[i], closures[i], errs[i] = local, c, err
				inFlight--
				pending--
				for _, k := range importers[i] {
					waiting[k]--
					if waiting[k] == 0 {
						ready = append(ready, k)
					}
				}
				cond.Broadcast()
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	out := map[string]*Closure{}
	for i, p := range pkgs {
		if errs[i] != nil {
			return nil, nil, fmt.Errorf("summarising %s: %w", p.ImportPath, errs[i])
		}
		out[p.ImportPath] = closures[i]
	}
	return locals, out, nil
}
