// Package testutil helps the analyzer tests configure a check and count
// diagnostics without // want expectations.
package testutil

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/check"
	"github.com/scratchvet/scratchvet/internal/settings"
)

// Analyzer returns a new analyzer of check c whose settings are resolved
// from opts (KnownChecks: the registry's), sharing no state with other
// tests: tests that do not change the environment can run in parallel.
func Analyzer(t testing.TB, c *check.Check, opts settings.Options) *analysis.Analyzer {
	t.Helper()
	r, err := suite.Resolver(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c.Analyzer(settings.NewAnalyzer(r))
}

// On returns a new analyzer of check c judged against the target spec.
func On(t testing.TB, c *check.Check, spec string) *analysis.Analyzer {
	t.Helper()
	return Analyzer(t, c, settings.Options{Target: spec})
}

// ignoreWants swallows analysistest's expectation errors.
type ignoreWants struct{}

func (ignoreWants) Errorf(string, ...any) {}

// Diagnostics runs a on the testdata packages and returns its diagnostics,
// ignoring // want comments; load errors fail the test.
func Diagnostics(t *testing.T, a *analysis.Analyzer, pkgs ...string) []analysis.Diagnostic {
	t.Helper()
	var diags []analysis.Diagnostic
	seen := map[string]bool{} // a package and its test variant report alike
	for _, r := range analysistest.Run(ignoreWants{}, analysistest.TestData(), a, pkgs...) {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Pass.Pkg.Path(), r.Err)
		}
		for _, d := range r.Diagnostics {
			key := r.Pass.Fset.Position(d.Pos).String() + d.Message
			if !seen[key] {
				seen[key] = true
				diags = append(diags, d)
			}
		}
	}
	return diags
}

// ExpectNone asserts that a reports nothing on the packages.
func ExpectNone(t *testing.T, a *analysis.Analyzer, pkgs ...string) {
	t.Helper()
	for _, d := range Diagnostics(t, a, pkgs...) {
		t.Errorf("unexpected diagnostic: %s", d.Message)
	}
}

// ExpectSome asserts that a reports at least once on each package.
func ExpectSome(t *testing.T, a *analysis.Analyzer, pkgs ...string) {
	t.Helper()
	for _, p := range pkgs {
		if len(Diagnostics(t, a, p)) == 0 {
			t.Errorf("%s: no diagnostic, want at least one", p)
		}
	}
}

// Text is a diagnostic's message and the messages of its related
// information, one a line: what a user reads in all.
func Text(d analysis.Diagnostic) string {
	text := d.Message
	for _, r := range d.Related {
		text += "\n" + r.Message
	}
	return text
}
