package tzdata_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/tzdata"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func TestScratch(t *testing.T) {
	t.Parallel()
	a := testutil.On(t, tzdata.Check, "scratch")
	dir := analysistest.TestData()
	testutil.RunWithSuggestedFixes(t, dir, a, "direct", "viadep", "linedirective", "oneline")
	analysistest.Run(t, dir, a, "constzones", "embedded", "library", "withtests")
}

// Targets with a zone database need nothing, whatever the code does.
func TestTargetsWithZoneinfo(t *testing.T) {
	t.Parallel()
	for _, target := range []string{"distroless-static", "glibc", "alpine,zoneinfo=true", "scratch,zoneinfo=true"} {
		t.Run(target, func(t *testing.T) {
			t.Parallel()
			testutil.ExpectNone(t, testutil.On(t, tzdata.Check, target), "direct", "viadep", "linedirective", "oneline")
		})
	}
}

// alpine has no zoneinfo unless the tzdata package is installed.
func TestAlpine(t *testing.T) {
	t.Parallel()
	testutil.ExpectSome(t, testutil.On(t, tzdata.Check, "alpine"), "direct", "viadep", "linedirective", "oneline")
}

// -tags timetzdata, seen by the go command through GOFLAGS, makes package
// time import time/tzdata: the summary of std tells the truth.
func TestTimetzdataTag(t *testing.T) {
	a := testutil.On(t, tzdata.Check, "scratch")
	t.Setenv("GOFLAGS", "-tags=timetzdata")
	analysistest.Run(t, analysistest.TestData(), a, "tagged")
	t.Setenv("GOFLAGS", "")
	testutil.ExpectSome(t, testutil.On(t, tzdata.Check, "scratch"), "tagged")
}
