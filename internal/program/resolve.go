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
// imports' summaries: the causes each declaration reaches.
type reachState struct {
	g    *Graph
	tab  []Cause // the causes, in canonical order (local sites first, then by import)
	sets [][]int // per Decl: indexes into tab, bounded per kind
	init []int   // the package's init code and its imports' Init
	// truncated marks the kinds of which bound dropped a cause: a set's
	// count is then a lower bound (Closure.Truncated).
	truncated map[Kind]bool
	imp       map[string]*Closure
}

// causeKey identifies a cause whatever the chain it is reached through.
type causeKey struct {
	kind Kind
	pkg  string
	pos  token.Position
}

func keyOf(c Cause) causeKey { return causeKey{c.Kind, c.Pkg, c.Pos} }

// resolveReach computes what each declaration of local's graph reaches.
// imports are the summaries of the imports, sorted by path.
func resolveReach(fset *token.FileSet, pkgPath string, local Local, imports []Imported) *reachState {
	st := &reachState{g: local.Graph, imp: map[string]*Closure{}}
	for _, imp := range imports {
		if imp.Closure != nil {
			st.imp[imp.Path] = imp.Closure
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
	var resolved [][]useRef // per Decl
	if g != nil {
		resolved = make([][]useRef, len(g.Decls))
		for i := range g.Decls {
			for _, u := range g.Decls[i].Uses {
				for _, p := range st.qualify(u) {
					c := st.imp[p]
					if len(c.Entries[u.Name]) == 0 {
						continue
					}
					if used[p] == nil {
						used[p] = map[string]bool{}
					}
					used[p][u.Name] = true
					resolved[i] = append(resolved[i], useRef{p, u.Name})
				}
			}
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
	external := func(p string, idx []int) []int {
		var out []int
		m := mapped[p]
		for _, i := range idx {
			if t, ok := m[i]; ok {
				out = append(out, t)
			}
		}
		return out
	}
	for _, imp := range imports {
		if imp.Closure != nil {
			st.init = append(st.init, external(imp.Path, imp.Closure.Init)...)
		}
	}
	if g == nil {
		st.init = st.bound(st.init)
		return st
	}

	// The graph: each Decl's successors and its own causes.
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
	selected := map[string]bool{}
	for _, s := range g.Selected {
		selected[s] = true
	}
	succ := make([][]int, len(g.Decls))
	own := make([][]int, len(g.Decls))
	for i, d := range g.Decls {
		for _, r := range d.Refs {
			if j, ok := byName[r]; ok {
				succ[i] = append(succ[i], j)
			}
		}
		if d.Kind == DeclAlias {
			// type A = B: B's mentions reach A's methods too.
			for _, r := range d.Refs {
				if j, ok := byName[r]; ok {
					succ[j] = append(succ[j], i)
				}
			}
		}
		if d.Kind == DeclType || d.Kind == DeclAlias {
			for _, m := range methods[d.Name] {
				_, name, _ := strings.Cut(g.Decls[m].Name, ".")
				if ast.IsExported(name) || selected[name] {
					succ[i] = append(succ[i], m)
				}
			}
		}
		for _, s := range d.Sites {
			if s >= 0 && s < len(siteCause) && siteCause[s] >= 0 {
				own[i] = append(own[i], siteCause[s])
			}
		}
		for _, u := range resolved[i] {
			own[i] = append(own[i], external(u.path, st.imp[u.path].Entries[u.name])...)
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

// closeOver computes, for every node of a graph, the bounded union of its
// own causes and those of every node it reaches (strongly connected
// components first, with Tarjan's algorithm).
func (st *reachState) closeOver(succ, own [][]int) [][]int {
	n := len(succ)
	sets := make([][]int, n)
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
		for _, w := range succ[v] {
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
		// v roots a component: its members share one set.
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
		var set []int
		for _, m := range members {
			set = append(set, own[m]...)
			for _, w := range succ[m] {
				if !inComponent[w] {
					set = append(set, sets[w]...)
				}
			}
		}
		set = st.bound(set)
		for _, m := range members {
			sets[m] = set
		}
	}
	for v := 0; v < n; v++ {
		if index[v] < 0 {
			visit(v)
		}
	}
	return sets
}

// bound sorts and dedupes a set of causes and keeps, per kind, as many as
// a closure keeps (Closure.add's limits), the first in canonical order.
func (st *reachState) bound(set []int) []int {
	if len(set) == 0 {
		return nil
	}
	sort.Ints(set)
	out := set[:0]
	type kindArg struct {
		kind Kind
		key  string
	}
	count := map[Kind]int{}
	same := map[kindArg]int{}
	for i, c := range set {
		if i > 0 && c == set[i-1] {
			continue
		}
		cause := st.tab[c]
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
		out = append(out, c)
	}
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
