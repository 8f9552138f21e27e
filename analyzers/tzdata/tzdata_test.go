package tzdata_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/tzdata"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func TestScratch(t *testing.T) {
	testutil.Target(t, "scratch")
	dir := analysistest.TestData()
	analysistest.RunWithSuggestedFixes(t, dir, tzdata.Analyzer, "direct", "viadep")
	analysistest.Run(t, dir, tzdata.Analyzer, "constzones", "embedded", "library", "withtests")
}

// Targets with a zone database need nothing, whatever the code does.
func TestTargetsWithZoneinfo(t *testing.T) {
	for _, target := range []string{"distroless-static", "glibc", "alpine,zoneinfo=true", "scratch,zoneinfo=true"} {
		t.Run(target, func(t *testing.T) {
			testutil.Target(t, target)
			testutil.ExpectNone(t, tzdata.Analyzer, "direct", "viadep")
		})
	}
}

// alpine has no zoneinfo unless the tzdata package is installed.
func TestAlpine(t *testing.T) {
	testutil.Target(t, "alpine")
	testutil.ExpectSome(t, tzdata.Analyzer, "direct", "viadep")
}

// -tags timetzdata, seen by the go command through GOFLAGS, makes package
// time import time/tzdata: the summary of std tells the truth.
func TestTimetzdataTag(t *testing.T) {
	testutil.Target(t, "scratch")
	t.Setenv("GOFLAGS", "-tags=timetzdata")
	analysistest.Run(t, analysistest.TestData(), tzdata.Analyzer, "tagged")
	t.Setenv("GOFLAGS", "")
	testutil.ExpectSome(t, tzdata.Analyzer, "tagged")
}
