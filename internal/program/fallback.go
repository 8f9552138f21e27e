package program

import (
	"path/filepath"
	"sync"
)

// Summaries of packages a go/analysis driver did not analyse (golangci-lint
// gives no facts for the standard library). The program package runs no
// processes: the summaries come from a lister that a package linked into
// the binary registers (internal/load's `go list`), and a program without
// one says that the packages were not summarised.

// A DependencyLister lists packages and their dependencies, in dependency
// order, as the go command would build them in this process's
// environment. how says so in findings' related information ("summarised
// with `go list` in the environment (CGO_ENABLED=0)").
type DependencyLister func(paths []string) (pkgs []*Package, how string, err error)

// fallback holds the registered lister and the closures it gave: the
// environment does not change within a process.
var fallback struct {
	sync.Mutex
	lister   DependencyLister
	closures map[string]*Closure
}

// SetDependencyLister registers how Analyzer summarises imports that the
// driver did not analyse. internal/load registers `go list` in its init.
func SetDependencyLister(l DependencyLister) {
	fallback.Lock()
	defer fallback.Unlock()
	fallback.lister = l
	fallback.closures = nil
}

// fallbackClosures summarises packages with the registered lister. The
// closures say how in Inferred.
func fallbackClosures(paths []string) map[string]*Closure {
	fallback.Lock()
	defer fallback.Unlock()
	if fallback.closures == nil {
		fallback.closures = map[string]*Closure{}
	}
	var todo []string
	for _, p := range paths {
		if _, ok := fallback.closures[p]; !ok {
			todo = append(todo, p)
		}
	}
	if len(todo) > 0 {
		var (
			closures map[string]*Closure
			note     = "not summarised: these packages were not analysed, and this program cannot list them"
		)
		if fallback.lister != nil {
			pkgs, how, err := fallback.lister(todo)
			if err != nil {
				note = "not summarised: " + err.Error()
			} else {
				note = how + " because these packages were not analysed"
				closures, _ = ScanGraph(pkgs)
			}
		}
		for _, p := range todo {
			c := closures[p]
			if c == nil {
				c = &Closure{Has: map[string][]string{}}
			}
			c.Inferred = note
			fallback.closures[p] = c
		}
	}
	out := map[string]*Closure{}
	for _, p := range paths {
		out[p] = fallback.closures[p]
	}
	return out
}

// FromList builds a Package from `go list` fields (file names relative to dir).
func FromList(importPath, dir string, goFiles, cgoFiles, imports []string, standard bool) *Package {
	p := &Package{ImportPath: importPath, Cgo: len(cgoFiles) > 0, Standard: standard}
	for _, f := range append(append([]string(nil), goFiles...), cgoFiles...) {
		p.GoFiles = append(p.GoFiles, filepath.Join(dir, f))
	}
	for _, imp := range imports {
		if imp != "C" && imp != "unsafe" {
			p.Imports = append(p.Imports, imp)
		}
	}
	return p
}
