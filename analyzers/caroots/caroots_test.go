package caroots_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/caroots"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func TestScratch(t *testing.T) {
	t.Parallel()
	a := testutil.On(t, caroots.Check, "scratch")
	dir := analysistest.TestData()
	testutil.RunWithSuggestedFixes(t, dir, a, "clients", "viadep")
	analysistest.Run(t, dir, a, "plainhttp", "explicitroots", "withfallback", "server", "lib/sdk")
}

func TestTargetsWithBundle(t *testing.T) {
	t.Parallel()
	for _, target := range []string{"distroless-static", "distroless-base", "alpine", "glibc", "scratch,ca-bundle=true"} {
		t.Run(target, func(t *testing.T) {
			t.Parallel()
			testutil.ExpectNone(t, testutil.On(t, caroots.Check, target), "clients", "viadep")
		})
	}
}

func TestBare(t *testing.T) {
	t.Parallel()
	testutil.ExpectSome(t, testutil.On(t, caroots.Check, "bare"), "clients", "viadep")
}
