package driver_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/load"
	"github.com/scratchvet/scratchvet/internal/settings"
)

// Two main packages of one run, each with its own settings: the driver
// hands each its own deployments, and each is judged against them (the
// same zone lookup fails on scratch and not on glibc).
func TestSettingsPerPackage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	main := "package main\n\nimport \"time\"\n\nfunc main() { time.LoadLocation(\"America/New_York\") }\n"
	for name, text := range map[string]string{
		"go.mod":                "module example.com/two\n\ngo 1.23\n",
		"cmd/onscratch/main.go": main,
		"cmd/onglibc/main.go":   main,
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	settingsFor := map[string]*settings.Settings{}
	for pkg, target := range map[string]string{"example.com/two/cmd/onscratch": "scratch", "example.com/two/cmd/onglibc": "glibc"} {
		r, err := suite.Resolver(settings.Options{Target: target})
		if err != nil {
			t.Fatal(err)
		}
		if settingsFor[pkg], err = r.ForDir(dir); err != nil {
			t.Fatal(err)
		}
	}
	prog, err := load.Load(load.Config{Dir: dir, Env: append(os.Environ(), "GOFLAGS=", "GOWORK=off"), Patterns: []string{"./..."}})
	if err != nil {
		t.Fatal(err)
	}
	findings := map[string][]string{}
	prog.Each(func(root *load.Root) {
		if root.Package == nil {
			t.Errorf("%s: %v", root.PkgPath, root.Errors)
			return
		}
		root.Package.Closures = prog.Closures
		root.Package.Settings = settingsFor[root.PkgPath]
		for _, f := range driver.Run(root.Package, suite.All()).Findings {
			findings[root.PkgPath] = append(findings[root.PkgPath], f.Check+": "+f.Message)
		}
	})
	if got := findings["example.com/two/cmd/onscratch"]; len(got) != 1 || !strings.HasPrefix(got[0], "tzdata: ") || !strings.Contains(got[0], "scratch") {
		t.Errorf("on scratch: %q, want one tzdata finding naming scratch", got)
	}
	if got := findings["example.com/two/cmd/onglibc"]; len(got) != 0 {
		t.Errorf("on glibc: %q, want none", got)
	}
}
