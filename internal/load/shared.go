package load

import (
	"fmt"
	"go/token"
	"go/types"
	"sort"
	"strings"
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
	apis  map[string][]*packageAPI // import path → the APIs checked so far
	// Canonical counts the packages checked again whose API was the same
	// as an earlier load's.
	Canonical int
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
		decls: map[string][]*sharedDecl{}, stubs: map[string]*types.Package{}, apis: map[string][]*packageAPI{}}
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

// canonical returns the package an earlier load checked for path against
// the same packages, with the same API position for position; else pkg.
// The packages that import it are then the same packages too (their
// declarations can be reused), which they would not be when one file of a
// low package differs between configurations (net with and without cgo:
// the files differ, what it declares for its importers does not).
//
// The API is everything an importer's declarations can see: every
// exported object (its type, a constant's value), and every unexported
// type the API names (an exported struct's field may hold one), a type
// with its underlying type and all its methods, each with its position.
// The rest (unexported functions, variables, constants and types nothing
// exported names) is not part of it: no importer can name it. The
// packages it was checked against must be the same (pointers), so that the
// types its API names are the ones the load has.
func (s *Shared) canonical(path string, pkg *types.Package, imports map[string]*types.Package) *types.Package {
	s.mu.Lock()
	var earlier []*packageAPI
	for _, c := range s.apis[path] {
		if samePackages(c.imports, imports) {
			earlier = append(earlier, c)
		}
	}
	s.mu.Unlock()
	api := ""
	if len(earlier) > 0 {
		api = apiOf(s.fset, pkg)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range earlier {
		if c.api == "" {
			c.api = apiOf(s.fset, c.pkg)
		}
		if c.api == api {
			s.Canonical++
			return c.pkg
		}
	}
	s.apis[path] = append(s.apis[path], &packageAPI{pkg: pkg, imports: imports, api: api})
	return pkg
}

type packageAPI struct {
	pkg     *types.Package
	imports map[string]*types.Package
	api     string // computed when first compared
}

func apiOf(fset *token.FileSet, pkg *types.Package) string {
	qual := func(p *types.Package) string { return p.Path() }
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n", pkg.Name())
	write := func(obj types.Object) {
		fmt.Fprintf(&b, "%s %s", fset.Position(obj.Pos()), types.ObjectString(obj, qual))
		if c, ok := obj.(*types.Const); ok {
			fmt.Fprintf(&b, " = %s", c.Val().ExactString())
		}
		b.WriteByte('\n')
		if named, ok := obj.Type().(*types.Named); ok && !named.Obj().IsAlias() && named.Obj() == obj {
			for i := range named.NumMethods() {
				m := named.Method(i)
				fmt.Fprintf(&b, "\t%s %s\n", fset.Position(m.Pos()), types.ObjectString(m, qual))
			}
		}
	}
	scope := pkg.Scope()
	var unexportedTypes []types.Object
	for _, name := range scope.Names() { // sorted
		obj := scope.Lookup(name)
		switch _, isType := obj.(*types.TypeName); {
		case obj.Exported():
			write(obj)
		case isType:
			unexportedTypes = append(unexportedTypes, obj)
		}
	}
	// The unexported types the API names (a field's type), and those they
	// name, until none is added.
	prefix := pkg.Path() + "."
	for added := true; added; {
		added = false
		for i, obj := range unexportedTypes {
			if obj != nil && namesType(b.String(), prefix+obj.Name()) {
				write(obj)
				unexportedTypes[i] = nil
				added = true
			}
		}
	}
	return b.String()
}

// namesType reports whether text mentions the qualified type name.
func namesType(text, name string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			return false
		}
		end := i + j + len(name)
		if end == len(text) || !isIdentByte(text[end]) {
			return true
		}
		i = end
	}
}

func isIdentByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
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
