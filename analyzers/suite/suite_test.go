package suite_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/settings"
)

func TestValid(t *testing.T) {
	t.Parallel()
	if err := analysis.Validate(suite.All()); err != nil {
		t.Fatal(err)
	}
	as, err := suite.With(settings.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := analysis.Validate(as); err != nil {
		t.Fatal(err)
	}
}

// Every registered check has its documentation page, with the sections
// users expect, a URL pointing at it, a one-line summary, and an
// analysistest suite of its own (a test file and testdata/src).
func TestEveryCheckIsComplete(t *testing.T) {
	t.Parallel()
	for _, c := range suite.Checks() {
		page := filepath.Join("..", "..", "docs", "checks", c.Name+".md")
		data, err := os.ReadFile(page)
		if err != nil {
			t.Errorf("%s has no documentation page: %v", c.Name, err)
		}
		for _, section := range []string{"## What", "## Why", "## Before", "## After", "## Fix", "## Targets", "## Silence"} {
			if err == nil && !strings.Contains(string(data), section) {
				t.Errorf("%s lacks a %q section", page, section)
			}
		}
		if !strings.HasSuffix(c.URL(), "docs/checks/"+c.Name+".md") {
			t.Errorf("%s: URL %q does not point at its page", c.Name, c.URL())
		}
		if c.Summary() == "" || strings.Contains(c.Summary(), "\n") {
			t.Errorf("%s: bad summary %q", c.Name, c.Summary())
		}
		if fi, err := os.Stat(filepath.Join("..", c.Name, "testdata", "src")); err != nil || !fi.IsDir() {
			t.Errorf("%s has no analysistest fixtures in analyzers/%s/testdata/src", c.Name, c.Name)
		}
		if _, err := os.Stat(filepath.Join("..", c.Name, c.Name+"_test.go")); err != nil {
			t.Errorf("%s has no tests in analyzers/%s/%s_test.go", c.Name, c.Name, c.Name)
		}
	}
}

// Each call of With gives analyzers of its own: two configurations in one
// process share nothing.
func TestWithIsolated(t *testing.T) {
	t.Parallel()
	a, err := suite.With(settings.Options{Target: "glibc"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := suite.With(settings.Options{Target: "scratch", Only: []string{"tzdata"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(suite.Names()) || len(b) != 1 || b[0].Name != "tzdata" {
		t.Fatalf("With: %d and %d analyzers", len(a), len(b))
	}
	for _, x := range a {
		if x == b[0] || slices.Contains(x.Requires, b[0].Requires[0]) {
			t.Errorf("%s shares its analyzer or settings with another configuration", x.Name)
		}
	}
	if _, err := suite.With(settings.Options{Only: []string{"tzdat"}}); err == nil || !strings.Contains(err.Error(), `unknown check "tzdat"`) {
		t.Errorf("With(unknown check) = %v", err)
	}
}
