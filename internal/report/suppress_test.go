package report_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/skipverify"
	"github.com/scratchvet/scratchvet/analyzers/tzdata"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

// Line directives (//scratchvet:ignore, //nolint) on the finding's line or
// the line above, file directives, and malformed ones, through a local
// check.
func TestDirectives(t *testing.T) {
	testutil.Target(t, "scratch")
	analysistest.Run(t, analysistest.TestData(), skipverify.Analyzer,
		"lines", "fileignore", "nolintfile", "malformed", "misplaced")
}

// The config file's [exclude] patterns drop findings in the files they
// match (a pattern for one check, one for all), and keep the others.
func TestExclude(t *testing.T) {
	testutil.Target(t, "scratch")
	analysistest.Run(t, analysistest.TestData(), skipverify.Analyzer, "excluded", "excluded/testonly")
}

// A whole-program finding is reported at an import of main; a directive
// above that import silences it.
func TestWholeProgram(t *testing.T) {
	testutil.Target(t, "scratch")
	analysistest.Run(t, analysistest.TestData(), tzdata.Analyzer, "viadep")
}

// With -unused-suppressions, directives naming the check that silenced
// nothing are reported; without it (the default), they are not.
func TestUnused(t *testing.T) {
	testutil.Target(t, "scratch")
	for _, d := range testutil.Diagnostics(t, skipverify.Analyzer, "unused") {
		if strings.Contains(d.Message, "suppresses no") {
			t.Errorf("reported without -unused-suppressions: %s", d.Message)
		}
	}
	testutil.SetFlag(t, "unused-suppressions", "true")
	analysistest.Run(t, analysistest.TestData(), skipverify.Analyzer, "unused")
	analysistest.Run(t, analysistest.TestData(), tzdata.Analyzer, "viadep")
}

// Under KeepSuppressed (SARIF), suppressed findings are reported, marked
// with the directive and its reason.
func TestKeepSuppressed(t *testing.T) {
	testutil.Target(t, "scratch")
	report.KeepSuppressed(true)
	t.Cleanup(func() { report.KeepSuppressed(false) })
	var kept []analysis.Diagnostic
	for _, d := range testutil.Diagnostics(t, tzdata.Analyzer, "viadep") {
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
