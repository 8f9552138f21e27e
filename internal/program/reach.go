package program

import (
	"go/ast"
	"go/token"
	"sort"
)

// Reachability (docs/DESIGN.md#reachability). A dependency's cause counts
// only when package main can reach it: from main.main and from the
// initialisation of every linked package, through calls, references to
// functions (function values, method expressions) and the methods of the
// types that reachable code mentions. The summary of a package therefore
// holds, besides its sites, a graph of its package-level declarations
// read from syntax alone:
//
//   - a function reaches what its body (function literals included)
//     calls or refers to;
//   - a type reaches the types its definition mentions (fields, elements,
//     embedded types) and its methods: every exported method, since it
//     may be called through an interface or reflection wherever a value
//     of the type goes, and an unexported one when the package selects a
//     method or field of that name anywhere (only its own package can
//     call it);
//   - mentioning a type (a literal, a conversion, a declaration, a
//     signature) reaches the type;
//   - a package variable reaches what its initialiser refers to; an
//     initialiser that calls anything runs all it refers to at
//     initialisation, as init functions do.
//
// This is rapid type analysis made coarser so that it needs no types and
// composes package by package: which of a type's exported methods a
// program calls is not tracked (any of them is taken as reachable once the
// type is), so a summary needs only, for each exported name, the causes it
// reaches (Closure.Entries), and for the package's initialisation and its
// imports', the causes reached whenever the package is linked
// (Closure.Init).

// Graph is the part of a package's summary reachability needs: its
// package-level declarations and what each refers to. Names are resolved
// to declarations by Merge, where the summaries of the imports are known.
type Graph struct {
	Name  string     // the package name (main for a command)
	Decls []Decl     // in source order; init code is one Decl named "init"
	Files [][]Import // per file, its imports (Use.File indexes this)
	// Selected holds the names selected anywhere in the package
	// (x.name): an unexported method is reachable from its type only when
	// the package names it somewhere, and a method that a package names
	// is taken as called (not only conservatively reached).
	Selected []string
	// MainFunc reports whether the package declares func main.
	MainFunc bool
}

// Import is one import of a file: its path and the name it is given in
// the file ("" for the package's own name, "." or "_").
type Import struct {
	Path string
	Name string
}

// DeclKind says what a Decl declares.
type DeclKind uint8

const (
	DeclFunc   DeclKind = iota // a function
	DeclMethod                 // a method: Name is "Type.Method"
	DeclType                   // a type
	DeclAlias                  // a type alias (type A = B)
	DeclVar                    // a package variable whose initialiser calls nothing
	DeclInit                   // init functions and initialisers that call something
)

// Decl is one package-level declaration (or the package's init code).
type Decl struct {
	Name  string
	Kind  DeclKind
	Refs  []string // this package's package-level names it mentions
	Uses  []Use    // imported packages' names it mentions
	Sites []int    // indexes into Local.Sites
	// TableRefs and TableUses are the functions a package variable's
	// map or slice literal holds: reached only through the table.
	TableRefs []string `json:",omitempty"`
	TableUses []Use    `json:",omitempty"`
}

// span is the source range of a declaration, for placing sites.
type span struct {
	pos, end token.Pos
	decl     int
}

// Use is a mention of an imported package's name: pkg.Name in file File,
// where pkg is the qualifier as written; "." stands for the file's dot
// imports (an unqualified name that is declared nowhere in the package).
type Use struct {
	File int
	Qual string
	Name string
}

// extractGraph reads the declarations of files (one package, tests
// excluded) into a Graph, and returns the source range of each.
func extractGraph(files []*ast.File) (*Graph, []span) {
	g := &Graph{}
	var spans []span
	top := map[string]bool{}   // package-level names of the parsed files
	types := map[string]bool{} // those that are types
	for _, f := range files {
		if g.Name == "" {
			g.Name = f.Name.Name
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.Name != "init" && d.Name.Name != "_" {
					top[d.Name.Name] = true
				}
				if d.Recv == nil && d.Name.Name == "main" {
					g.MainFunc = true
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch spec := spec.(type) {
					case *ast.TypeSpec:
						top[spec.Name.Name] = true
						types[spec.Name.Name] = true
					case *ast.ValueSpec:
						for _, n := range spec.Names {
							if n.Name != "_" {
								top[n.Name] = true
							}
						}
					}
				}
			}
		}
	}
	selected := map[string]bool{}
	decls := map[string]int{}
	// add returns the Decl of a name, new or not (a name declared twice
	// does not compile; init functions are one Decl), and records its
	// source range. Decls are addressed by index: the slice grows.
	add := func(name string, kind DeclKind, pos, end token.Pos) int {
		i, ok := decls[name]
		if !ok {
			i = len(g.Decls)
			decls[name] = i
			g.Decls = append(g.Decls, Decl{Name: name, Kind: kind})
		}
		spans = append(spans, span{pos, end, i})
		return i
	}
	for fi, f := range files {
		var imports []Import
		dot := false
		for _, spec := range f.Imports {
			imp := Import{Path: importPath(spec)}
			if spec.Name != nil {
				imp.Name = spec.Name.Name
				dot = dot || imp.Name == "."
			}
			imports = append(imports, imp)
		}
		g.Files = append(g.Files, imports)
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				var decl int
				switch {
				case d.Recv != nil:
					recv := receiverType(d.Recv)
					if recv == "" || d.Name.Name == "_" {
						continue
					}
					decl = add(recv+"."+d.Name.Name, DeclMethod, d.Pos(), d.End())
				case d.Name.Name == "init":
					decl = add("init", DeclInit, d.Pos(), d.End())
				case d.Name.Name == "_":
					continue
				default:
					decl = add(d.Name.Name, DeclFunc, d.Pos(), d.End())
				}
				w := newRefWalker(g, decl, fi, top, types, selected, dot)
				w.funcDecl(d)
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch spec := spec.(type) {
					case *ast.TypeSpec:
						kind := DeclType
						if spec.Assign.IsValid() {
							kind = DeclAlias
						}
						decl := add(spec.Name.Name, kind, spec.Pos(), spec.End())
						w := newRefWalker(g, decl, fi, top, types, selected, dot)
						w.typeSpec(spec)
					case *ast.ValueSpec:
						if d.Tok != token.VAR {
							continue
						}
						varSpec(g, add, spec, fi, top, types, selected, dot)
					}
				}
			}
		}
	}
	for name := range selected {
		g.Selected = append(g.Selected, name)
	}
	sort.Strings(g.Selected)
	for i := range g.Decls {
		d := &g.Decls[i]
		d.Refs = dedupe(d.Refs)
		d.Uses = dedupeUses(d.Uses)
		d.TableRefs = dedupe(d.TableRefs)
		d.TableUses = dedupeUses(d.TableUses)
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].pos < spans[j].pos })
	return g, spans
}

// graphOf reads the graph of a package's files and places each site in
// the declaration that holds it.
func graphOf(files []*ast.File, sites []Site) *Graph {
	g, spans := extractGraph(files)
	for i, s := range sites {
		j := sort.Search(len(spans), func(j int) bool { return spans[j].end > s.Pos })
		if j < len(spans) && spans[j].pos <= s.Pos {
			d := &g.Decls[spans[j].decl]
			d.Sites = append(d.Sites, i)
		}
	}
	return g
}

// varSpec adds the declarations of one package variable spec: a Decl per
// name when its initialiser only refers to things (a literal, a table of
// functions), the init Decl when it calls something, which then runs at
// initialisation with all it refers to.
func varSpec(g *Graph, add func(string, DeclKind, token.Pos, token.Pos) int, spec *ast.ValueSpec,
	fi int, top, types, selected map[string]bool, dot bool) {
	calls := false
	for _, v := range spec.Values {
		calls = calls || hasCall(v, types)
	}
	if calls || len(spec.Values) == 1 && len(spec.Names) > 1 {
		// var a, b = f(): one call, at initialisation.
		w := newRefWalker(g, add("init", DeclInit, spec.Pos(), spec.End()), fi, top, types, selected, dot)
		w.expr(spec.Type)
		for _, v := range spec.Values {
			w.expr(v)
		}
		return
	}
	for i, n := range spec.Names {
		if n.Name == "_" {
			continue // nothing can refer to it; it calls nothing
		}
		w := newRefWalker(g, add(n.Name, DeclVar, spec.Pos(), spec.End()), fi, top, types, selected, dot)
		w.expr(spec.Type)
		if i < len(spec.Values) {
			w.tableValue(spec.Values[i])
		}
	}
}

// hasCall reports whether e calls a function (a conversion to a type of
// the package or a type literal, or a builtin that calls nothing, is not
// a call; a call of an imported name is, whatever it is).
func hasCall(e ast.Expr, types map[string]bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its body runs when it is called
		case *ast.CallExpr:
			switch fun := ast.Unparen(n.Fun).(type) {
			case *ast.Ident:
				if types[fun.Name] || noCallBuiltins[fun.Name] {
					return true
				}
			case *ast.StarExpr, *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.InterfaceType, *ast.StructType:
				return true
			case *ast.IndexExpr:
				if id, ok := fun.X.(*ast.Ident); ok && types[id.Name] {
					return true
				}
			}
			found = true
			return false
		}
		return true
	})
	return found
}

// noCallBuiltins are the builtins that call no function they are given.
var noCallBuiltins = map[string]bool{
	"append": true, "cap": true, "complex": true, "imag": true, "len": true, "make": true,
	"max": true, "min": true, "new": true, "real": true, "string": true, "int": true,
	"bool": true, "byte": true, "rune": true, "float64": true, "int64": true, "uint64": true,
	"uint32": true, "int32": true, "uint": true, "float32": true, "uint8": true, "uint16": true,
	"int8": true, "int16": true, "uintptr": true, "any": true, "error": true,
}

// receiverType returns the name of a method's receiver base type.
func receiverType(recv *ast.FieldList) string {
	if recv == nil || len(recv.List) == 0 {
		return ""
	}
	t := recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.ParenExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

func dedupeUses(us []Use) []Use {
	if len(us) < 2 {
		return us
	}
	sort.Slice(us, func(i, j int) bool {
		a, b := us[i], us[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Qual != b.Qual {
			return a.Qual < b.Qual
		}
		return a.Name < b.Name
	})
	out := us[:1]
	for _, u := range us[1:] {
		if u != out[len(out)-1] {
			out = append(out, u)
		}
	}
	return out
}
