package report_test

import (
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/fixes"
	"github.com/scratchvet/scratchvet/internal/report"
)

// FuzzAddImport applies the import fix to any Go source that parses, as
// -fix does: the result parses, imports the path, is gofmt-clean where the
// source was, and a second run offers no fix.
func FuzzAddImport(f *testing.F) {
	for _, seed := range []string{
		"package main\n",
		"package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println() }\n",
		"package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/x\"\n)\n",
		"package main\nimport (\"fmt\"; \"time\")\nfunc main() {}\n",
		"package main\n\nimport ()\n",
		"package main\n\n//line x.go:900\nimport (\n\t\"os\" // why\n)\n",
		"package main\r\n\r\nimport \"fmt\"\r\n",
		"// Package p.\npackage p; import \"C\"; var _ = 1",
		"package p\n\nimport (\n\t// doc\n\t\"z\"\n\t\"a\"\n)\n",
	} {
		f.Add(seed)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, src string) {
		name := filepath.Join(dir, "a.go")
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return
		}
		fixesOf := func(fset *token.FileSet, file *ast.File, src []byte) []analysis.SuggestedFix {
			pass := &analysis.Pass{Fset: fset, Files: []*ast.File{file},
				ReadFile: func(string) ([]byte, error) { return src, nil }}
			return report.AddBlankImport(pass, file, "time/tzdata", "embed the database")
		}
		fix := fixesOf(fset, file, []byte(src))
		if len(fix) == 0 {
			return
		}
		var got []byte
		res := fixes.Apply([]fixes.Item{{Fset: fset, Diagnostic: analysis.Diagnostic{Pos: file.Package, SuggestedFixes: fix}}},
			fixes.Options{
				Analysed: func(string) (fixes.Sum, bool) { return fixes.SumOf([]byte(src)), true },
				Write:    func(cs []fixes.Change) error { got = cs[0].New; return nil },
			})
		if len(res.Errors) > 0 {
			t.Fatalf("%q: %v", src, res.Errors)
		}
		if got == nil {
			t.Fatalf("%q: the fix changed nothing", src)
		}
		fset2 := token.NewFileSet()
		file2, err := parser.ParseFile(fset2, name, got, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("%q fixed does not parse: %v\n%s", src, err, got)
		}
		found := false
		for _, spec := range file2.Imports {
			p, _ := strconv.Unquote(spec.Path.Value)
			found = found || p == "time/tzdata"
		}
		if !found {
			t.Fatalf("%q fixed does not import time/tzdata:\n%s", src, got)
		}
		if formatted, err := format.Source([]byte(src)); err == nil && string(formatted) == src {
			if again, _ := format.Source(got); string(again) != string(got) {
				t.Errorf("%q was gofmt-clean, the fixed file is not:\n%s", src, got)
			}
		}
		if len(fixesOf(fset2, file2, got)) != 0 {
			t.Errorf("%q: a second run offers the fix again:\n%s", src, got)
		}
	})
}
