package program

import (
	"go/ast"
	"go/token"
)

// Whether a TLS client verifies against the system roots is decided per
// client, from the tls.Config it uses (docs/FACTS.md#ca-roots):
//
//	http.Get(url)                                   system roots
//	&http.Transport{}                               system roots
//	&http.Transport{TLSClientConfig: cfg}           cfg decides
//	cfg := &tls.Config{RootCAs: pool}               its own roots
//	cfg.RootCAs = pool                              its own roots
//	tr.TLSClientConfig = cfg                        cfg decides
//	newConfig(), a parameter, a field               not known here
//
// What cannot be followed within the function is left to the package: a
// package that sets RootCAs anywhere is taken to configure its own clients,
// as before this was judged per client.

// rootsUse says which roots a TLS site verifies against.
type rootsUse int

const (
	rootsUnknown rootsUse = iota // the package decides (it sets RootCAs somewhere or not)
	rootsSystem                  // the system roots
	rootsOwn                     // its own pool
)

// tlsConfigArg is the argument holding the *tls.Config of the TLS calls.
var tlsConfigArg = map[string]int{"Dial": 2, "DialWithDialer": 3, "Client": 1}

// clientRoots judges the TLS site n: a call, composite literal or
// reference of sink s. stack holds the nodes enclosing n, n last; file is
// the scope when n is in no function.
func clientRoots(s *sink, n ast.Node, stack []ast.Node, file *ast.File, resolve func(ast.Expr) string) rootsUse {
	scope := ast.Node(file)
	for i := len(stack) - 1; i >= 0; i-- {
		if fn, ok := stack[i].(*ast.FuncDecl); ok && fn.Body != nil {
			scope = fn.Body
			break
		}
		if fn, ok := stack[i].(*ast.FuncLit); ok {
			scope = fn.Body
			break
		}
	}
	j := &rootsJudge{scope: scope, resolve: resolve}
	switch s.pkg + "." + s.name {
	case "net/http.Get", "net/http.Head", "net/http.Post", "net/http.PostForm", "net/http.DefaultClient":
		return rootsSystem
	case "net/http.DefaultTransport":
		// http.DefaultTransport.(*http.Transport).Clone(), then configured.
		if j.assignsField("TLSClientConfig") || j.assignsField("RootCAs") {
			return rootsUnknown
		}
		return rootsSystem
	case "crypto/tls.Dial", "crypto/tls.DialWithDialer", "crypto/tls.Client":
		call := n.(*ast.CallExpr)
		if i := tlsConfigArg[s.name]; i < len(call.Args) {
			return j.config(call.Args[i])
		}
		return rootsUnknown
	case "crypto/tls.Dialer":
		return j.literal(n.(*ast.CompositeLit), stack, "Config", j.config)
	case "net/http.Transport":
		return j.transport(n.(*ast.CompositeLit), stack)
	case "net/http.Client":
		return j.literal(n.(*ast.CompositeLit), stack, "Transport", j.transportExpr)
	}
	return rootsUnknown // x509.SystemCertPool: what the pool becomes is the package's business
}

type rootsJudge struct {
	scope   ast.Node
	resolve func(ast.Expr) string
}

// transport judges an http.Transport literal.
func (j *rootsJudge) transport(lit *ast.CompositeLit, stack []ast.Node) rootsUse {
	return j.literal(lit, stack, "TLSClientConfig", j.config)
}

// transportExpr judges the Transport of an http.Client: a literal, or
// something not known here.
func (j *rootsJudge) transportExpr(e ast.Expr) rootsUse {
	if lit := compositeOf(e); lit != nil && j.isType(lit, "net/http", "Transport") {
		return j.transport(lit, nil)
	}
	return rootsUnknown
}

// literal judges a composite literal by its field: the field's value when
// it has one; else an assignment to the field of the variable the literal
// is assigned to (tr.TLSClientConfig = cfg); else the default (the system
// roots).
func (j *rootsJudge) literal(lit *ast.CompositeLit, stack []ast.Node, field string, judge func(ast.Expr) rootsUse) rootsUse {
	if v := fieldValue(lit, field); v != nil {
		return judge(v)
	}
	if name := assignedTo(lit, stack); name != "" {
		if v := j.fieldAssignment(name, field); v != nil {
			return judge(v)
		}
	}
	return rootsSystem
}

// config judges a *tls.Config expression.
func (j *rootsJudge) config(e ast.Expr) rootsUse {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		if id.Name == "nil" {
			return rootsSystem
		}
		if j.fieldAssignment(id.Name, "RootCAs") != nil {
			return rootsOwn
		}
		if v := j.definition(id.Name); v != nil {
			if lit := compositeOf(v); lit != nil {
				return j.configLiteral(lit)
			}
		}
		return rootsUnknown
	}
	if lit := compositeOf(e); lit != nil && j.isType(lit, "crypto/tls", "Config") {
		return j.configLiteral(lit)
	}
	return rootsUnknown
}

func (j *rootsJudge) configLiteral(lit *ast.CompositeLit) rootsUse {
	// InsecureSkipVerify is not judged here: the skipverify check reports
	// it, and the client fails as soon as it is removed.
	if fieldValue(lit, "RootCAs") != nil {
		return rootsOwn
	}
	return rootsSystem
}

func (j *rootsJudge) isType(lit *ast.CompositeLit, pkg, name string) bool {
	sel, ok := lit.Type.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == name && j.resolve(sel.X) == pkg
}

// definition is the value last given to the variable name in the scope
// (x := v, x = v, var x = v), or nil.
func (j *rootsJudge) definition(name string) ast.Expr {
	var def ast.Expr
	ast.Inspect(j.scope, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == name {
						def = n.Rhs[i]
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i, id := range n.Names {
					if id.Name == name {
						def = n.Values[i]
					}
				}
			}
		}
		return true
	})
	return def
}

// fieldAssignment is the value of the last name.field = v in the scope.
func (j *rootsJudge) fieldAssignment(name, field string) ast.Expr {
	var v ast.Expr
	ast.Inspect(j.scope, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			if sel, ok := l.(*ast.SelectorExpr); ok && sel.Sel.Name == field {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == name {
					v = as.Rhs[i]
				}
			}
		}
		return true
	})
	return v
}

// assignsField reports whether the scope assigns field of anything.
func (j *rootsJudge) assignsField(field string) bool {
	found := false
	ast.Inspect(j.scope, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if sel, ok := l.(*ast.SelectorExpr); ok && sel.Sel.Name == field {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// compositeOf returns the literal of T{...} or &T{...}.
func compositeOf(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

func fieldValue(lit *ast.CompositeLit, field string) ast.Expr {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == field {
				return kv.Value
			}
		}
	}
	return nil
}

// assignedTo names the variable the literal at the top of stack is
// assigned to (x := &T{...}, var x = T{...}), or "".
func assignedTo(lit *ast.CompositeLit, stack []ast.Node) string {
	if len(stack) < 2 {
		return ""
	}
	var value ast.Node = lit
	i := len(stack) - 2
	if u, ok := stack[i].(*ast.UnaryExpr); ok && u.Op == token.AND {
		value = u
		i--
	}
	if i < 0 {
		return ""
	}
	switch p := stack[i].(type) {
	case *ast.AssignStmt:
		for k, r := range p.Rhs {
			if r == value && k < len(p.Lhs) {
				if id, ok := p.Lhs[k].(*ast.Ident); ok {
					return id.Name
				}
			}
		}
	case *ast.ValueSpec:
		for k, v := range p.Values {
			if v == value && k < len(p.Names) {
				return p.Names[k].Name
			}
		}
	}
	return ""
}

// providesRootsCall reports whether the call gives the binary CA roots of
// its own: x509.SetFallbackRoots anywhere (what x509roots/fallback and
// github.com/breml/rootcerts do in init), or os.Setenv of SSL_CERT_FILE or
// SSL_CERT_DIR in an init function.
func providesRootsCall(pkg, name string, call *ast.CallExpr, stack []ast.Node, constArg func([]ast.Expr, int) constValue) bool {
	switch {
	case pkg == "crypto/x509" && name == "SetFallbackRoots":
		return true
	case pkg == "os" && name == "Setenv":
		v := constArg(call.Args, 0)
		if !v.known || v.s != "SSL_CERT_FILE" && v.s != "SSL_CERT_DIR" {
			return false
		}
		for _, n := range stack {
			if fn, ok := n.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "init" {
				return true
			}
		}
	}
	return false
}
