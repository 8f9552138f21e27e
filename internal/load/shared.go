package load

import (
	"go/token"
	"go/types"
	"sort"
	"sync"

	"github.com/scratchvet/scratchvet/internal/program"
)

// Shared is what the loads of one run share. A run that judges several
// build configurations (CGO_ENABLED, tags) loads the packages once per
// configuration, and most packages have the same files in all of them:
// their summaries (program.ScanCache) and, where the packages they import
// are the same too, their declarations are computed once. Give every Load
// of the run the same Shared (Config.Shared); a Load with an overlay
// shares nothing.
type Shared struct {
	fset  *token.FileSet
	scans *program.ScanCache

	mu    sync.Mutex
	decls map[string][]*sharedDecl // import path → declarations checked by earlier loads
	stubs map[string]*types.Package
	// DeclsReused and DeclsChecked count the dependencies whose
	// declarations were taken from an earlier load, or type-checked.
	DeclsReused, DeclsChecked int
}

type sharedDecl struct {
	key     string
	imports map[string]*types.Package // the packages it was checked against, by path
	pkg     *types.Package
}

// NewShared returns what a run's loads will share.
func NewShared() *Shared {
	fset := token.NewFileSet()
	return &Shared{fset: fset, scans: program.NewScanCache(fset),
		decls: map[string][]*sharedDecl{}, stubs: map[string]*types.Package{}}
}

// ScansReused and Scanned count the packages whose summary was taken from
// an earlier load, or computed.
func (s *Shared) ScansReused() (reused, scanned int) {
	s.scans.Lock()
	defer s.scans.Unlock()
	return s.scans.Reused, s.scans.Scanned
}

// declarations returns the declarations of path an earlier load checked
// with the same key against the same packages, or nil.
func (s *Shared) declarations(path, key string, imports map[string]*types.Package) *types.Package {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.decls[path] {
		if d.key == key && samePackages(d.imports, imports) {
			s.DeclsReused++
			return d.pkg
		}
	}
	return nil
}

func (s *Shared) keepDeclarations(path, key string, imports map[string]*types.Package, pkg *types.Package) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.DeclsChecked++
	s.decls[path] = append(s.decls[path], &sharedDecl{key: key, imports: imports, pkg: pkg})
}

func samePackages(a, b map[string]*types.Package) bool {
	if len(a) != len(b) {
		return false
	}
	for path, pkg := range a {
		if other, ok := b[path]; !ok || other != pkg {
			return false
		}
	}
	return true
}

// stub returns the run's empty stand-in for a package imported only for
// its side effects.
func (s *Shared) stub(path, name string) *types.Package {
	s.mu.Lock()
	defer s.mu.Unlock()
	pkg := s.stubs[path]
	if pkg == nil || pkg.Name() != name {
		pkg = types.NewPackage(path, name)
		pkg.MarkComplete()
		s.stubs[path] = pkg
	}
	return pkg
}

func sortedSet(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
