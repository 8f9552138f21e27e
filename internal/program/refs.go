package program

import (
	"go/ast"
	"go/token"
)

// refWalker collects what one declaration refers to: the package-level
// names of its package, the names of imported packages, and the
// unexported names it selects. Local declarations (parameters, variables,
// types, in their Go scopes) shadow package-level names, as the type
// checker would resolve them; the walker needs no types, so that every
// driver computes the same graph (docs/DESIGN.md#reachability).
type refWalker struct {
	g        *Graph
	decl     int
	file     int
	top      map[string]bool // package-level names
	types    map[string]bool // package-level type names
	selected map[string]bool
	dot      bool // the file has dot imports
	scopes   []map[string]bool
	// table, while walking an element of a package-level table of
	// functions, records references as TableRefs and TableUses.
	table bool
}

func newRefWalker(g *Graph, decl, file int, top, types, selected map[string]bool, dot bool) *refWalker {
	return &refWalker{g: g, decl: decl, file: file, top: top, types: types, selected: selected, dot: dot}
}

// isRuntime reports whether x is the runtime package's name: no file
// that compiles selects GOOS from another package named runtime, so a
// name that is neither local nor declared in the package will do.
func (w *refWalker) isRuntime(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	return ok && id.Name == "runtime" && !w.local(id.Name) && !w.top[id.Name]
}

func (w *refWalker) push() { w.scopes = append(w.scopes, nil) }
func (w *refWalker) pop()  { w.scopes = w.scopes[:len(w.scopes)-1] }

func (w *refWalker) declare(id *ast.Ident) {
	if id == nil || id.Name == "_" {
		return
	}
	s := &w.scopes[len(w.scopes)-1]
	if *s == nil {
		*s = map[string]bool{}
	}
	(*s)[id.Name] = true
}

func (w *refWalker) local(name string) bool {
	for i := len(w.scopes) - 1; i >= 0; i-- {
		if w.scopes[i][name] {
			return true
		}
	}
	return false
}

// ident records a name used as an operand or a type.
func (w *refWalker) ident(id *ast.Ident) {
	switch {
	case id.Name == "_" || w.local(id.Name):
	case w.top[id.Name]:
		w.ref(id.Name)
	case w.dot:
		w.use(Use{File: w.file, Qual: ".", Name: id.Name})
	}
}

func (w *refWalker) ref(name string) {
	d := &w.g.Decls[w.decl]
	if w.table {
		d.TableRefs = append(d.TableRefs, name)
	} else {
		d.Refs = append(d.Refs, name)
	}
}

func (w *refWalker) use(u Use) {
	d := &w.g.Decls[w.decl]
	if w.table {
		d.TableUses = append(d.TableUses, u)
	} else {
		d.Uses = append(d.Uses, u)
	}
}

// selectName records a name selected (x.name): a method of that name may
// be called.
func (w *refWalker) selectName(name string) {
	w.selected[name] = true
}

func (w *refWalker) funcDecl(d *ast.FuncDecl) {
	w.push()
	defer w.pop()
	if d.Recv != nil {
		// The receiver's type parameters: func (l *List[T]) M().
		for _, f := range d.Recv.List {
			t := f.Type
			if s, ok := t.(*ast.StarExpr); ok {
				t = s.X
			}
			switch x := t.(type) {
			case *ast.IndexExpr:
				if id, ok := x.Index.(*ast.Ident); ok {
					w.declare(id)
				}
			case *ast.IndexListExpr:
				for _, e := range x.Indices {
					if id, ok := e.(*ast.Ident); ok {
						w.declare(id)
					}
				}
			}
		}
		w.fields(d.Recv, true)
	}
	w.funcType(d.Type)
	if d.Body != nil {
		w.stmts(d.Body.List)
	}
}

// funcType declares the type parameters, parameters and results of a
// function in the current scope, after walking their types.
func (w *refWalker) funcType(t *ast.FuncType) {
	if t.TypeParams != nil {
		for _, f := range t.TypeParams.List {
			for _, n := range f.Names {
				w.declare(n)
			}
		}
		w.fields(t.TypeParams, false)
	}
	w.fields(t.Params, true)
	w.fields(t.Results, true)
}

// fields walks the types of a field list; declare declares its names in
// the current scope (parameters), otherwise they are field names.
func (w *refWalker) fields(list *ast.FieldList, declare bool) {
	if list == nil {
		return
	}
	for _, f := range list.List {
		w.expr(f.Type)
	}
	if declare {
		for _, f := range list.List {
			for _, n := range f.Names {
				w.declare(n)
			}
		}
	}
}

func (w *refWalker) typeSpec(spec *ast.TypeSpec) {
	w.push()
	defer w.pop()
	if spec.TypeParams != nil {
		for _, f := range spec.TypeParams.List {
			for _, n := range f.Names {
				w.declare(n)
			}
		}
		w.fields(spec.TypeParams, false)
	}
	w.typeExpr(spec.Type)
}

// typeExpr walks a type in a type declaration: the method signatures of
// an interface are not values of their types, so they reach nothing.
func (w *refWalker) typeExpr(e ast.Expr) {
	if it, ok := e.(*ast.InterfaceType); ok {
		for _, m := range it.Methods.List {
			if len(m.Names) == 0 {
				w.expr(m.Type) // an embedded interface or a constraint
			}
		}
		return
	}
	w.expr(e)
}

// tableValue walks the initialiser of a package variable: the functions a
// map or slice literal holds (named, or literals, in its elements or in
// the struct literals that are its elements) are reached only through the
// table, whose use does not say which of them runs.
func (w *refWalker) tableValue(e ast.Expr) {
	lit := tableLiteral(e)
	if lit == nil {
		w.expr(e)
		return
	}
	w.expr(lit.Type)
	w.tableElts(lit.Elts, 0)
}

// tableElts walks a table's elements; depth bounds the nesting of
// element literals followed.
func (w *refWalker) tableElts(elts []ast.Expr, depth int) {
	for _, elt := range elts {
		v := elt
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if _, ok := kv.Key.(*ast.Ident); !ok || depth == 0 {
				w.expr(kv.Key) // a field name is not a reference
			}
			v = kv.Value
		}
		switch x := ast.Unparen(v).(type) {
		case *ast.Ident, *ast.SelectorExpr, *ast.FuncLit:
			w.table = true
			w.expr(v)
			w.table = false
		case *ast.CompositeLit:
			if depth >= 2 {
				w.expr(v)
				continue
			}
			w.expr(x.Type)
			w.tableElts(x.Elts, depth+1)
		case *ast.UnaryExpr:
			if lit, ok := ast.Unparen(x.X).(*ast.CompositeLit); ok && x.Op == token.AND && depth < 2 {
				w.expr(lit.Type)
				w.tableElts(lit.Elts, depth+1)
				continue
			}
			w.expr(v)
		default:
			w.expr(v)
		}
	}
}

// tableLiteral returns e's map or slice literal: a literal of a map,
// slice or array type, or of a named type whose keys are constants (a
// struct literal's keys are field names).
func tableLiteral(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	switch lit.Type.(type) {
	case *ast.MapType, *ast.ArrayType:
		return lit
	}
	if len(lit.Elts) > 0 {
		if kv, ok := lit.Elts[0].(*ast.KeyValueExpr); ok {
			if _, ok := kv.Key.(*ast.BasicLit); ok {
				return lit
			}
		}
	}
	return nil
}

func (w *refWalker) exprs(es []ast.Expr) {
	for _, e := range es {
		w.expr(e)
	}
}

func (w *refWalker) expr(e ast.Expr) {
	switch e := e.(type) {
	case nil:
	case *ast.Ident:
		w.ident(e)
	case *ast.BasicLit, *ast.BadExpr:
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok && !w.local(x.Name) && !w.top[x.Name] {
			// An imported package's name (the merge resolves the
			// qualifier), or a name declared nowhere.
			if ast.IsExported(e.Sel.Name) {
				w.use(Use{File: w.file, Qual: x.Name, Name: e.Sel.Name})
			}
			return
		}
		w.expr(e.X)
		w.selectName(e.Sel.Name)
	case *ast.FuncLit:
		w.push()
		w.funcType(e.Type)
		w.stmts(e.Body.List)
		w.pop()
	case *ast.CompositeLit:
		w.expr(e.Type)
		for _, elt := range e.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if _, ok := kv.Key.(*ast.Ident); !ok {
					w.expr(kv.Key) // a field name is not a reference
				}
				w.expr(kv.Value)
				continue
			}
			w.expr(elt)
		}
	case *ast.ParenExpr:
		w.expr(e.X)
	case *ast.IndexExpr:
		w.expr(e.X)
		w.expr(e.Index)
	case *ast.IndexListExpr:
		w.expr(e.X)
		w.exprs(e.Indices)
	case *ast.SliceExpr:
		w.expr(e.X)
		w.expr(e.Low)
		w.expr(e.High)
		w.expr(e.Max)
	case *ast.TypeAssertExpr:
		w.expr(e.X)
		w.expr(e.Type)
	case *ast.CallExpr:
		w.expr(e.Fun)
		w.exprs(e.Args)
	case *ast.StarExpr:
		w.expr(e.X)
	case *ast.UnaryExpr:
		w.expr(e.X)
	case *ast.BinaryExpr:
		w.expr(e.X)
		w.expr(e.Y)
	case *ast.KeyValueExpr:
		w.expr(e.Key)
		w.expr(e.Value)
	case *ast.ArrayType:
		w.expr(e.Len)
		w.expr(e.Elt)
	case *ast.StructType:
		w.fields(e.Fields, false)
	case *ast.FuncType:
		w.push()
		w.funcType(e)
		w.pop()
	case *ast.InterfaceType:
		for _, m := range e.Methods.List {
			w.expr(m.Type)
		}
	case *ast.MapType:
		w.expr(e.Key)
		w.expr(e.Value)
	case *ast.ChanType:
		w.expr(e.Value)
	case *ast.Ellipsis:
		w.expr(e.Elt)
	}
}

func (w *refWalker) stmts(list []ast.Stmt) {
	for _, s := range list {
		w.stmt(s)
	}
}

func (w *refWalker) block(b *ast.BlockStmt) {
	if b == nil {
		return
	}
	w.push()
	w.stmts(b.List)
	w.pop()
}

func (w *refWalker) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case nil:
	case *ast.DeclStmt:
		gen, ok := s.Decl.(*ast.GenDecl)
		if !ok {
			return
		}
		for _, spec := range gen.Specs {
			switch spec := spec.(type) {
			case *ast.ValueSpec:
				w.expr(spec.Type)
				w.exprs(spec.Values)
				for _, n := range spec.Names {
					w.declare(n)
				}
			case *ast.TypeSpec:
				w.declare(spec.Name) // in scope in its own definition
				w.push()
				if spec.TypeParams != nil {
					for _, f := range spec.TypeParams.List {
						for _, n := range f.Names {
							w.declare(n)
						}
					}
					w.fields(spec.TypeParams, false)
				}
				w.expr(spec.Type)
				w.pop()
			}
		}
	case *ast.LabeledStmt:
		w.stmt(s.Stmt)
	case *ast.ExprStmt:
		w.expr(s.X)
	case *ast.SendStmt:
		w.expr(s.Chan)
		w.expr(s.Value)
	case *ast.IncDecStmt:
		w.expr(s.X)
	case *ast.AssignStmt:
		w.exprs(s.Rhs)
		if s.Tok == token.DEFINE {
			for _, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					w.declare(id)
				}
			}
		} else {
			w.exprs(s.Lhs)
		}
	case *ast.GoStmt:
		w.expr(s.Call)
	case *ast.DeferStmt:
		w.expr(s.Call)
	case *ast.ReturnStmt:
		w.exprs(s.Results)
	case *ast.BranchStmt:
	case *ast.BlockStmt:
		w.block(s)
	case *ast.IfStmt:
		w.push()
		w.stmt(s.Init)
		w.expr(s.Cond)
		// A branch taken only on another operating system calls nothing
		// in a Linux image (goosguard.go).
		switch goosTest(s.Cond, w.isRuntime) {
		case notLinux:
			w.stmt(s.Else)
		case onLinux:
			w.block(s.Body)
		default:
			w.block(s.Body)
			w.stmt(s.Else)
		}
		w.pop()
	case *ast.CaseClause:
		w.exprs(s.List)
		w.push()
		w.stmts(s.Body)
		w.pop()
	case *ast.SwitchStmt:
		w.push()
		w.stmt(s.Init)
		w.expr(s.Tag)
		if s.Init == nil && isGOOS(s.Tag, w.isRuntime) {
			for _, c := range s.Body.List {
				if cc, ok := c.(*ast.CaseClause); ok && otherOSCase(cc) {
					w.exprs(cc.List) // the body runs only elsewhere
					continue
				}
				w.stmt(c)
			}
		} else {
			w.block(s.Body)
		}
		w.pop()
	case *ast.TypeSwitchStmt:
		w.push()
		w.stmt(s.Init)
		var bound *ast.Ident
		switch a := s.Assign.(type) {
		case *ast.AssignStmt: // v := x.(type)
			if len(a.Lhs) == 1 && len(a.Rhs) == 1 {
				bound, _ = a.Lhs[0].(*ast.Ident)
				w.expr(a.Rhs[0])
			}
		case *ast.ExprStmt:
			w.expr(a.X)
		}
		for _, c := range s.Body.List {
			cc := c.(*ast.CaseClause)
			w.exprs(cc.List)
			w.push()
			w.declare(bound)
			w.stmts(cc.Body)
			w.pop()
		}
		w.pop()
	case *ast.CommClause:
		w.push()
		w.stmt(s.Comm)
		w.stmts(s.Body)
		w.pop()
	case *ast.SelectStmt:
		w.block(s.Body)
	case *ast.ForStmt:
		w.push()
		w.stmt(s.Init)
		w.expr(s.Cond)
		w.stmt(s.Post)
		w.block(s.Body)
		w.pop()
	case *ast.RangeStmt:
		w.expr(s.X)
		w.push()
		if s.Tok == token.DEFINE {
			if id, ok := s.Key.(*ast.Ident); ok {
				w.declare(id)
			}
			if id, ok := s.Value.(*ast.Ident); ok {
				w.declare(id)
			}
		} else {
			w.expr(s.Key)
			w.expr(s.Value)
		}
		w.block(s.Body)
		w.pop()
	}
}
