package program

import (
	"go/ast"
	"go/token"
	"sort"
	"strings"
)

// linkLevel reports whether causes of kind k count wherever the package is
// linked, reached or not: a cgo package needs the loader for the binary
// to start at all, and a package whose !cgo build is a stub is imported
// for nothing else (cgostub).
func linkLevel(k Kind) bool { return k == KindCgo || k == KindCgoStub }

// reachState is the reachability of one package's graph, given its
// imports' summaries: the causes each declaration reaches, and how.
type reachState struct {
	g       *Graph
	pkgPath string
	tab     []Cause  // the causes, in canonical order (local sites first, then by import)
	sets    [][]item // per Decl: the causes it reaches, bounded per kind
	init    []item   // the package's init code and its imports' Init
	imp     map[string]*Closure
	named   map[string]bool // names the package selects (Graph.Selected)
	// truncated marks the kinds of which bound dropped a cause: a set's
	// count is then a lower bound (Closure.Truncated).
	truncated map[Kind]bool
}

// item is one cause a declaration reaches (an index into tab), and how.
type item struct {
	c int
	r Reach
}

// causeKey identifies a cause whatever the chain it is reached through.
type causeKey struct {
	kind Kind
	pkg  string
	pos  token.Position
}

func keyOf(c Cause) causeKey { return causeKey{c.Kind, c.Pkg, c.Pos} }

// calledByStd are the methods that the standard library calls through
// its own interfaces (io, fmt, errors, sort, container/heap, encoding,
// net/http, context, flag). The standard library carries no declaration
// graph (its packages are the sinks' implementation), so a method of
// these names counts as called by name, as if every program named it.
var calledByStd = map[string]bool{
	"Read": true, "Write": true, "Close": true, "Seek": true, "ReadAt": true, "WriteTo": true,
	"ReadFrom": true, "String": true, "GoString": true, "Format": true, "Error": true,
	"Unwrap": true, "Is": true, "As": true, "Len": true, "Less": true, "Swap": true,
	"Push": true, "Pop": true, "MarshalJSON": true, "UnmarshalJSON": true,
	"MarshalText": true, "UnmarshalText": true, "MarshalBinary": true, "UnmarshalBinary": true,
	"ServeHTTP": true, "RoundTrip": true, "Deadline": true, "Done": true, "Err": true,
	"Value": true, "Set": true,
}

// calls reports whether the package calls a method of this name: it
// selects it somewhere, or the standard library calls it.
func (st *reachState) calls(method string) bool {
	return st.named[method] || calledByStd[method]
}

// upgrade is the reach, in this package, of a cause an import reaches
// with r: a method the package calls by name is called.
func (st *reachState) upgrade(r Reach) Reach {
	if r.How == ThroughMethod && st.calls(r.method()) {
		return Reach{}
	}
	return r
}

// resolveReach computes what each declaration of local's graph reaches.
// imports are the summaries of the imports, sorted by path.
func resolveReach(fset *token.FileSet, pkgPath string, local Local, imports []Imported) *reachState {
	st := &reachState{g: local.Graph, pkgPath: pkgPath, imp: map[string]*Closure{}, named: map[string]bool{}}
	for _, imp := range imports {
		if imp.Closure != nil {
			st.imp[imp.Path] = imp.Closure
		}
	}
	if g := local.Graph; g != nil {
		for _, s := range g.Selected {
			st.named[s] = true
		}
	}
	index := map[causeKey]int{}
	addCause := func(c Cause) int {
		k := keyOf(c)
		if i, ok := index[k]; ok {
			if len(c.Chain) < len(st.tab[i].Chain) {
				st.tab[i].Chain = c.Chain
			}
			return i
		}
		index[k] = len(st.tab)
		st.tab = append(st.tab, c)
		return len(st.tab) - 1
	}
	// The local sites, then, import by import, the causes used: each
	// import's Init and the entries the graph names. The order decides
	// which causes a bounded set keeps, so it must not depend on the
	// order in which the graph is walked.
	siteCause := make([]int, len(local.Sites))
	for i, s := range local.Sites {
		siteCause[i] = -1
		if !linkLevel(s.Kind) {
			siteCause[i] = addCause(Cause{Kind: s.Kind, Pkg: pkgPath, Pos: position(fset, s.Pos), What: s.What, Arg: s.Arg})
		}
	}
	g := local.Graph
	// used[path] holds the entries of that import the graph names.
	used := map[string]map[string]bool{}
	resolve := func(uses []Use) []useRef {
		var out []useRef
		for _, u := range uses {
			for _, p := range st.qualify(u) {
				c := st.imp[p]
				if len(c.Entries[u.Name]) == 0 {
					continue
				}
				if used[p] == nil {
					used[p] = map[string]bool{}
				}
				used[p][u.Name] = true
				out = append(out, useRef{p, u.Name})
			}
		}
		return out
	}
	var resolved, resolvedTable [][]useRef // per Decl
	if g != nil {
		resolved = make([][]useRef, len(g.Decls))
		resolvedTable = make([][]useRef, len(g.Decls))
		for i := range g.Decls {
			resolved[i] = resolve(g.Decls[i].Uses)
			resolvedTable[i] = resolve(g.Decls[i].TableUses)
		}
	}
	mapped := map[string]map[int]int{} // import path → its cause index → tab index
	for _, imp := range imports {
		c := imp.Closure
		if c == nil {
			continue
		}
		need := map[int]bool{}
		for _, i := range c.Init {
			need[i] = true
		}
		for name := range used[imp.Path] {
			for _, i := range c.Entries[name] {
				need[i] = true
			}
		}
		order := make([]int, 0, len(need))
		for i := range need {
			order = append(order, i)
		}
		sort.Ints(order)
		m := map[int]int{}
		for _, i := range order {
			if i < 0 || i >= len(c.Causes) {
				continue // a malformed summary
			}
			cause := c.Causes[i]
			cause.Chain = prepend(imp.Path, cause.Chain)
			m[i] = addCause(cause)
		}
		mapped[imp.Path] = m
	}
	// external returns the items of an import's set (key: "init" or an
	// entry's name), as this package reaches them.
	external := func(p, key string, idx []int) []item {
		var out []item
		m := mapped[p]
		c := st.imp[p]
		for _, i := range idx {
			if t, ok := m[i]; ok {
				out = append(out, item{t, st.upgrade(c.reached(key, i))})
			}
		}
		return out
	}
	for _, imp := range imports {
		if imp.Closure != nil {
			st.init = append(st.init, external(imp.Path, "init", imp.Closure.Init)...)
		}
	}
	if g == nil {
		st.init = st.bound(st.init)
		return st
	}

	// The graph: each Decl's successors (and how an edge reaches them)
	// and its own causes.
	byName := map[string]int{}
	methods := map[string][]int{} // type name → its method Decls
	for i, d := range g.Decls {
		if d.Kind == DeclMethod {
			recv, _, _ := strings.Cut(d.Name, ".")
			methods[recv] = append(methods[recv], i)
			continue
		}
		if d.Kind != DeclInit {
			byName[d.Name] = i
		}
	}
	succ := make([][]edge, len(g.Decls))
	own := make([][]item, len(g.Decls))
	for i, d := range g.Decls {
		table := Reach{ThroughTable, pkgPath + "." + d.Name}
		for _, r := range d.Refs {
			if j, ok := byName[r]; ok {
				succ[i] = append(succ[i], edge{j, Reach{}})
			}
		}
		for _, r := range d.TableRefs {
			if j, ok := byName[r]; ok {
				succ[i] = append(succ[i], edge{j, table})
			}
		}
		if d.Kind == DeclAlias {
			// type A = B: B's mentions reach A's methods too.
			for _, r := range d.Refs {
				if j, ok := byName[r]; ok {
					succ[j] = append(succ[j], edge{i, Reach{}})
				}
			}
		}
		if d.Kind == DeclType || d.Kind == DeclAlias {
			for _, m := range methods[d.Name] {
				_, name, _ := strings.Cut(g.Decls[m].Name, ".")
				switch {
				case st.calls(name):
					succ[i] = append(succ[i], edge{m, Reach{}})
				case ast.IsExported(name):
					succ[i] = append(succ[i], edge{m, Reach{ThroughMethod, pkgPath + "." + g.Decls[m].Name}})
				}
			}
		}
		for _, s := range d.Sites {
			if s >= 0 && s < len(siteCause) && siteCause[s] >= 0 {
				own[i] = append(own[i], item{siteCause[s], Reach{}})
			}
		}
		for _, u := range resolved[i] {
			own[i] = append(own[i], external(u.path, u.name, st.imp[u.path].Entries[u.name])...)
		}
		for _, u := range resolvedTable[i] {
			for _, it := range external(u.path, u.name, st.imp[u.path].Entries[u.name]) {
				own[i] = append(own[i], item{it.c, table.then(it.r)})
			}
		}
	}
	st.sets = st.closeOver(succ, own)
	for i, d := range g.Decls {
		if d.Kind == DeclInit {
			st.init = append(st.init, st.sets[i]...)
		}
	}
	st.init = st.bound(st.init)
	return st
}

type useRef struct{ path, name string }

// edge is a reference from one Decl to another, and how it reaches it:
// Directly, or only through a method no one names or through a table.
type edge struct {
	to  int
	via Reach
}

// qualify returns the import paths a Use may name: the import of its file
// with that name (explicit, or the package's own name as its summary
// records it), or every dot import for ".".
func (st *reachState) qualify(u Use) []string {
	if u.File < 0 || u.File >= len(st.g.Files) {
		return nil
	}
	var out []string
	for _, imp := range st.g.Files[u.File] {
		c := st.imp[imp.Path]
		if c == nil {
			continue
		}
		switch {
		case u.Qual == ".":
			if imp.Name == "." {
				out = append(out, imp.Path)
			}
		case imp.Name != "":
			if imp.Name == u.Qual {
				return []string{imp.Path}
			}
		case c.Name == u.Qual:
			return []string{imp.Path}
		}
	}
	return out
}

// closeOver computes, for every node of a graph, the bounded set of its
// own causes and those of every node it reaches, each with its best reach
// over all paths. Strongly connected components are done in dependency
// order (Tarjan's algorithm); within one, reaches are propagated along
// its edges until nothing improves. Every step only improves a reach in
// a total order, so the result does not depend on the order of the walk.
func (st *reachState) closeOver(succ [][]edge, own [][]item) [][]item {
	n := len(succ)
	sets := make([][]item, n)
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	next := 0
	var visit func(v int)
	visit = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, e := range succ[v] {
			w := e.to
			if index[w] < 0 {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] != index[v] {
			return
		}
		// v roots a component.
		var members []int
		for {
			w := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[w] = false
			members = append(members, w)
			if w == v {
				break
			}
		}
		inComponent := map[int]bool{}
		for _, m := range members {
			inComponent[m] = true
		}
		best := make(map[int]map[int]Reach, len(members))
		improve := func(m int, it item) bool {
			have, ok := best[m][it.c]
			if ok && !it.r.better(have) {
				return false
			}
			best[m][it.c] = it.r
			return true
		}
		for _, m := range members {
			best[m] = map[int]Reach{}
			for _, it := range own[m] {
				improve(m, it)
			}
			for _, e := range succ[m] {
				if !inComponent[e.to] {
					for _, it := range sets[e.to] {
						improve(m, item{it.c, e.via.then(it.r)})
					}
				}
			}
		}
		for changed := len(members) > 1; changed; {
			changed = false
			for _, m := range members {
				for _, e := range succ[m] {
					if !inComponent[e.to] {
						continue
					}
					for c, r := range best[e.to] {
						if improve(m, item{c, e.via.then(r)}) {
							changed = true
						}
					}
				}
			}
		}
		for _, m := range members {
			set := make([]item, 0, len(best[m]))
			for c, r := range best[m] {
				set = append(set, item{c, r})
			}
			sets[m] = st.bound(set)
		}
	}
	for v := 0; v < n; v++ {
		if index[v] < 0 {
			visit(v)
		}
	}
	return sets
}

// bound dedupes a set of causes, keeping each one's best reach, and keeps
// per kind as many as a closure keeps (Closure.add's limits): the causes
// reached directly first, then in canonical order. The result is sorted
// by cause.
func (st *reachState) bound(set []item) []item {
	if len(set) == 0 {
		return nil
	}
	sort.Slice(set, func(i, j int) bool {
		if set[i].c != set[j].c {
			return set[i].c < set[j].c
		}
		return set[i].r.better(set[j].r)
	})
	uniq := set[:0]
	for i, it := range set {
		if i == 0 || it.c != set[i-1].c {
			uniq = append(uniq, it)
		}
	}
	sort.SliceStable(uniq, func(i, j int) bool { return uniq[i].r.rank() < uniq[j].r.rank() })
	type kindArg struct {
		kind Kind
		key  string
	}
	count := map[Kind]int{}
	same := map[kindArg]int{}
	var out []item
	for _, it := range uniq {
		cause := st.tab[it.c]
		limit, sameLimit, key := limits(cause)
		if count[cause.Kind] >= limit || same[kindArg{cause.Kind, key}] >= sameLimit {
			if st.truncated == nil {
				st.truncated = map[Kind]bool{}
			}
			st.truncated[cause.Kind] = true
			continue
		}
		count[cause.Kind]++
		same[kindArg{cause.Kind, key}]++
		out = append(out, it)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].c < out[j].c })
	return out
}

// limits returns how many causes of cause's kind a set keeps, and how
// many of those alike with it (same key).
func limits(cause Cause) (limit, sameLimit int, key string) {
	switch cause.Kind {
	case KindCgo:
		return maxCgoCauses, maxCgoCauses, ""
	case KindExec:
		return maxJudgedCauses, 2, cause.Arg
	case KindMultipart:
		return maxJudgedCauses, 2, cause.Pkg
	}
	return maxCausesPerKind, maxCausesPerKind, ""
}

// potentNames returns the names whose mention in a file of the package
// may reach a cause: those of the declarations that reach one, and the
// method names of methods that do (an unexported method counts only where
// the package selects its name).
func (st *reachState) potentNames() []string {
	if st.g == nil {
		return nil
	}
	var names []string
	for i, d := range st.g.Decls {
		if len(st.sets[i]) == 0 || d.Kind == DeclInit {
			continue
		}
		if d.Kind == DeclMethod {
			_, m, _ := strings.Cut(d.Name, ".")
			names = append(names, m)
			continue
		}
		names = append(names, d.Name)
	}
	return dedupe(names)
}
