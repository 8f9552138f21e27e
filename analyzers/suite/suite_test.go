package suite_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/settings"
)

func TestValid(t *testing.T) {
	if err := analysis.Validate(suite.All()); err != nil {
		t.Fatal(err)
	}
}

// The config file validates [checks] against settings.CheckNames.
func TestCheckNamesMatch(t *testing.T) {
	var names []string
	for _, a := range suite.All() {
		names = append(names, a.Name)
	}
	if got, want := strings.Join(settings.CheckNames, ","), strings.Join(names, ","); got != want {
		t.Errorf("settings.CheckNames = %s, want %s", got, want)
	}
}

// Every check has its documentation page, with the sections users expect,
// and a URL pointing at it.
func TestDocPages(t *testing.T) {
	for _, a := range suite.All() {
		page := filepath.Join("..", "..", "docs", "checks", a.Name+".md")
		data, err := os.ReadFile(page)
		if err != nil {
			t.Errorf("%s: %v", a.Name, err)
			continue
		}
		for _, section := range []string{"## What", "## Why", "## Before", "## After", "## Fix", "## Targets", "## Silence"} {
			if !strings.Contains(string(data), section) {
				t.Errorf("%s lacks a %q section", page, section)
			}
		}
		if !strings.HasSuffix(a.URL, "docs/checks/"+a.Name+".md") {
			t.Errorf("%s: URL %q does not point at its page", a.Name, a.URL)
		}
		if suite.Summary(a) == "" || strings.Contains(suite.Summary(a), "\n") {
			t.Errorf("%s: bad summary %q", a.Name, suite.Summary(a))
		}
	}
}

// Suppression directives are applied by report.Suppress around each
// check's Run; a check defined without it would ignore them everywhere.
func TestRunHonoursDirectives(t *testing.T) {
	for _, a := range suite.All() {
		src, err := os.ReadFile(filepath.Join("..", a.Name, a.Name+".go"))
		if err != nil {
			t.Errorf("%s: %v", a.Name, err)
			continue
		}
		if !strings.Contains(string(src), "Run:      report.Suppress(run),") {
			t.Errorf("%s: Run is not wrapped by report.Suppress", a.Name)
		}
	}
}
