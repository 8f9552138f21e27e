package load_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/load"
)

// writeModule writes a module of two packages: lib (with a time zone
// lookup, two files) and cmd/app (a command importing it).
func writeModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.23\n",
		"lib/zone.go": `package lib

import "time"

// Zone looks a zone up.
func Zone(name string) (*time.Location, error) { return time.LoadLocation(name) }
`,
		"lib/other.go": "package lib\n\n// Other is another file of lib.\nfunc Other() int { return 1 }\n",
		"cmd/app/main.go": `package main

import (
	"fmt"

	"example.com/m/lib"
)

func main() { fmt.Println(lib.Zone("UTC")) }
`,
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func newSnapshot(t *testing.T, dir string) *load.Snapshot {
	t.Helper()
	snap, err := load.NewSnapshot(load.Config{Dir: dir, Env: append(os.Environ(), "GOFLAGS=", "GOWORK=off"), Patterns: []string{"./..."}})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// Consecutive checks share what did not change: the syntax of unchanged
// files, and the dependencies' types decoded from export data.
func TestCheckReusesSyntaxAndImports(t *testing.T) {
	dir := writeModule(t)
	snap := newSnapshot(t, dir)
	zone, other := filepath.Join(dir, "lib", "zone.go"), filepath.Join(dir, "lib", "other.go")

	first := snap.Check("example.com/m/lib", nil)
	if first.Package == nil || first.TypeErrors {
		t.Fatalf("check failed: %v", first.Errors)
	}
	src, _ := os.ReadFile(zone)
	edited := map[string][]byte{zone: []byte(strings.Replace(string(src), "looks a zone up", "looks up a zone", 1))}
	second := snap.Check("example.com/m/lib", edited)
	if second.Package == nil {
		t.Fatalf("second check failed: %v", second.Errors)
	}
	syntax := func(c *load.Checked, name string) any {
		for _, f := range c.Package.Files {
			if c.Package.Fset.Position(f.Package).Filename == name {
				return f
			}
		}
		t.Fatalf("no syntax for %s", name)
		return nil
	}
	if syntax(first, other) != syntax(second, other) {
		t.Errorf("the unchanged file was parsed again")
	}
	if syntax(first, zone) == syntax(second, zone) {
		t.Errorf("the edited file's old syntax was reused")
	}
	if string(second.Sources[zone]) != string(edited[zone]) {
		t.Errorf("the check did not read the overlay")
	}
	// The same *types.Package for "time" in both: decoded once.
	imported := func(c *load.Checked) any {
		for _, p := range c.Package.Types.Imports() {
			if p.Path() == "time" {
				return p
			}
		}
		t.Fatalf("lib does not import time")
		return nil
	}
	if imported(first) != imported(second) {
		t.Errorf("time was decoded from export data again")
	}
}

// Update reports the importers to check again only when the package's
// closure changed.
func TestUpdateOnlyWhenTheClosureChanges(t *testing.T) {
	dir := writeModule(t)
	snap := newSnapshot(t, dir)
	zone := filepath.Join(dir, "lib", "zone.go")
	src, _ := os.ReadFile(zone)
	update := func(text string) []string {
		t.Helper()
		c := snap.Check("example.com/m/lib", map[string][]byte{zone: []byte(text)})
		if c.Package == nil {
			t.Fatalf("check failed: %v", c.Errors)
		}
		c.Package.Closures = snap.Closures
		res := driver.Run(c.Package, suite.All())
		if res.Program == nil {
			t.Fatalf("no program summary: %v", res.Errors)
		}
		return snap.Update("example.com/m/lib", c.Package.Fset, res.Program.Local, res.Closure)
	}
	// The first typed summary replaces the scan's: same causes.
	update(string(src))
	if got := update(strings.Replace(string(src), "looks a zone up", "looks up a zone", 1)); len(got) != 0 {
		t.Errorf("a comment edit: importers %v, want none", got)
	}
	noLookup := strings.Replace(string(src), "time.LoadLocation(name)", "time.UTC, error(nil)", 1)
	if got := update(noLookup); strings.Join(got, " ") != "example.com/m/cmd/app" {
		t.Errorf("removing the lookup: importers %v, want example.com/m/cmd/app", got)
	}
	if c := snap.Closures["example.com/m/cmd/app"]; c == nil || len(c.Causes) != 0 {
		t.Errorf("the command's closure still has causes: %v", c)
	}
}
