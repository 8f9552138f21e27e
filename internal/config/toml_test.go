package config

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

// toGeneric and fromLib render a positioned tree and a decoded document in
// one comparable form.
func toGeneric(v *value) any {
	switch v.kind {
	case kindString:
		return "s:" + v.str
	case kindBool:
		return fmt.Sprint("b:", v.b)
	case kindInt:
		return fmt.Sprint("i:", v.n)
	case kindFloat, kindDateTime:
		return "x"
	case kindArray:
		out := []any{}
		for _, e := range v.elems {
			out = append(out, toGeneric(e))
		}
		return out
	}
	m := map[string]any{}
	for _, f := range v.fields {
		m[f.key] = toGeneric(f.val)
	}
	return m
}

func fromLib(v any) any {
	switch v := v.(type) {
	case string:
		return "s:" + v
	case bool:
		return fmt.Sprint("b:", v)
	case int64:
		return fmt.Sprint("i:", v)
	case []any:
		out := []any{}
		for _, e := range v {
			out = append(out, fromLib(e))
		}
		return out
	case map[string]any:
		m := map[string]any{}
		for k, e := range v {
			m[k] = fromLib(e)
		}
		return m
	}
	return "x"
}

// TestTOMLTestSuite runs the documents of the toml-test suite that go-toml
// carries (its generated toml_testgen_test.go, in the module's zip) through
// parseTOML: the positioned tree of each valid document holds what
// go-toml's own decoder reads, and every invalid one is an error.
func TestTOMLTestSuite(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/pelletier/go-toml/v2").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(strings.TrimSpace(string(out)), "toml_testgen_test.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	nv, ni := 0, 0
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || !strings.HasPrefix(fd.Name.Name, "TestTOMLTest_") {
			continue
		}
		as := fd.Body.List[0].(*ast.AssignStmt)
		input, _ := strconv.Unquote(as.Rhs[0].(*ast.BasicLit).Value)
		valid := strings.Contains(fd.Name.Name, "_Valid_")
		root, err := parseTOML([]byte(input))
		if valid {
			nv++
			if err != nil {
				t.Errorf("%s: %v\n%s", fd.Name.Name, err, input)
				continue
			}
			var m map[string]any
			if err := toml.Unmarshal([]byte(input), &m); err != nil {
				t.Errorf("%s: lib %v", fd.Name.Name, err)
				continue
			}
			if got, want := toGeneric(root), fromLib(m); !reflect.DeepEqual(got, want) {
				t.Errorf("%s:\n got %v\nwant %v", fd.Name.Name, got, want)
			}
		} else {
			ni++
			if err == nil {
				t.Errorf("%s: accepted\n%s", fd.Name.Name, input)
			}
		}
	}
	if nv < 150 || ni < 300 {
		t.Errorf("only %d valid and %d invalid documents found", nv, ni)
	}
}
