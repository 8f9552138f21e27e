package skipverify_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/skipverify"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func TestSkipVerify(t *testing.T) {
	t.Parallel()
	testutil.RunWithSuggestedFixes(t, analysistest.TestData(), testutil.On(t, skipverify.Check, "scratch"), "a", "linedirective", "lineeof", "optin")
}

// The finding does not depend on the target.
func TestEveryTarget(t *testing.T) {
	t.Parallel()
	for _, target := range []string{"glibc", "distroless-static", "alpine"} {
		if n := len(testutil.Diagnostics(t, testutil.On(t, skipverify.Check, target), "a")); n != 6 {
			t.Errorf("%s: %d diagnostics, want 6", target, n)
		}
	}
}
