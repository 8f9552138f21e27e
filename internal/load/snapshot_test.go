package load_test

import (
	"errors"
	"go/ast"
	"os"
	"path/filepath"
	"reflect"
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

// Relist takes in a created file and drops a deleted one, for the package
// of their directory only; a directory without a known package, or an
// import the snapshot does not know, needs a new listing (ErrListAgain),
// which Extend avoids for the import.
func TestRelistAndExtend(t *testing.T) {
	dir := writeModule(t)
	snap := newSnapshot(t, dir)
	libDir := filepath.Join(dir, "lib")
	extra := filepath.Join(libDir, "extra.go")
	if err := os.WriteFile(extra, []byte("package lib\n\nimport \"fmt\"\n\nvar X = fmt.Sprint(1)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pkgs, err := snap.Relist([]string{libDir}, nil)
	if err != nil || strings.Join(pkgs, ",") != "example.com/m/lib" {
		t.Fatalf("Relist = %v, %v", pkgs, err)
	}
	if got := snap.PackagesOf(extra); len(got) != 1 {
		t.Errorf("the created file is in %v after Relist", got)
	}
	if info, _ := snap.Info("example.com/m/lib"); strings.Join(info.Imports, ",") != "fmt,time" {
		t.Errorf("lib's imports after Relist: %v", info.Imports)
	}
	// Main, listed after lib, must stay after it.
	roots := strings.Join(snap.Roots(), ",")
	if roots != "example.com/m/lib,example.com/m/cmd/app" {
		t.Errorf("roots %s", roots)
	}
	os.Remove(extra)
	if _, err := snap.Relist([]string{libDir}, nil); err != nil {
		t.Fatal(err)
	}
	if got := snap.PackagesOf(extra); len(got) != 0 {
		t.Errorf("the deleted file is still in %v", got)
	}
	if _, err := snap.Relist([]string{filepath.Join(dir, "newpkg")}, nil); !errors.Is(err, load.ErrListAgain) {
		t.Errorf("an unknown directory: %v, want ErrListAgain", err)
	}
	// An import nobody listed: Relist refuses, Extend lists it.
	if err := os.WriteFile(extra, []byte("package lib\n\nimport \"os/user\"\n\nvar U, _ = user.Current()\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = snap.Relist([]string{libDir}, nil)
	var unknown *load.UnknownImportsError
	if !errors.As(err, &unknown) || !errors.Is(err, load.ErrListAgain) || strings.Join(unknown.Imports, ",") != "os/user" {
		t.Fatalf("an unknown import: %v, want an UnknownImportsError for os/user", err)
	}
	if err := snap.Extend(unknown.Importer, unknown.Imports); err != nil {
		t.Fatal(err)
	}
	if _, ok := snap.Info("os/user"); !ok {
		t.Fatal("os/user not listed by Extend")
	}
	if _, err := snap.Relist([]string{libDir}, nil); err != nil {
		t.Fatalf("Relist after Extend: %v", err)
	}
	c := snap.Check("example.com/m/lib", nil)
	if c.Package == nil || c.TypeErrors || len(c.NewImports) > 0 {
		t.Errorf("check after Extend: %v, new imports %v", c.Errors, c.NewImports)
	}
	// The closure of os/user (cgo lookups with CGO_ENABLED=1, or none) was
	// merged: its summary exists.
	if snap.Closures["os/user"] == nil {
		t.Errorf("no closure for os/user")
	}
}

// SetImports keeps the import graph's edges: a package that starts
// importing another is among its importers.
func TestSetImports(t *testing.T) {
	dir := writeModule(t)
	snap := newSnapshot(t, dir)
	if snap.DependsOn("example.com/m/lib", "fmt") {
		t.Fatal("lib imports fmt before the edit")
	}
	snap.SetImports("example.com/m/lib", []string{"time", "fmt"})
	if !snap.DependsOn("example.com/m/lib", "fmt") {
		t.Error("SetImports: lib is not an importer of fmt")
	}
	snap.SetImports("example.com/m/lib", []string{"time"})
	if snap.DependsOn("example.com/m/lib", "fmt") {
		t.Error("SetImports: lib still an importer of fmt")
	}
}

// RelistFiles takes a file created or deleted in a package without the go
// command when go/build's rule decides it (no build constraints, no
// GOOS/GOARCH in the name, the package's name, no cgo), and gives the
// listing the go command would: the same files and imports. Otherwise it
// runs go list.
func TestRelistFiles(t *testing.T) {
	dir := writeModule(t)
	snap := newSnapshot(t, dir)
	libDir := filepath.Join(dir, "lib")
	write := func(name, text string) string {
		t.Helper()
		path := filepath.Join(libDir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	// What go list says: a second snapshot of the same files.
	want := func() load.PackageInfo {
		t.Helper()
		info, _ := newSnapshot(t, dir).Info("example.com/m/lib")
		return info
	}
	same := func(what string, runs int) {
		t.Helper()
		got, _ := snap.Info("example.com/m/lib")
		w := want()
		if strings.Join(got.Files, ",") != strings.Join(w.Files, ",") || strings.Join(got.Imports, ",") != strings.Join(w.Imports, ",") {
			t.Errorf("%s: files %v imports %v, go list says %v and %v", what, got.Files, got.Imports, w.Files, w.Imports)
		}
		if snap.GoLists() != runs {
			t.Errorf("%s: %d go commands run, want %d", what, snap.GoLists(), runs)
		}
	}

	extra := write("extra.go", "// Package doc.\npackage lib\n\nimport (\n\t\"fmt\"\n\t\"time\"\n)\n\nvar X = fmt.Sprint(time.Second)\n")
	if pkgs, err := snap.RelistFiles([]string{extra}, nil); err != nil || strings.Join(pkgs, ",") != "example.com/m/lib" {
		t.Fatalf("RelistFiles(created) = %v, %v", pkgs, err)
	}
	same("a file created", 0)
	if c := snap.Check("example.com/m/lib", nil); c.Package == nil || len(c.Package.Files) != 3 {
		t.Fatalf("check after RelistFiles: %v", c.Errors)
	}

	os.Remove(extra)
	if _, err := snap.RelistFiles([]string{extra}, nil); err != nil {
		t.Fatal(err)
	}
	same("the file deleted", 0)

	// Only in the editor (an unsaved new buffer): the overlay counts.
	unsaved := filepath.Join(libDir, "unsaved.go")
	if _, err := snap.RelistFiles([]string{unsaved}, map[string][]byte{unsaved: []byte("package lib\n\nimport \"os\"\n\nvar H, _ = os.Hostname()\n")}); err != nil {
		t.Fatal(err)
	}
	if info, _ := snap.Info("example.com/m/lib"); len(info.Files) != 3 || strings.Join(info.Imports, ",") != "os,time" {
		t.Errorf("an unsaved file: files %v imports %v", info.Files, info.Imports)
	}
	if _, err := snap.RelistFiles([]string{unsaved}, nil); err != nil {
		t.Fatal(err)
	}
	same("the unsaved file closed", 0)

	// A build constraint, a file named for another GOOS, another package
	// name: the go command decides.
	runs := 0
	for _, c := range []struct{ name, text string }{
		{"tagged.go", "//go:build never\n\npackage lib\n"},
		{"x_plan9.go", "package lib\n"},
	} {
		f := write(c.name, c.text)
		if _, err := snap.RelistFiles([]string{f}, nil); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		runs++
		same(c.name, runs)
		os.Remove(f)
		if _, err := snap.RelistFiles([]string{f}, nil); err != nil {
			t.Fatal(err)
		}
		same(c.name+" deleted", runs) // it was never in the package
	}
	other := write("other_pkg.go", "package notlib\n")
	snap.RelistFiles([]string{other}, nil) // the go command's error is the package's
	if snap.GoLists() != runs+1 {
		t.Errorf("another package name: %d go commands, want %d", snap.GoLists(), runs+1)
	}
	os.Remove(other)

	// An import nobody listed: as Relist, an UnknownImportsError.
	user := write("user.go", "package lib\n\nimport \"os/user\"\n\nvar U, _ = user.Current()\n")
	_, err := snap.RelistFiles([]string{user}, nil)
	var unknown *load.UnknownImportsError
	if !errors.As(err, &unknown) || strings.Join(unknown.Imports, ",") != "os/user" {
		t.Errorf("an unknown import: %v, want an UnknownImportsError for os/user", err)
	}
}

// CheckFile checks the edited file as Check does (the same types for
// each of its expressions) while the package's other files lose their
// function bodies, whose errors (an import used only there, an init
// without a body) are not the package's; the edited file's own errors
// are. The shared syntax is not changed: Check after it sees every body.
func TestCheckFile(t *testing.T) {
	dir := writeModule(t)
	snap := newSnapshot(t, dir)
	zone, other := filepath.Join(dir, "lib", "zone.go"), filepath.Join(dir, "lib", "other.go")
	overlay := map[string][]byte{
		other: []byte("package lib\n\nimport \"time\"\n\nvar n int\n\nfunc init() { n = 2 }\n\n// Other is another file of lib.\nfunc Other() int { return time.Now().Second() + n }\n"),
	}
	typesOf := func(c *load.Checked) map[string]string {
		out := map[string]string{}
		for e, tv := range c.Package.TypesInfo.Types {
			if p := c.Package.Fset.Position(e.Pos()); p.Filename == zone {
				out[p.String()+" "+c.Package.Fset.Position(e.End()).String()] = tv.Type.String()
			}
		}
		return out
	}
	bodies := func(c *load.Checked, file string) int {
		n := 0
		for _, f := range c.Package.Files {
			if c.Package.Fset.Position(f.Pos()).Filename != file {
				continue
			}
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					n++
				}
			}
		}
		return n
	}
	full := snap.Check("example.com/m/lib", overlay)
	if full.Package == nil || len(full.Errors) > 0 {
		t.Fatalf("Check: errors %q", full.Errors)
	}
	early := snap.CheckFile("example.com/m/lib", zone, overlay)
	if early.Package == nil || len(early.Errors) > 0 || early.TypeErrors {
		t.Fatalf("CheckFile: package %v, errors %q", early.Package != nil, early.Errors)
	}
	if got, want := typesOf(early), typesOf(full); len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("types in zone.go:\nCheckFile %v\nCheck     %v", got, want)
	}
	if n := bodies(early, other); n != 0 {
		t.Errorf("CheckFile: other.go keeps %d function bodies", n)
	}
	if n := bodies(early, zone); n != 1 {
		t.Errorf("CheckFile: zone.go has %d function bodies, want 1", n)
	}
	if again := snap.Check("example.com/m/lib", overlay); bodies(again, other) != 2 || len(again.Errors) > 0 {
		t.Errorf("Check after CheckFile: other.go has %d bodies (want 2), errors %q", bodies(again, other), again.Errors)
	}
	overlay[zone] = []byte("package lib\n\nfunc Zone() int { return undefined }\n")
	if broken := snap.CheckFile("example.com/m/lib", zone, overlay); !broken.TypeErrors || len(broken.Errors) != 1 || !strings.Contains(broken.Errors[0], "undefined") {
		t.Errorf("CheckFile with an error in the file: TypeErrors %v, errors %q", broken.TypeErrors, broken.Errors)
	}
}
