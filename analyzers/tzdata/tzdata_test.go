package tzdata_test

import (
	"path/filepath"
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
	analysistest.Run(t, dir, a, "constzones", "embedded", "library", "withtests", "manydeps")
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

// A dependency's cause is in the related information, at its position
// (not in the message's text): the call in lib/zones, with a position
// in the file set that names the file, line and column.
func TestRelated(t *testing.T) {
	t.Parallel()
	for _, r := range analysistest.Run(t, analysistest.TestData(), testutil.On(t, tzdata.Check, "scratch"), "viadep") {
		for _, d := range r.Diagnostics {
			if len(d.Related) == 0 {
				t.Fatalf("%s: no related information", d.Message)
			}
			site := d.Related[0]
			p := r.Pass.Fset.Position(site.Pos)
			if filepath.Base(p.Filename) != "zones.go" || p.Line != 8 || p.Column != 9 || site.Message != "time.LoadLocation(...) in lib/zones" {
				t.Errorf("related[0] = %s: %q, want zones.go:8:9: time.LoadLocation(...) in lib/zones", p, site.Message)
			}
		}
	}
}
