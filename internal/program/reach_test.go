package program

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// A graph of three packages where only some files mention a sink: the
// cheap scan (ScanGraph, which parses a file only when it mentions a sink
// or a name that reaches one) must give each package the closure a full
// parse gives (what go/analysis facts compute), or the drivers disagree.
var reachGraph = map[string]map[string]string{
	"b": {
		"lookup.go": `package b
import "os/user"
func Lookup() (string, error) {
	u, err := user.Current()
	if err != nil {
		return "", err
	}
	return u.Username, nil
}
func Safe() string { return "safe" }
`,
		"named.go": `package b
type T struct{}
func (T) Name() string { s, _ := Lookup(); return s }
type quiet struct{}
func (quiet) helper() {}
`,
		"other.go": `package b
func Unrelated() int { return 1 }
`,
	},
	"a": {
		"uset.go": `package a
import "b"
func UseT() string { var t b.T; return t.Name() }
`,
		"x.go": `package a
func X() string { return UseT() }
`,
		"y.go": `package a
import "b"
func Y() string { return b.Safe() }
var table = map[string]func() string{"x": X}
func Table() map[string]func() string { return table }
`,
		"z.go": `package a
func init() { _ = Y() }
`,
	},
	"main": {
		"main.go": `package main
import "a"
func main() { println(a.Table()["x"]()) }
`,
		"dead.go": `package main
import "b"
func unused() { b.Safe() }
`,
	},
}

func TestScanReachesWhatFullParseReaches(t *testing.T) {
	root := t.TempDir()
	var pkgs []*Package
	for _, path := range []string{"b", "a", "main"} {
		dir := filepath.Join(root, path)
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		p := &Package{ImportPath: path}
		for name, src := range reachGraph[path] {
			file := filepath.Join(dir, name)
			if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			p.GoFiles = append(p.GoFiles, file)
		}
		switch path {
		case "a":
			p.Imports = []string{"b"}
		case "main":
			p.Imports = []string{"a", "b"}
		}
		pkgs = append(pkgs, p)
	}
	scanned, err := ScanGraph(pkgs)
	if err != nil {
		t.Fatal(err)
	}
	full := map[string]*Closure{}
	for _, p := range pkgs {
		fset := token.NewFileSet()
		var files []*ast.File
		for _, name := range p.GoFiles {
			f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		var imports []Imported
		for _, imp := range p.Imports {
			imports = append(imports, Imported{Path: imp, Closure: full[imp]})
		}
		full[p.ImportPath] = Merge(fset, p.ImportPath, Summarize(fset, files, nil), imports)
	}
	for _, p := range pkgs {
		if got, want := scanned[p.ImportPath], full[p.ImportPath]; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: scan gives\n%+v\nfull parse\n%+v", p.ImportPath, got, want)
		}
	}
	// What the program reaches: the lookup, through a function value in a
	// table, a method of a type, and the other package's function.
	causes := full["main"].Reached(KindUser)
	if len(causes) != 1 || causes[0].Pkg != "b" {
		t.Errorf("main reaches %+v, want b's user.Current", causes)
	} else if causes[0].How != ThroughTable || causes[0].Through != "a.table" {
		t.Errorf("main reaches b's user.Current %v through %q, want only through the table a.table", causes[0].How, causes[0].Through)
	}
	if _, ok := full["b"].Entries["Safe"]; ok {
		t.Errorf("b.Safe reaches nothing, but is an entry: %+v", full["b"].Entries)
	}
	if len(full["a"].Init) != 0 {
		t.Errorf("a's init reaches only b.Safe, but Init = %v", full["a"].Init)
	}
}

// A package whose only use of the lookup is in a function main never
// refers to links it without reaching it.
func TestLinkedNotReached(t *testing.T) {
	fset := token.NewFileSet()
	parse := func(src string) *ast.File {
		f, err := parser.ParseFile(fset, "x.go", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	b := Merge(fset, "b", Summarize(fset, []*ast.File{parse(reachGraph["b"]["lookup.go"])}, nil), nil)
	if len(b.Entries["Lookup"]) != 1 {
		t.Fatalf("b.Lookup reaches %v", b.Entries["Lookup"])
	}
	for src, want := range map[string]int{
		"package main\nimport \"b\"\nfunc main() { println(b.Safe()) }\n":                 0,
		"package main\nimport \"b\"\nfunc main() { f := b.Lookup; f() }\n":                1,
		"package main\nimport \"b\"\nfunc main() {}\nfunc dead() { b.Lookup() }\n":        0,
		"package main\nimport \"b\"\nvar s, _ = b.Lookup()\nfunc main() { println(s) }\n": 1,
		"package main\nimport c \"b\"\nfunc main() { c.Lookup() }\n":                      1,
		"package main\nimport . \"b\"\nfunc main() { Lookup() }\n":                        1,
		"package main\nimport \"b\"\nfunc main() { b := 1; _ = b }\nfunc Lookup() {}\n":   0,
	} {
		c := Merge(fset, "main", Summarize(fset, []*ast.File{parse(src)}, nil), []Imported{{Path: "b", Closure: b}})
		if got := len(c.Reached(KindUser)); got != want {
			t.Errorf("%s: %d causes reached, want %d", src, got, want)
		}
	}
}

// How a program reaches a dependency's cause: directly (a call, a method
// called by name), or only through a conservative rule, which the finding
// then says (report.Unsure).
func TestHowReached(t *testing.T) {
	fset := token.NewFileSet()
	parse := func(src string) *ast.File {
		f, err := parser.ParseFile(fset, "x.go", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	b := Merge(fset, "b", Summarize(fset, []*ast.File{parse(`package b
import "os/user"
type Resolver struct{}
func (Resolver) Resolve() string { u, _ := user.Current(); return u.Username }
func New() Resolver { return Resolver{} }
func Lookup() string { u, _ := user.Current(); return u.Username }
`)}, nil), nil)
	type want struct {
		n       int
		how     How
		through string
	}
	for src, want := range map[string]want{
		"package main\nimport \"b\"\nfunc main() { println(b.Lookup()) }\n":                                                                                                  {1, Directly, ""},
		"package main\nimport \"b\"\nfunc main() { r := b.New(); println(r.Resolve()) }\n":                                                                                   {1, Directly, ""},
		"package main\nimport \"b\"\nfunc main() { var x any = b.New(); println(x) }\n":                                                                                      {1, ThroughMethod, "b.Resolver.Resolve"},
		"package main\nimport \"b\"\nvar fs = []func() string{b.Lookup}\nfunc main() { println(fs[0]()) }\n":                                                                 {1, ThroughTable, "main.fs"},
		"package main\nimport \"b\"\nvar fs = map[string]func() string{\"l\": func() string { return b.Lookup() }}\nfunc main() { println(fs[\"l\"]()) }\n":                  {1, ThroughTable, "main.fs"},
		"package main\nimport \"b\"\nvar fs = []func() string{b.Lookup}\nfunc main() { println(fs[0](), b.Lookup()) }\n":                                                     {1, Directly, ""},
		"package main\nimport \"b\"\nvar fs = []struct{ name string; f func() string }{{\"l\", b.Lookup}, {name: \"m\", f: b.Lookup}}\nfunc main() { println(fs[0].f()) }\n": {1, ThroughTable, "main.fs"},
		"package main\nimport \"b\"\nfunc Exported() string { return b.Lookup() }\n":                                                                                         {1, ThroughNoMain, "main"},
		"package main\nimport \"b\"\nfunc main() {}\n":                                                                                                                       {0, Directly, ""},
	} {
		c := Merge(fset, "main", Summarize(fset, []*ast.File{parse(src)}, nil), []Imported{{Path: "b", Closure: b}})
		got := c.Reached(KindUser)
		if len(got) != want.n {
			t.Errorf("%s: %d causes reached, want %d", src, len(got), want.n)
			continue
		}
		for _, cause := range got {
			if cause.How != want.how || cause.Through != want.through {
				t.Errorf("%s: reached %v through %q, want %v through %q", src, cause.How, cause.Through, want.how, want.through)
			}
		}
	}
}
