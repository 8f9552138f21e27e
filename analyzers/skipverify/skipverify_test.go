package skipverify_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/skipverify"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func TestSkipVerify(t *testing.T) {
	testutil.Target(t, "scratch")
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), skipverify.Analyzer, "a")
}

// The finding does not depend on the target.
func TestEveryTarget(t *testing.T) {
	for _, target := range []string{"glibc", "distroless-static", "alpine"} {
		testutil.Target(t, target)
		if n := len(testutil.Diagnostics(t, skipverify.Analyzer, "a")); n != 6 {
			t.Errorf("%s: %d diagnostics, want 6", target, n)
		}
	}
}
