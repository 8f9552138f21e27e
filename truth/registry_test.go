package truth

import (
	"testing"

	"github.com/scratchvet/scratchvet/analyzers/suite"
)

// Every registered check is proven by at least one case of the matrix
// (skipverify excepted: no run can show it, see checkNotInMatrix). Runs
// without root.
func TestEveryCheckHasACase(t *testing.T) {
	t.Parallel()
	for _, name := range suite.Names() {
		if name == checkNotInMatrix {
			continue
		}
		found := false
		for _, fc := range fixtureCases {
			found = found || fc.hasCheck(name)
		}
		if !found {
			t.Errorf("check %s has no runtime-truth case: add a fixture under testdata/runtime and a row to fixtureCases", name)
		}
	}
}
