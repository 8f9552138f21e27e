package program

import (
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"sort"
	"strings"
)

// Cause is one reason, somewhere in a package's import closure, why a binary
// linking that package needs something from the target.
type Cause struct {
	Kind Kind
	Pkg  string // import path of the package holding the site
	// Pos is the site (Filename, Line, Column; Offset in bytes); invalid
	// for a package-level cause (a package's cgo).
	Pos  token.Position
	What string // e.g. "time.LoadLocation(...)" or "net's cgo DNS resolver"
	Arg  string // the site's constant argument a check judges (Site.Arg)
	// Chain is the import path from the package that holds this closure
	// down to Pkg, Pkg included; empty when Pkg is the holder itself.
	Chain []string
	// How and Through say how the program reaches the cause, in the
	// causes Reached returns (zero in a closure's Causes): Directly, or
	// only by a conservative rule, which Through names.
	How     How    `json:",omitempty"`
	Through string `json:",omitempty"`
}

// How says how a program reaches a cause (docs/DESIGN.md#reachability).
type How uint8

const (
	// Directly: through calls, references to functions, and methods
	// that code on the way calls by name.
	Directly How = iota
	// ThroughMethod: only through one method of a type that reached code
	// uses, which no code on the way calls by name (it may be called
	// through an interface or reflection, or not at all). Through is
	// "pkg.Type.Method"; an importer that names the method makes the
	// cause reached Directly.
	ThroughMethod
	// ThroughMethods: through several such methods, one after another.
	ThroughMethods
	// ThroughTable: only through a function that a package variable's
	// map or slice literal holds; Through is "pkg.variable".
	ThroughTable
	// ThroughNoMain: from a package main without func main (a plugin or
	// a C library), whose every function is taken as called; Through is
	// the package.
	ThroughNoMain
)

// Reach is how a summary reaches one cause: How, and the rule's subject.
type Reach struct {
	How     How
	Through string `json:",omitempty"`
}

// rank orders reaches: Directly, then one method (an importer may still
// name it), then the rest.
func (r Reach) rank() int {
	switch r.How {
	case Directly:
		return 0
	case ThroughMethod:
		return 1
	}
	return 2
}

// better reports whether r is a better (more direct) reach than o, in a
// total order, so that every driver picks the same.
func (r Reach) better(o Reach) bool {
	if r.rank() != o.rank() {
		return r.rank() < o.rank()
	}
	if r.How != o.How {
		return r.How < o.How
	}
	return r.Through < o.Through
}

// then is the reach of a cause that a declaration reaches with r, seen
// from a declaration that reaches that one by an edge of kind via.
func (via Reach) then(r Reach) Reach {
	switch {
	case via.How == Directly:
		return r
	case r.How == Directly:
		return via
	case via.How == ThroughMethod && r.How == ThroughMethod:
		return Reach{ThroughMethods, r.Through}
	case via.How == ThroughTable && r.How == ThroughMethod:
		return via
	}
	return r
}

// method returns the method name of a ThroughMethod reach.
func (r Reach) method() string {
	return r.Through[strings.LastIndex(r.Through, ".")+1:]
}

// Closure summarises a package and everything it imports. It is the
// analysis fact that the program analyzer exports for every package.
//
// Causes holds the causes of the package and its imports that matter to
// a program linking it: those of the link-level kinds (cgo, cgostub),
// which count wherever the package is linked, and those that Init,
// Entries or Main reach (docs/DESIGN.md#reachability).
type Closure struct {
	// Name is the package's name, by which importers qualify its names.
	Name   string `json:",omitempty"`
	Causes []Cause
	// Init indexes the causes reached by the initialisation of the
	// package and of everything it imports: reached whenever the package
	// is linked.
	Init []int `json:",omitempty"`
	// Entries maps the package's exported functions, types and variables
	// to the causes their use reaches (a type: its methods and the types
	// it holds), omitting those that reach none.
	Entries map[string][]int `json:",omitempty"`
	// Main, in a package main, indexes the causes func main reaches (every
	// function of the package, when it has no func main: a plugin or a C
	// library).
	Main []int `json:",omitempty"`
	// Hedged says which causes of Init ("init"), Main ("main") and
	// Entries (by name) are reached only conservatively, and how; a
	// cause not in it is reached Directly.
	Hedged map[string]map[int]Reach `json:",omitempty"`
	// Has maps the marker packages (see Markers) present in the closure to
	// the import chain that reaches them (empty for the holder itself).
	Has map[string][]string
	// Inferred, when not empty, says which part of this closure was inferred
	// rather than seen, because a dependency had no summary.
	Inferred string
	// Truncated marks the kinds of which more causes exist than Causes
	// keeps (see Limits): their count is a lower bound.
	Truncated map[Kind]bool
	// Files are the package's own non-test Go files, where a report finds
	// its imports and its import "C" (ImportPosition).
	Files []string
}

// AFact marks Closure as an analysis fact.
func (*Closure) AFact() {}

func (c *Closure) String() string {
	return fmt.Sprintf("closure(%d causes, has %v)", len(c.Causes), c.markers())
}

func (c *Closure) markers() []string {
	var ms []string
	for m := range c.Has {
		ms = append(ms, m)
	}
	sort.Strings(ms)
	return ms
}

// Markers are the packages whose mere presence in a binary matters to a
// check: time/tzdata embeds the zone database, x509roots/fallback embeds CA
// roots, and net, os/user and plugin are where cgo comes from.
var Markers = map[string]bool{
	"time/tzdata":                            true,
	"golang.org/x/crypto/x509roots/fallback": true,
	"net":                                    true,
	"os/user":                                true,
	"plugin":                                 true,
	"runtime/cgo":                            true,
	"crypto/rand":                            true,
}

// RootsProvider is the marker, in Closure.Has, of a package that gives the
// binary CA roots of its own (Local.ProvidesRoots); like a package
// marker's, its chain is the import path to that package.
const RootsProvider = "crypto/x509.SetFallbackRoots"

// Limits keep facts small: a closure keeps a few causes of each kind, not
// all of them, and marks the kinds it truncated.
const (
	maxCausesPerKind = 4
	maxCgoCauses     = 8
	maxJudgedCauses  = 32 // exec and multipart, judged cause by cause
)

// Imported is the closure of one package imported by the package being
// summarised.
type Imported struct {
	Path    string
	Closure *Closure
}

// cgoWhat describes the cgo of the standard library packages that have it.
var cgoWhat = map[string]string{
	"net":         "net's cgo DNS resolver (getaddrinfo)",
	"os/user":     "os/user's cgo lookups (getpwuid_r, getgrnam_r)",
	"plugin":      "plugin's dlopen",
	"runtime/cgo": "runtime/cgo",
}

// Merge builds the closure of package pkgPath from its local summary and
// the closures of its imports. fset positions local sites.
func Merge(fset *token.FileSet, pkgPath string, local Local, imports []Imported) *Closure {
	c := &Closure{Has: map[string][]string{}, Files: local.Files}
	if local.Graph != nil {
		c.Name = local.Graph.Name
	}
	if Markers[pkgPath] {
		c.Has[pkgPath] = []string{}
	}
	if local.ProvidesRoots {
		c.Has[RootsProvider] = []string{}
	}
	if local.Cgo {
		what := cgoWhat[pkgPath]
		if what == "" {
			what = `import "C" in ` + pkgPath
		}
		c.Causes = append(c.Causes, Cause{Kind: KindCgo, Pkg: pkgPath, What: what})
	}
	for _, s := range local.Sites {
		if linkLevel(s.Kind) || reachabilityOff {
			c.add(Cause{Kind: s.Kind, Pkg: pkgPath, Pos: position(fset, s.Pos), What: s.What, Arg: s.Arg})
		}
	}
	imports = append([]Imported(nil), imports...)
	sort.Slice(imports, func(i, j int) bool { return imports[i].Path < imports[j].Path })
	var inferred []string
	for _, imp := range imports {
		ic := imp.Closure
		if ic == nil {
			continue
		}
		if ic.Inferred != "" {
			inferred = append(inferred, ic.Inferred)
		}
		for k := range ic.Truncated {
			c.truncate(k)
		}
		for _, m := range ic.markers() {
			if have, ok := c.Has[m]; !ok || len(ic.Has[m])+1 < len(have) {
				c.Has[m] = prepend(imp.Path, ic.Has[m])
			}
		}
		for _, cause := range ic.Causes {
			if !linkLevel(cause.Kind) && !reachabilityOff {
				continue
			}
			// Every cgo package imports runtime/cgo; only a package that
			// imports it without calling C itself makes it a cause.
			if cause.Kind == KindCgo && cause.Pkg == "runtime/cgo" && local.Cgo {
				continue
			}
			cause.Chain = prepend(imp.Path, cause.Chain)
			c.add(cause)
		}
	}
	c.Inferred = strings.Join(dedupe(inferred), "; ")
	if reachabilityOff {
		// Every cause linked counts, as if reached at initialisation.
		for i := range c.Causes {
			c.Init = append(c.Init, i)
		}
		return c
	}
	c.addReach(resolveReach(fset, pkgPath, local, imports))
	return c
}

// addReach records the causes reached from the package's initialisation,
// its exported names and, in package main, func main.
func (c *Closure) addReach(st *reachState) {
	index := map[int]int{} // tab index → index in c.Causes
	ref := func(key string, set []item) []int {
		if len(set) == 0 {
			return nil
		}
		out := make([]int, 0, len(set))
		for _, it := range set {
			i, ok := index[it.c]
			if !ok {
				i = len(c.Causes)
				index[it.c] = i
				c.Causes = append(c.Causes, st.tab[it.c])
			}
			out = append(out, i)
			if it.r.How != Directly {
				if c.Hedged == nil {
					c.Hedged = map[string]map[int]Reach{}
				}
				if c.Hedged[key] == nil {
					c.Hedged[key] = map[int]Reach{}
				}
				c.Hedged[key][i] = it.r
			}
		}
		return out
	}
	c.Init = ref("init", st.init)
	g := st.g
	if g == nil {
		for k := range st.truncated {
			c.truncate(k)
		}
		return
	}
	for i, d := range g.Decls {
		if d.Kind == DeclMethod || d.Kind == DeclInit || !ast.IsExported(d.Name) || len(st.sets[i]) == 0 {
			continue
		}
		if c.Entries == nil {
			c.Entries = map[string][]int{}
		}
		c.Entries[d.Name] = ref(d.Name, st.sets[i])
	}
	if g.Name != "main" {
		return
	}
	var roots []item
	noMain := Reach{ThroughNoMain, st.pkgPath}
	for i, d := range g.Decls {
		switch {
		case g.MainFunc && d.Kind == DeclFunc && d.Name == "main":
			roots = append(roots, st.sets[i]...)
		case !g.MainFunc && (d.Kind == DeclFunc || d.Kind == DeclMethod):
			for _, it := range st.sets[i] {
				roots = append(roots, item{it.c, noMain.then(it.r)})
			}
		}
	}
	c.Main = ref("main", st.bound(roots))
	for k := range st.truncated {
		c.truncate(k)
	}
}

// reached returns the reach of cause i in the set named key.
func (c *Closure) reached(key string, i int) Reach {
	return c.Hedged[key][i] // the zero Reach is Directly
}

// reachabilityOff, set by SCRATCHVET_REACHABILITY=off, makes every linked
// cause count as reached and the cheap scan parse only the files that may
// hold a site, as before reachability existed. It is for measuring what
// reachability costs (bench/reach.sh, docs/PERFORMANCE.md), not for users.
var reachabilityOff = os.Getenv("SCRATCHVET_REACHABILITY") == "off"

// Reached returns the causes of kind k that a program whose package main
// holds this closure reaches: those func main and every package's
// initialisation reach, each with how it is reached (Cause.How; those
// reached directly first), and those of the link-level kinds.
func (c *Closure) Reached(k Kind) []Cause {
	if linkLevel(k) {
		return c.CausesOf(k)
	}
	var out []Cause
	at := map[int]int{} // cause index → index in out
	for _, set := range []struct {
		key string
		idx []int
	}{{"main", c.Main}, {"init", c.Init}} {
		for _, i := range set.idx {
			if i < 0 || i >= len(c.Causes) || c.Causes[i].Kind != k {
				continue
			}
			r := c.reached(set.key, i)
			if j, ok := at[i]; ok {
				if r.better(Reach{out[j].How, out[j].Through}) {
					out[j].How, out[j].Through = r.How, r.Through
				}
				continue
			}
			at[i] = len(out)
			cause := c.Causes[i]
			cause.How, cause.Through = r.How, r.Through
			out = append(out, cause)
		}
	}
	// Those reached directly first: checks report the first of a kind.
	sort.SliceStable(out, func(i, j int) bool { return out[i].How == Directly && out[j].How != Directly })
	return out
}

func (c *Closure) add(cause Cause) {
	n, limit := 0, maxCausesPerKind
	// Some checks judge each cause on its own: exec by its program,
	// multipart by the module of its package. Keep a few per program or
	// package, so that the first causes met do not hide the others.
	same, sameLimit := 0, maxCausesPerKind
	var alike func(Cause) bool
	switch cause.Kind {
	case KindCgo:
		limit = maxCgoCauses
	case KindExec:
		limit, sameLimit = maxJudgedCauses, 2
		alike = func(have Cause) bool { return have.Arg == cause.Arg }
	case KindMultipart:
		limit, sameLimit = maxJudgedCauses, 2
		alike = func(have Cause) bool { return have.Pkg == cause.Pkg }
	}
	for i, have := range c.Causes {
		if have.Kind != cause.Kind {
			continue
		}
		if have.Pkg == cause.Pkg && have.Pos == cause.Pos {
			if len(cause.Chain) < len(have.Chain) {
				c.Causes[i].Chain = cause.Chain // messages show the shortest chain
			}
			return
		}
		n++
		if alike != nil && alike(have) {
			same++
		}
	}
	if n < limit && same < sameLimit {
		c.Causes = append(c.Causes, cause)
	} else {
		c.truncate(cause.Kind)
	}
}

func (c *Closure) truncate(k Kind) {
	if c.Truncated == nil {
		c.Truncated = map[Kind]bool{}
	}
	c.Truncated[k] = true
}

// CausesOf returns the causes of one kind.
func (c *Closure) CausesOf(k Kind) []Cause {
	var out []Cause
	for _, cause := range c.Causes {
		if cause.Kind == k {
			out = append(out, cause)
		}
	}
	return out
}

// Embeds reports whether the closure links package p.
func (c *Closure) Embeds(p string) bool {
	_, ok := c.Has[p]
	return ok
}

func position(fset *token.FileSet, pos token.Pos) token.Position {
	if !pos.IsValid() {
		return token.Position{}
	}
	return fset.Position(pos)
}

func prepend(p string, chain []string) []string {
	return append([]string{p}, chain...)
}

func dedupe(ss []string) []string {
	sort.Strings(ss)
	out := ss[:0]
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// ChainString renders an import chain starting at from: "main → a → net".
func ChainString(from string, chain []string) string {
	return strings.Join(prepend(from, chain), " → ")
}

// Chain0 is the first package of the chain: the import of the holder
// through which the cause is linked ("" for a cause in the holder).
func (c Cause) Chain0() string {
	if len(c.Chain) == 0 {
		return ""
	}
	return c.Chain[0]
}
