// Package program summarises what a Go package, and everything it links,
// needs from the machine it runs on: which packages use cgo, and which calls
// need time zones, CA roots, users, DNS and so on.
//
// A package's summary is computed from syntax alone (plus types where the
// caller has them), so the same function serves three drivers: the analysis
// framework (go vet, analysistest, golangci-lint), where the summary is an
// analysis fact; and scratchvet's own standalone and vet drivers, which
// summarise dependencies from a cheap scan of their files instead of
// type-checking them. See docs/DESIGN.md.
package program

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path"
	"strconv"
	"strings"
)

// Site is a place in a package that needs something from the target.
type Site struct {
	Kind Kind
	Pos  token.Pos
	What string // e.g. "time.LoadLocation(name)"
	// Arg is the constant argument a check judges, when the sink records
	// one: the program of exec.Command("git"), the memory limit of
	// ParseMultipartForm(32 << 20).
	Arg string
	// roots is, for a TLS client, the roots it verifies against
	// (tlsroots.go).
	roots rootsUse
}

// Local is the summary of one package's own (non-test) files.
type Local struct {
	Imports []*ast.ImportSpec // non-test import specs, in source order
	Cgo     bool              // the package itself calls C
	Sites   []Site
	// ProvidesRoots: the package gives the binary CA roots of its own, the
	// way golang.org/x/crypto/x509roots/fallback does: it calls
	// x509.SetFallbackRoots, or sets SSL_CERT_FILE or SSL_CERT_DIR in an
	// init function.
	ProvidesRoots bool
	// Graph holds the package-level declarations of the files summarised,
	// for reachability (reach.go); nil when no file was.
	Graph *Graph
	// Searched, for a summary of some of the package's files (ScanPackage),
	// holds the names of its imports' entries the files were selected by;
	// nil when every file was summarised.
	Searched map[string]bool
	// Files are the package's own non-test Go files (those summarised or
	// not), where a report later finds its imports (Closure.Files).
	Files []string
}

// IsTestFile reports whether name is a _test.go file. Test code is not
// deployed, so no check looks at it.
func IsTestFile(name string) bool { return strings.HasSuffix(name, "_test.go") }

// Summarize computes the local summary of a package from its files.
// info may be nil; with it, constant arguments and package names are
// resolved exactly, without it from syntax. Test files are skipped.
func Summarize(fset *token.FileSet, files []*ast.File, info *types.Info) Local {
	var local Local
	explicitRoots := false
	var probes []string // programs probed for by gating exec.LookPath calls
	var summarised []*ast.File
	for _, f := range files {
		name := fset.File(f.Pos()).Name()
		if IsTestFile(name) {
			continue
		}
		summarised = append(summarised, f)
		local.Files = append(local.Files, name)
		if path.Base(name) == "_cgo_gotypes.go" {
			local.Cgo = true // a cgo-processed package, as go vet passes it
		}
		local.Imports = append(local.Imports, f.Imports...)
		for _, spec := range f.Imports {
			// import "C" in source; the cgo-generated files that go vet and
			// go/packages analyse import runtime/cgo as _cgopackage instead.
			if importPath(spec) == "C" || spec.Name != nil && spec.Name.Name == "_cgopackage" {
				local.Cgo = true
			}
		}
		if site, ok := cgoStub(f, fset); ok {
			local.Sites = append(local.Sites, site)
		}
		fileSites, roots, provides, fileProbes := scanFile(f, info)
		probes = append(probes, fileProbes...)
		local.ProvidesRoots = local.ProvidesRoots || provides
		type kindLine struct {
			kind Kind
			line int
		}
		seen := map[kindLine]bool{}
		for _, site := range fileSites {
			// One site a line and kind: &http.Client{Transport: &http.Transport{...}} is one client.
			key := kindLine{site.Kind, fset.Position(site.Pos).Line}
			if seen[key] {
				continue
			}
			seen[key] = true
			local.Sites = append(local.Sites, site)
		}
		explicitRoots = explicitRoots || roots
	}
	// A program the package probes for, and goes without, is run only
	// where it was found (gatingProbe).
	if len(probes) > 0 {
		probed := map[string]bool{}
		for _, p := range probes {
			probed[p] = true
		}
		kept := local.Sites[:0]
		for _, s := range local.Sites {
			if s.Kind != KindExec || !probed[s.Arg] {
				kept = append(kept, s)
			}
		}
		local.Sites = kept
	}
	// A TLS client with its own roots needs none from the target; one whose
	// roots are not known here follows the package: a package that sets
	// RootCAs somewhere is taken to configure it.
	kept := local.Sites[:0]
	for _, s := range local.Sites {
		if s.Kind != KindTLS || s.roots == rootsSystem || s.roots == rootsUnknown && !explicitRoots {
			kept = append(kept, s)
		}
	}
	local.Sites = kept
	if len(summarised) > 0 && !reachabilityOff {
		local.Graph = graphOf(summarised, local.Sites)
	}
	return local
}

func importPath(spec *ast.ImportSpec) string {
	p, _ := strconv.Unquote(spec.Path.Value)
	return p
}

// scanFile finds the sink uses in one file, whether it sets RootCAs, and
// whether it provides roots of its own (Local.ProvidesRoots).
func scanFile(f *ast.File, info *types.Info) (sites []Site, explicitRoots, providesRoots bool, probes []string) {
	names := fileImportNames(f)
	// isPackage reports whether x names an imported package (a method sink
	// is called on a value).
	imported := map[string]bool{}
	for _, spec := range f.Imports {
		name := path.Base(importPath(spec))
		if spec.Name != nil {
			name = spec.Name.Name
		}
		imported[name] = true
	}
	isPackage := func(x ast.Expr) bool {
		id, ok := x.(*ast.Ident)
		if !ok {
			return false
		}
		if info != nil {
			_, ok := info.Uses[id].(*types.PkgName)
			return ok
		}
		return id.Obj == nil && imported[id.Name]
	}
	// resolve returns the import path of the package that x names, if any.
	resolve := func(x ast.Expr) string {
		id, ok := x.(*ast.Ident)
		if !ok {
			return ""
		}
		if info != nil {
			if pn, ok := info.Uses[id].(*types.PkgName); ok {
				return pn.Imported().Path()
			}
			return ""
		}
		if id.Obj != nil { // a local declaration shadows the import
			return ""
		}
		return names[id.Name]
	}
	// isRuntime reports whether x names the runtime package; resolve
	// knows only the packages that hold sinks.
	runtimeNames := map[string]bool{}
	for _, spec := range f.Imports {
		if importPath(spec) == "runtime" {
			name := "runtime"
			if spec.Name != nil {
				name = spec.Name.Name
			}
			runtimeNames[name] = true
		}
	}
	isRuntime := func(x ast.Expr) bool {
		id, ok := x.(*ast.Ident)
		if !ok {
			return false
		}
		if info != nil {
			pn, ok := info.Uses[id].(*types.PkgName)
			return ok && pn.Imported().Path() == "runtime"
		}
		return id.Obj == nil && runtimeNames[id.Name]
	}
	constArg := func(args []ast.Expr, i int) constValue {
		if len(args) <= i {
			return constValue{}
		}
		if info != nil {
			if tv, ok := info.Types[args[i]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				return constValue{s: constant.StringVal(tv.Value), known: true}
			}
			return constValue{}
		}
		if lit, ok := args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			s, err := strconv.Unquote(lit.Value)
			return constValue{s: s, known: err == nil}
		}
		return constValue{}
	}
	// Calls and composite literals are matched at the node; the selector
	// inside them is remembered so that it is not also taken as a reference.
	consumed := map[*ast.SelectorExpr]bool{}
	var stack []ast.Node // the nodes enclosing the current one
	guards := map[*ast.BlockStmt]homeGuard{}
	isHomeName := homeNames(f)
	// homeGuarded reports whether a call runs only where $HOME is empty
	// (homeguard.go), judged in the innermost function around it.
	homeGuarded := func(call *ast.CallExpr) bool {
		for i := len(stack) - 1; i >= 0; i-- {
			var body *ast.BlockStmt
			switch fn := stack[i].(type) {
			case *ast.FuncDecl:
				body = fn.Body
			case *ast.FuncLit:
				body = fn.Body
			default:
				continue
			}
			if body == nil {
				return false
			}
			guard, ok := guards[body]
			if !ok {
				guard = homeGuardOf(body, resolve, isPackage, isHomeName)
				guards[body] = guard
			}
			return guard.covers(call.Pos())
		}
		return false
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok && id.Name == explicitRootsMarker {
				explicitRoots = true
			}
		case *ast.FuncDecl:
			if n.Body != nil {
				sites = append(sites, dirFlowSites(n.Body, resolve)...)
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
				if providesRootsCall(resolve(sel.X), sel.Sel.Name, n, stack, constArg) {
					providesRoots = true
				}
				found := findSinks(resolve(sel.X), sel.Sel.Name, call)
				if len(found) == 0 && !isPackage(sel.X) {
					found = findMethodSinks(sel.Sel.Name)
				}
				for _, s := range found {
					consumed[sel] = true
					if homeGuarded(n) || otherOS(stack, isRuntime) {
						continue
					}
					if s.tolerable && toleratedCall(n, stack, s.viaCommand) {
						if s.kind == KindExec && s.name == "LookPath" && gatingProbe(n, stack) {
							if arg := constArg(n.Args, s.arg); arg.known {
								probes = append(probes, arg.s)
							}
						}
						continue
					}
					arg := constArg(n.Args, s.arg)
					if s.skip != nil && s.skip(arg) {
						continue
					}
					site := Site{Kind: s.kind, Pos: n.Pos(), What: describe(s, sel) + "(...)"}
					if s.kind == KindTLS {
						site.roots = clientRoots(s, n, stack, f, resolve)
					}
					if s.recordArg {
						site.Arg = arg.s
						if !arg.known {
							site.Arg = intArg(n.Args, s.arg, info)
						}
						if arg.known && s.form != method {
							site.What = describe(s, sel) + "(" + strconv.Quote(arg.s) + ")"
						}
					}
					sites = append(sites, site)
				}
			}
		case *ast.CompositeLit:
			if sel, ok := n.Type.(*ast.SelectorExpr); ok {
				for _, s := range findSinks(resolve(sel.X), sel.Sel.Name, composite) {
					consumed[sel] = true
					site := Site{Kind: s.kind, Pos: n.Pos(), What: describe(s, sel) + "{...}"}
					if s.kind == KindTLS {
						site.roots = clientRoots(s, n, stack, f, resolve)
					}
					sites = append(sites, site)
				}
			}
		case *ast.SelectorExpr:
			if n.Sel.Name == explicitRootsMarker {
				explicitRoots = true
			}
			if !consumed[n] {
				for _, s := range findSinks(resolve(n.X), n.Sel.Name, reference) {
					site := Site{Kind: s.kind, Pos: n.Pos(), What: describe(s, n)}
					if s.kind == KindTLS {
						site.roots = clientRoots(s, n, stack, f, resolve)
					}
					sites = append(sites, site)
				}
			}
		}
		return true
	})
	return sites, explicitRoots, providesRoots, probes
}

func describe(s *sink, sel *ast.SelectorExpr) string {
	if s.form == method {
		return "." + sel.Sel.Name
	}
	return path.Base(s.pkg) + "." + sel.Sel.Name
}

// findMethodSinks returns the method sinks called name.
func findMethodSinks(name string) []*sink {
	var found []*sink
	for i := range sinks {
		if s := &sinks[i]; s.form == method && s.name == name {
			found = append(found, s)
		}
	}
	return found
}

// intArg is the value of an integer constant argument in decimal, or "":
// from the type checker when there is one, else from literals combined
// with <<, * and + (32 << 20).
func intArg(args []ast.Expr, i int, info *types.Info) string {
	if len(args) <= i {
		return ""
	}
	if info != nil {
		if tv, ok := info.Types[args[i]]; ok && tv.Value != nil && tv.Value.Kind() == constant.Int {
			return tv.Value.ExactString()
		}
		return ""
	}
	var eval func(e ast.Expr) (int64, bool)
	eval = func(e ast.Expr) (int64, bool) {
		switch e := ast.Unparen(e).(type) {
		case *ast.BasicLit:
			if e.Kind == token.INT {
				v, err := strconv.ParseInt(strings.ReplaceAll(e.Value, "_", ""), 0, 64)
				return v, err == nil
			}
		case *ast.BinaryExpr:
			x, okx := eval(e.X)
			y, oky := eval(e.Y)
			if !okx || !oky {
				return 0, false
			}
			switch e.Op {
			case token.SHL:
				if y >= 0 && y < 63 {
					return x << y, true
				}
			case token.MUL:
				return x * y, true
			case token.ADD:
				return x + y, true
			}
		}
		return 0, false
	}
	if v, ok := eval(args[i]); ok {
		return strconv.FormatInt(v, 10)
	}
	return ""
}

// findSinks returns the sinks pkg.name is, in that form (http.Get is both
// a TLS client and a name resolution).
func findSinks(pkg, name string, f form) []*sink {
	if pkg == "" {
		return nil
	}
	var found []*sink
	for i := range sinks {
		s := &sinks[i]
		if s.pkg == pkg && s.name == name && s.form == f {
			found = append(found, s)
		}
	}
	return found
}

// fileImportNames maps the names a file uses for its imports of sink
// packages to their paths.
func fileImportNames(f *ast.File) map[string]string {
	var names map[string]string
	for _, spec := range f.Imports {
		p := importPath(spec)
		if !isSinkPackage(p) {
			continue
		}
		name := path.Base(p)
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name == "_" || name == "." {
			continue
		}
		if names == nil {
			names = map[string]string{}
		}
		names[name] = p
	}
	return names
}

func isSinkPackage(p string) bool {
	for _, s := range sinks {
		if s.pkg == p && s.form != method {
			return true
		}
	}
	for _, w := range append(dirWrites, dirJoins...) {
		if w.pkg == p {
			return true
		}
	}
	return false
}
