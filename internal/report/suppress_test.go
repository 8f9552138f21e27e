package report_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/skipverify"
	"github.com/scratchvet/scratchvet/analyzers/tzdata"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/internal/settings"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

// Line directives (//scratchvet:ignore, //nolint) on the finding's line or
// the line above, file directives, and malformed ones, through a local
// check.
func TestDirectives(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, analysistest.TestData(), testutil.On(t, skipverify.Check, "scratch"),
		"lines", "fileignore", "nolintfile", "malformed", "misplaced")
}

// The config file's [exclude] patterns drop findings in the files they
// match (a pattern for one check, one for all), and keep the others.
func TestExclude(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, analysistest.TestData(), testutil.On(t, skipverify.Check, "scratch"), "excluded", "excluded/testonly")
}

// A whole-program finding is reported at an import of main; a directive
// above that import silences it.
func TestWholeProgram(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, analysistest.TestData(), testutil.On(t, tzdata.Check, "scratch"), "viadep")
}

// With -unused-suppressions, directives naming the check that silenced
// nothing are reported; without it (the default), they are not.
func TestUnused(t *testing.T) {
	t.Parallel()
	for _, d := range testutil.Diagnostics(t, testutil.On(t, skipverify.Check, "scratch"), "unused") {
		if strings.Contains(d.Message, "suppresses no") {
			t.Errorf("reported without -unused-suppressions: %s", d.Message)
		}
	}
	unused := settings.Options{Target: "scratch", UnusedSuppressions: true}
	analysistest.Run(t, analysistest.TestData(), testutil.Analyzer(t, skipverify.Check, unused), "unused")
	analysistest.Run(t, analysistest.TestData(), testutil.Analyzer(t, tzdata.Check, unused), "viadep")
}

// Under KeepSuppressed (SARIF), suppressed findings are reported, marked
// with the directive and its reason.
func TestKeepSuppressed(t *testing.T) {
	t.Parallel()
	keep := testutil.Analyzer(t, tzdata.Check, settings.Options{Target: "scratch", KeepSuppressed: true})
	var kept []analysis.Diagnostic
	for _, d := range testutil.Diagnostics(t, keep, "viadep") {
		if _, _, ok := report.Suppressed(d); ok {
			kept = append(kept, d)
		}
	}
	if len(kept) != 1 {
		t.Fatalf("got %d suppressed findings, want 1", len(kept))
	}
	if _, reason, _ := report.Suppressed(kept[0]); reason != "the image installs tzdata; see Dockerfile" {
		t.Errorf("reason %q", reason)
	}
}

// A directive naming an unknown check was reported by the check nearest
// to the name, however far: with that check turned off, nobody reported
// it (issue 14 item 8).
func TestUnknownCheckReportedByARunningCheck(t *testing.T) {
	t.Parallel()
	only := testutil.Analyzer(t, skipverify.Check, settings.Options{Target: "scratch", Only: []string{"skipverify"}})
	analysistest.Run(t, analysistest.TestData(), only, "unknowncheck")
}
