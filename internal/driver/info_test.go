package driver_test

import (
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/internal/load"
)

// TestInfoCoversChecks: NewInfo leaves out what no check reads
// (selections, scopes, instances). A check that read them would silently
// find less in the standalone checker, the vet tool and the language
// server than in its analysistest tests, which record everything. So no
// code of the checks may read those fields, nor call typeutil, whose
// helpers read Selections.
func TestInfoCoversChecks(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	snap, err := load.NewSnapshot(load.Config{
		Dir: root, Env: append(os.Environ(), "GOFLAGS=", "GOWORK=off"),
		Patterns: []string{"./analyzers/...", "./internal/..."},
	})
	if err != nil {
		t.Fatal(err)
	}
	unrecorded := map[string]bool{"Selections": true, "Scopes": true, "Instances": true}
	checked := 0
	for _, path := range snap.Roots() {
		if strings.HasSuffix(path, "/internal/driver") {
			continue // where the Info is made
		}
		c := snap.Check(path, nil)
		if c.Package == nil || c.TypeErrors {
			t.Fatalf("%s: %v", path, c.Errors)
		}
		checked++
		for id, obj := range c.Package.TypesInfo.Uses {
			if obj.Pkg() == nil {
				continue
			}
			v, isVar := obj.(*types.Var)
			switch {
			case isVar && v.IsField() && obj.Pkg().Path() == "go/types" && unrecorded[obj.Name()] && isInfoField(v):
				t.Errorf("%s: reads types.Info.%s, which driver.NewInfo does not record", c.Package.Fset.Position(id.Pos()), obj.Name())
			case obj.Pkg().Path() == "golang.org/x/tools/go/types/typeutil":
				t.Errorf("%s: uses typeutil.%s, which reads types.Info.Selections (not recorded by driver.NewInfo)", c.Package.Fset.Position(id.Pos()), obj.Name())
			}
		}
	}
	if checked < 10 {
		t.Fatalf("checked only %d packages", checked)
	}
}

// isInfoField reports whether field is one of types.Info's (not of
// another go/types struct with a field of the same name).
func isInfoField(field *types.Var) bool {
	info, ok := field.Pkg().Scope().Lookup("Info").(*types.TypeName)
	if !ok {
		return false
	}
	st, ok := info.Type().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if st.Field(i) == field {
			return true
		}
	}
	return false
}
