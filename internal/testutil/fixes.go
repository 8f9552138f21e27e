package testutil

import (
	"bytes"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/fixes"
	"github.com/scratchvet/scratchvet/internal/load"
)

// RunWithSuggestedFixes is analysistest.RunWithSuggestedFixes, then checks
// what -fix does with the same fixes, which analysistest does not (it
// compares after formatting both sides):
//
//   - applied by internal/fixes (as -fix and go vet -fix do), the fixes give
//     exactly the .golden file, byte for byte;
//   - the result parses, and is gofmt-formatted when the input was;
//   - applying again is a no-op: in a copy of the GOPATH tree with the
//     fixed files, the packages build (go list -export compiles them) and
//     the analyzer, run by the standalone checker's driver, offers no fix.
//
// SCRATCHVET_UPDATE_GOLDEN=1 in the environment writes the .golden files.
func RunWithSuggestedFixes(t *testing.T, dir string, a *analysis.Analyzer, pkgs ...string) {
	t.Helper()
	results := analysistest.RunWithSuggestedFixes(t, dir, a, pkgs...)
	var items []fixes.Item
	seen := map[string]bool{} // a package and its test variant report alike
	for _, r := range results {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Pass.Pkg.Path(), r.Err)
		}
		for _, d := range r.Diagnostics {
			key := r.Pass.Fset.Position(d.Pos).String() + d.Message
			if !seen[key] {
				seen[key] = true
				items = append(items, fixes.Item{Fset: r.Pass.Fset, Diagnostic: d})
			}
		}
	}
	var changes []fixes.Change
	res := fixes.Apply(items, fixes.Options{
		Analysed: func(file string) (fixes.Sum, bool) {
			src, err := os.ReadFile(file)
			return fixes.SumOf(src), err == nil
		},
		Write: func(c []fixes.Change) error { changes = c; return nil },
	})
	if len(res.Errors) > 0 {
		t.Fatalf("applying the fixes: %v", res.Errors)
	}
	if len(changes) == 0 {
		t.Fatalf("no fix changed a file of %v", pkgs)
	}
	for _, c := range changes {
		checkFixed(t, c)
	}
	checkFixedTree(t, dir, a, pkgs, changes)
}

func checkFixed(t *testing.T, c fixes.Change) {
	t.Helper()
	if os.Getenv("SCRATCHVET_UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(c.Name+".golden", c.New, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if golden, err := os.ReadFile(c.Name + ".golden"); err != nil {
		t.Errorf("%s: no golden file: %v", c.Name, err)
	} else if !bytes.Equal(c.New, golden) {
		t.Errorf("%s: -fix gives\n%s\nwant (%s.golden, byte for byte)\n%s", c.Name, c.New, filepath.Base(c.Name), golden)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), c.Name, c.New, parser.ParseComments); err != nil {
		t.Errorf("%s: the fixed file does not parse: %v", c.Name, err)
	}
	if formatted, err := format.Source(c.Old); err == nil && bytes.Equal(formatted, c.Old) {
		if formatted, err := format.Source(c.New); err != nil || !bytes.Equal(formatted, c.New) {
			t.Errorf("%s: gofmt-formatted before -fix, not after:\n%s", c.Name, c.New)
		}
	}
}

// checkFixedTree runs the analyzer again on a copy of the GOPATH tree dir
// holding the fixed files.
func checkFixedTree(t *testing.T, dir string, a *analysis.Analyzer, pkgs []string, changes []fixes.Change) {
	t.Helper()
	tmp := t.TempDir()
	if err := copyTree(dir, tmp); err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		rel, err := filepath.Rel(dir, c.Name)
		if err != nil || strings.HasPrefix(rel, "..") {
			t.Fatalf("fixed file %s outside %s", c.Name, dir)
		}
		if err := os.WriteFile(filepath.Join(tmp, rel), c.New, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(), "GO111MODULE=off", "GOPATH="+tmp, "GOFLAGS=", "GOTOOLCHAIN=local")
	prog, err := load.Load(load.Config{Dir: filepath.Join(tmp, "src"), Env: env, Patterns: pkgs})
	if err != nil {
		t.Fatalf("loading the fixed packages: %v", err)
	}
	var again []string
	prog.Each(func(root *load.Root) {
		if root.Package == nil {
			t.Errorf("%s does not build after -fix: %s", root.PkgPath, strings.Join(root.Errors, "; "))
			return
		}
		root.Package.Closures = prog.Closures
		res := driver.Run(root.Package, []*analysis.Analyzer{a})
		for _, err := range res.Errors {
			t.Errorf("%s: %v", root.PkgPath, err)
		}
		for _, f := range res.Findings {
			if len(f.SuggestedFixes) > 0 {
				again = append(again, fmt.Sprintf("%s: %s", root.Package.Fset.Position(f.Pos), f.Message))
			}
		}
	})
	sort.Strings(again)
	for _, f := range again {
		t.Errorf("after -fix, a fix is still offered: %s", f)
	}
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
}
