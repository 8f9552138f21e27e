package caroots_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/caroots"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func TestScratch(t *testing.T) {
	testutil.Target(t, "scratch")
	dir := analysistest.TestData()
	analysistest.RunWithSuggestedFixes(t, dir, caroots.Analyzer, "clients", "viadep")
	analysistest.Run(t, dir, caroots.Analyzer, "plainhttp", "explicitroots", "withfallback", "server", "lib/sdk")
}

func TestTargetsWithBundle(t *testing.T) {
	for _, target := range []string{"distroless-static", "distroless-base", "alpine", "glibc", "scratch,ca-bundle=true"} {
		t.Run(target, func(t *testing.T) {
			testutil.Target(t, target)
			testutil.ExpectNone(t, caroots.Analyzer, "clients", "viadep")
		})
	}
}

func TestBare(t *testing.T) {
	testutil.Target(t, "bare")
	testutil.ExpectSome(t, caroots.Analyzer, "clients", "viadep")
}
