package program

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestMergeChainsAndLimits(t *testing.T) {
	leaf := &Closure{Causes: []Cause{{Kind: KindTZ, Pkg: "z", Pos: token.Position{Filename: "z.go", Line: 1, Column: 1}, What: "time.LoadLocation(...)"}}, Init: []int{0}, Has: map[string][]string{"net": {"net"}}}
	mid := Merge(token.NewFileSet(), "m", Local{}, []Imported{{Path: "z", Closure: leaf}})
	// Reached directly and through m: the shortest chain wins.
	top := Merge(token.NewFileSet(), "main", Local{}, []Imported{{Path: "m", Closure: mid}, {Path: "z", Closure: leaf}})
	if got := top.CausesOf(KindTZ); len(got) != 1 || !reflect.DeepEqual(got[0].Chain, []string{"z"}) {
		t.Errorf("causes %+v, want one with chain [z]", got)
	}
	if got := top.Has["net"]; !reflect.DeepEqual(got, []string{"z", "net"}) {
		t.Errorf("net reached via %v, want [z net]", got)
	}

	var many []Imported
	for i := 0; i < 10; i++ {
		p := string(rune('a' + i))
		many = append(many, Imported{Path: p, Closure: &Closure{Causes: []Cause{{Kind: KindTLS, Pkg: p, Pos: token.Position{Filename: p + ".go", Line: 1, Column: 1}}}, Init: []int{0}}})
	}
	merged := Merge(token.NewFileSet(), "main", Local{}, many)
	if n := len(merged.CausesOf(KindTLS)); n != maxCausesPerKind {
		t.Errorf("%d causes kept, want %d", n, maxCausesPerKind)
	}
	// The count of kept causes is a lower bound, and the summaries that
	// import this one know it.
	if !merged.Truncated[KindTLS] || merged.Truncated[KindTZ] {
		t.Errorf("Truncated %v, want tls only", merged.Truncated)
	}
	if above := Merge(token.NewFileSet(), "cmd", Local{}, []Imported{{Path: "main", Closure: merged}}); !above.Truncated[KindTLS] {
		t.Errorf("truncation not propagated: %v", above.Truncated)
	}
	if top.Truncated[KindTZ] {
		t.Errorf("one cause reached twice is not a truncation")
	}
}

// Every cgo package imports runtime/cgo: only a package that imports it
// without calling C itself makes it a cause.
func TestRuntimeCgoCause(t *testing.T) {
	rtcgo := Merge(token.NewFileSet(), "runtime/cgo", Local{Cgo: true}, nil)
	net := Merge(token.NewFileSet(), "net", Local{Cgo: true}, []Imported{{Path: "runtime/cgo", Closure: rtcgo}})
	if got := net.CausesOf(KindCgo); len(got) != 1 || got[0].Pkg != "net" || !strings.Contains(got[0].What, "getaddrinfo") {
		t.Errorf("net's cgo causes: %+v", got)
	}
	direct := Merge(token.NewFileSet(), "main", Local{}, []Imported{{Path: "runtime/cgo", Closure: rtcgo}})
	if got := direct.CausesOf(KindCgo); len(got) != 1 || got[0].Pkg != "runtime/cgo" {
		t.Errorf("a direct import of runtime/cgo: %+v", got)
	}
}

// The cheap dependency scan parses only the files mayHaveSites accepts. It
// must find exactly the sites a full parse finds, on every package of the
// repository's fixtures.
func TestScanFindsWhatFullParseFinds(t *testing.T) {
	dirs := map[string][]string{}
	for _, root := range []string{"../../analyzers", "../../testdata"} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && strings.Contains(path, "testdata") {
				abs, _ := filepath.Abs(path)
				dirs[filepath.Dir(abs)] = append(dirs[filepath.Dir(abs)], abs)
			}
			return nil
		})
	}
	if len(dirs) < 20 {
		t.Fatalf("only %d fixture packages found", len(dirs))
	}
	total := 0
	for dir, files := range dirs {
		full := token.NewFileSet()
		var parsed []*ast.File
		for _, name := range files {
			if f, err := parser.ParseFile(full, name, nil, parser.ParseComments); err == nil {
				parsed = append(parsed, f)
			}
		}
		want := siteStrings(full, Summarize(full, parsed, nil).Sites)
		cheap := token.NewFileSet()
		local, err := ScanPackage(cheap, &Package{ImportPath: dir, GoFiles: files}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := siteStrings(cheap, local.Sites); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\nscan found %v\nfull parse %v", dir, got, want)
		}
		total += len(want)
	}
	if total < 30 {
		t.Errorf("only %d sites in the fixtures: the comparison proves little", total)
	}
}

func siteStrings(fset *token.FileSet, sites []Site) []string {
	var out []string
	for _, s := range sites {
		out = append(out, string(s.Kind)+" "+fset.Position(s.Pos).String()+" "+s.What)
	}
	return out
}

func TestCgoStub(t *testing.T) {
	for src, want := range map[string]bool{
		"//go:build !cgo\n\npackage p\n\nvar e = \"Binary was compiled with 'CGO_ENABLED=0', x requires cgo to work. This is a stub\"\n": true,
		"//go:build !cgo && linux\n\npackage p\n\nvar e = \"requires cgo\"\n":                                                            true,
		"//go:build !cgo\n\npackage p\n\nfunc Hostname() string { return \"localhost\" }\n":                                              false, // a working fallback
		"//go:build cgo\n\npackage p\n\nvar e = \"requires cgo\"\n":                                                                      false,
		"//go:build !cgo || windows\n\npackage p\n\nvar e = \"requires cgo\"\n":                                                          false, // also compiled with cgo
		"package p\n\nvar e = \"requires cgo\"\n":                                                                                        false,
		// Before Go 1.17 (go-sqlite3 up to v1.14.19): "// +build" lines,
		// read as go/build reads them.
		"// +build !cgo\n\npackage p\n\nvar e = \"requires cgo\"\n":                  true,
		"// Copyright\n\n// +build !cgo\n\npackage p\n\nvar e = \"requires cgo\"\n":  true,
		"// +build !cgo\n// +build linux\n\npackage p\n\nvar e = \"requires cgo\"\n": true,  // lines are ANDed
		"// +build !cgo windows\n\npackage p\n\nvar e = \"requires cgo\"\n":          false, // ORed: also compiled with cgo on windows
		"// +build !cgo,linux\n\npackage p\n\nvar e = \"requires cgo\"\n":            true,
		"// +build cgo\n\npackage p\n\nvar e = \"requires cgo\"\n":                   false,
		"// +build !cgo\npackage p\n\nvar e = \"requires cgo\"\n":                    false, // no blank line: a package comment
		"// Package p.\n// +build !cgo\npackage p\n\nvar e = \"requires cgo\"\n":     false,
		"//go:build cgo\n// +build !cgo\n\npackage p\n\nvar e = \"requires cgo\"\n":  false, // //go:build decides
		"package p\n\n// +build !cgo\n\nvar e = \"requires cgo\"\n":                  false, // after the package clause
	} {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "x.go", src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if _, got := cgoStub(f, fset); got != want {
			t.Errorf("cgoStub(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestNeedsResolution(t *testing.T) {
	for addr, want := range map[string]bool{
		"db.internal:5432": true, "localhost:80": false, "api.localhost:80": false, "10.0.0.1:80": false, "[::1]:53": false, ":8080": false, "example.com": true,
	} {
		if got := needsResolution(addr); got != want {
			t.Errorf("needsResolution(%q) = %v", addr, got)
		}
	}
}

// The guards and tolerated shapes (homeguard.go, goosguard.go,
// tolerate.go) are recognised from syntax alone too, as the standalone
// checker and the language server summarise dependencies: the sites of
// each fixture without types are exactly its lines with a `// want`.
func TestGuardsWithoutTypes(t *testing.T) {
	for _, c := range []struct {
		file string
		kind Kind
		min  int // at least this many sites: the fixture is not empty
	}{
		{"userlookup/testdata/src/homefirst/main.go", KindUser, 6},
		{"userlookup/testdata/src/tolerated/main.go", KindUser, 8},
		{"exec/testdata/src/goos/main.go", KindExec, 6},
		{"exec/testdata/src/probe/main.go", KindExec, 7},
	} {
		name, err := filepath.Abs("../../analyzers/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		var want, got []int
		for _, g := range f.Comments {
			for _, cm := range g.List {
				if strings.HasPrefix(cm.Text, "// want ") {
					want = append(want, fset.Position(cm.Pos()).Line)
				}
			}
		}
		for _, s := range Summarize(fset, []*ast.File{f}, nil).Sites {
			if s.Kind == c.kind {
				got = append(got, fset.Position(s.Pos).Line)
			}
		}
		if len(want) < c.min || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %s sites on lines %v, want %v", c.file, c.kind, got, want)
		}
	}
}
