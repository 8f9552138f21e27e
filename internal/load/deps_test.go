package load

import (
	"strings"
	"testing"
)

// TestListDependencies: the lister load registers for program.Analyzer
// lists a package with its dependencies as the go command builds them in
// the process's environment, and says which environment.
func TestListDependencies(t *testing.T) {
	for _, cgo := range []string{"0", "1"} {
		t.Run("CGO_ENABLED="+cgo, func(t *testing.T) {
			t.Setenv("CGO_ENABLED", cgo)
			pkgs, how, err := listDependencies([]string{"net"})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(how, "CGO_ENABLED="+cgo) {
				t.Errorf("how = %q", how)
			}
			if last := pkgs[len(pkgs)-1]; last.ImportPath != "net" || !last.Standard || len(last.GoFiles) == 0 {
				t.Fatalf("last package %+v, want net (dependency order)", last)
			} else if last.Cgo != (cgo == "1") {
				t.Errorf("net: Cgo = %v with CGO_ENABLED=%s", last.Cgo, cgo)
			}
		})
	}
}
