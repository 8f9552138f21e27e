package config_test

import (
	"os"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/config"
)

// The example in docs/config.md is a valid config file.
func TestDocExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/config.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```toml\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/config.md has no toml example")
	}
	f, err := config.Parse("docs/config.md", example, suite.Names())
	if err != nil {
		t.Fatal(err)
	}
	if f.Target == "" || len(f.Build.Tags) == 0 || len(f.Exclude[config.AllChecks]) != 2 || f.Severity[config.AllChecks] == "" {
		t.Errorf("example not fully read: %+v", f)
	}
	// Every other example is valid too.
	for n := 2; ; n++ {
		_, next, ok := strings.Cut(rest, "```toml\n")
		if !ok {
			break
		}
		example, rest, _ = strings.Cut(next, "```")
		if _, err := config.Parse("docs/config.md", example, suite.Names()); err != nil {
			t.Errorf("example %d: %v", n, err)
		}
	}
}
