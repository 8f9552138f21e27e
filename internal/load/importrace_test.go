package load_test

import (
	"go/types"
	"os"
	"path/filepath"
	"testing"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/load"
)

// The checks of one package run while another is type-checked with the
// same export-data importer (the language server checks ahead in
// parallel; so does Load with ExportData). Package a's API reaches y only
// through x, so importing x leaves a stand-in for y; b imports y itself.
// The stand-in a's checks see must already be complete: were it filled in
// by b's import, that import would write what a's checks read (a data
// race under -race: SetImports against program's Imports() walk).
func TestExportImporterHandsOutCompletePackages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.23\n",
		"y/y.go": "package y\n\nimport \"os\"\n\n// T is a type of y.\ntype T int\n\n// F is a file of y's API.\nfunc F() *os.File { return nil }\n",
		"x/x.go": "package x\n\nimport \"example.com/m/y\"\n\n// F returns a y.T.\nfunc F() y.T { return 0 }\n",
		"a/a.go": "package main\n\nimport \"example.com/m/x\"\n\nfunc main() { _ = x.F() }\n",
		"b/b.go": "package b\n\nimport \"example.com/m/y\"\n\n// V is a y.T.\nvar V y.T\n\n// G calls y.F.\nfunc G() { _ = y.F() }\n",
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	snap, err := load.NewSnapshot(load.Config{Dir: dir, Env: append(os.Environ(), "GOFLAGS=", "GOWORK=off"),
		Patterns: []string{"./a", "./b"}})
	if err != nil {
		t.Fatal(err)
	}
	a := snap.Check("example.com/m/a", nil)
	if a.Package == nil || a.TypeErrors {
		t.Fatalf("a: %v", a.Errors)
	}
	// Every package a's types lead to is complete when a's checks start.
	seen := map[*types.Package]bool{}
	var walk func(p *types.Package)
	walk = func(p *types.Package) {
		for _, q := range p.Imports() {
			if !seen[q] {
				seen[q] = true
				if !q.Complete() {
					t.Errorf("%s, imported by %s, is incomplete when a's checks start", q.Path(), p.Path())
				}
				walk(q)
			}
		}
	}
	walk(a.Package.Types)
	if !seenPath(seen, "example.com/m/y") {
		t.Fatalf("a's imports do not reach y: %v", seen)
	}
	b := make(chan *load.Checked)
	go func() { b <- snap.Check("example.com/m/b", nil) }()
	res := driver.Run(a.Package, suite.All())
	if len(res.Errors) > 0 {
		t.Errorf("checks of a: %v", res.Errors)
	}
	if c := <-b; c.Package == nil || c.TypeErrors {
		t.Fatalf("b: %v", c.Errors)
	}
}

func seenPath(seen map[*types.Package]bool, path string) bool {
	for p := range seen {
		if p.Path() == path {
			return true
		}
	}
	return false
}
