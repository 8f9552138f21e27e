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

// Kind names a run-time need that a check judges.
type Kind string

const (
	KindCgo Kind = "cgo" // the package calls C: the binary needs libc and a loader
	KindTZ  Kind = "tz"  // time.LoadLocation of a zone that needs the database
	KindTLS Kind = "tls" // a TLS client verifying against the system roots
)

// Site is a place in a package that needs something from the target.
type Site struct {
	Kind Kind
	Pos  token.Pos
	What string // e.g. "time.LoadLocation(name)"
}

// Local is the summary of one package's own (non-test) files.
type Local struct {
	Imports []*ast.ImportSpec // non-test import specs, in source order
	Cgo     bool              // the package itself calls C
	Sites   []Site
}

// A sink is an API of the standard library whose use needs something from
// the target.
type sink struct {
	kind Kind
	pkg  string // import path
	name string // package-level function, variable or type
	form form
	// skip reports whether a call needs nothing (for example a constant
	// "UTC" zone); nil means every use counts.
	skip func(arg0 constValue) bool
}

type form int

const (
	call      form = iota // pkg.Name(...)
	reference             // pkg.Name used as a value
	composite             // pkg.Name{...} or &pkg.Name{...}
)

// constValue is the constant string value of an argument, when known.
type constValue struct {
	s     string
	known bool
}

var sinks = []sink{
	{kind: KindTZ, pkg: "time", name: "LoadLocation", form: call, skip: zoneNeedsNoDatabase},

	{kind: KindTLS, pkg: "net/http", name: "Get", form: call, skip: plainHTTP},
	{kind: KindTLS, pkg: "net/http", name: "Head", form: call, skip: plainHTTP},
	{kind: KindTLS, pkg: "net/http", name: "Post", form: call, skip: plainHTTP},
	{kind: KindTLS, pkg: "net/http", name: "PostForm", form: call, skip: plainHTTP},
	{kind: KindTLS, pkg: "net/http", name: "DefaultClient", form: reference},
	{kind: KindTLS, pkg: "net/http", name: "DefaultTransport", form: reference},
	{kind: KindTLS, pkg: "net/http", name: "Client", form: composite},
	{kind: KindTLS, pkg: "net/http", name: "Transport", form: composite},
	{kind: KindTLS, pkg: "crypto/tls", name: "Dial", form: call},
	{kind: KindTLS, pkg: "crypto/tls", name: "DialWithDialer", form: call},
	{kind: KindTLS, pkg: "crypto/tls", name: "Client", form: call},
	{kind: KindTLS, pkg: "crypto/tls", name: "Dialer", form: composite},
	{kind: KindTLS, pkg: "crypto/x509", name: "SystemCertPool", form: call},
}

// zoneNeedsNoDatabase: "", "UTC" and "Local" are answered without zoneinfo
// (time.LoadLocation's doc; FACTS.md "tz").
func zoneNeedsNoDatabase(v constValue) bool {
	return v.known && (v.s == "" || v.s == "UTC" || v.s == "Local")
}

// plainHTTP: a constant http:// URL makes no TLS connection.
func plainHTTP(v constValue) bool {
	return v.known && strings.HasPrefix(strings.ToLower(v.s), "http://")
}

// explicitRootsMarker: a package that sets tls.Config.RootCAs anywhere is
// taken to verify against its own pool, so its TLS clients are not sites.
const explicitRootsMarker = "RootCAs"

// Keywords are the identifiers a file must contain for Summarize to find a
// site in it. The cheap dependency scan parses only files containing one.
func Keywords() []string {
	seen := map[string]bool{explicitRootsMarker: true}
	kws := []string{explicitRootsMarker}
	for _, s := range sinks {
		if !seen[s.name] {
			seen[s.name] = true
			kws = append(kws, s.name)
		}
	}
	return kws
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
	for _, f := range files {
		name := fset.File(f.Pos()).Name()
		if IsTestFile(name) {
			continue
		}
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
		fileSites, roots := scanFile(f, info)
		for i, site := range fileSites {
			// One site a line and kind: &http.Client{Transport: &http.Transport{...}} is one client.
			if i > 0 && site.Kind == fileSites[i-1].Kind && fset.Position(site.Pos).Line == fset.Position(fileSites[i-1].Pos).Line {
				continue
			}
			local.Sites = append(local.Sites, site)
		}
		explicitRoots = explicitRoots || roots
	}
	if explicitRoots {
		kept := local.Sites[:0]
		for _, s := range local.Sites {
			if s.Kind != KindTLS {
				kept = append(kept, s)
			}
		}
		local.Sites = kept
	}
	return local
}

func importPath(spec *ast.ImportSpec) string {
	p, _ := strconv.Unquote(spec.Path.Value)
	return p
}

// scanFile finds the sink uses in one file, and whether it sets RootCAs.
func scanFile(f *ast.File, info *types.Info) (sites []Site, explicitRoots bool) {
	names := fileImportNames(f)
	if len(names) == 0 {
		return nil, false
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
	constArg := func(args []ast.Expr) constValue {
		if len(args) == 0 {
			return constValue{}
		}
		if info != nil {
			if tv, ok := info.Types[args[0]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				return constValue{s: constant.StringVal(tv.Value), known: true}
			}
			return constValue{}
		}
		if lit, ok := args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			s, err := strconv.Unquote(lit.Value)
			return constValue{s: s, known: err == nil}
		}
		return constValue{}
	}
	// Calls and composite literals are matched at the node; the selector
	// inside them is remembered so that it is not also taken as a reference.
	consumed := map[*ast.SelectorExpr]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok && id.Name == explicitRootsMarker {
				explicitRoots = true
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
				if s := findSink(resolve(sel.X), sel.Sel.Name, call); s != nil {
					consumed[sel] = true
					if s.skip == nil || !s.skip(constArg(n.Args)) {
						sites = append(sites, Site{Kind: s.kind, Pos: n.Pos(), What: describe(s, sel) + "(...)"})
					}
				}
			}
		case *ast.CompositeLit:
			if sel, ok := n.Type.(*ast.SelectorExpr); ok {
				if s := findSink(resolve(sel.X), sel.Sel.Name, composite); s != nil {
					consumed[sel] = true
					sites = append(sites, Site{Kind: s.kind, Pos: n.Pos(), What: describe(s, sel) + "{...}"})
				}
			}
		case *ast.SelectorExpr:
			if n.Sel.Name == explicitRootsMarker {
				explicitRoots = true
			}
			if !consumed[n] {
				if s := findSink(resolve(n.X), n.Sel.Name, reference); s != nil {
					sites = append(sites, Site{Kind: s.kind, Pos: n.Pos(), What: describe(s, n)})
				}
			}
		}
		return true
	})
	return sites, explicitRoots
}

func describe(s *sink, sel *ast.SelectorExpr) string {
	return path.Base(s.pkg) + "." + sel.Sel.Name
}

func findSink(pkg, name string, f form) *sink {
	if pkg == "" {
		return nil
	}
	for i := range sinks {
		s := &sinks[i]
		if s.pkg == pkg && s.name == name && s.form == f {
			return s
		}
	}
	return nil
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
		if s.pkg == p {
			return true
		}
	}
	return false
}
