package docs

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/scratchvet/scratchvet"

// importRule is a row of CONTRIBUTING.md's package table: the packages a
// pattern matches may import the packages the allowed patterns match.
type importRule struct {
	pattern string
	allowed []string // nil: nothing of scratchvet's
}

// importRules reads the package table of CONTRIBUTING.md.
func importRules(t *testing.T) []importRule {
	t.Helper()
	md, err := os.ReadFile("CONTRIBUTING.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(md), "| package | for | may import |")
	if !ok {
		t.Fatal("CONTRIBUTING.md has no package table")
	}
	var rules []importRule
	for _, line := range strings.Split(table, "\n")[2:] {
		if !strings.HasPrefix(line, "| `") {
			break
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 3 {
			t.Fatalf("CONTRIBUTING.md: a row of the package table has %d cells: %s", len(cells), line)
		}
		r := importRule{pattern: strings.Trim(strings.TrimSpace(cells[0]), "`")}
		if allowed := strings.TrimSpace(cells[2]); allowed != "nothing" {
			for _, a := range strings.Split(allowed, ",") {
				r.allowed = append(r.allowed, strings.Trim(strings.TrimSpace(a), "`"))
			}
		}
		rules = append(rules, r)
	}
	if len(rules) < 10 {
		t.Fatalf("CONTRIBUTING.md's package table has %d rows: the parse is broken", len(rules))
	}
	return rules
}

// matches reports whether a package (relative to the module) matches a
// pattern of the table: a package path, or a directory followed by "/*".
func matches(pattern, pkg string) bool {
	if dir, ok := strings.CutSuffix(pattern, "/*"); ok {
		return strings.HasPrefix(pkg, dir+"/")
	}
	if strings.Contains(pattern, "*") {
		ok, _ := path.Match(pattern, pkg)
		return ok
	}
	return pattern == pkg
}

// TestImportGraph enforces the package rules of CONTRIBUTING.md on the
// non-test imports of every package of the module: each package has a
// row, and imports only what its row allows.
func TestImportGraph(t *testing.T) {
	t.Parallel()
	rules := importRules(t)
	checked := 0
	for _, p := range modulePackages(t) {
		pkg, _ := strings.CutPrefix(p.ImportPath, module+"/")
		checked++
		var rule *importRule
		for i := range rules {
			if matches(rules[i].pattern, pkg) {
				rule = &rules[i]
				break
			}
		}
		if rule == nil {
			t.Errorf("%s has no row in CONTRIBUTING.md's package table: say what it is for and what it may import", pkg)
			continue
		}
		for _, imp := range p.Imports {
			dep, own := strings.CutPrefix(imp, module+"/")
			if !own {
				continue
			}
			allowed := false
			for _, a := range rule.allowed {
				allowed = allowed || matches(a, dep)
			}
			if !allowed {
				t.Errorf("%s imports %s, which CONTRIBUTING.md does not allow (row %q)", pkg, dep, rule.pattern)
			}
		}
	}
	if checked < 20 {
		t.Fatalf("checked %d packages: go list found too few", checked)
	}
}

// listedPackage is a package of the module with its non-test imports.
type listedPackage struct {
	ImportPath string
	Imports    []string
}

// modulePackages lists the module's packages.
func modulePackages(t *testing.T) []listedPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports", "./...")
	cmd.Dir = ".."
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p listedPackage
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(p.ImportPath, module+"/") {
			pkgs = append(pkgs, p)
		}
	}
	return pkgs
}

// TestNoProcesses: the packages CONTRIBUTING.md says run no processes
// import no os/exec (program's `go list` fallback is internal/load's).
func TestNoProcesses(t *testing.T) {
	t.Parallel()
	md, err := os.ReadFile("CONTRIBUTING.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(md), "Packages that run no processes (they import no `os/exec`):")
	list, _, ok2 := strings.Cut(rest, ". ")
	if !ok || !ok2 {
		t.Fatal("CONTRIBUTING.md does not list the packages that run no processes")
	}
	var patterns []string
	for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(list, -1) {
		patterns = append(patterns, m[1])
	}
	if len(patterns) < 5 || !slices.Contains(patterns, "internal/program") {
		t.Fatalf("parsed %q from CONTRIBUTING.md's list of packages that run no processes", patterns)
	}
	checked := 0
	for _, p := range modulePackages(t) {
		pkg, _ := strings.CutPrefix(p.ImportPath, module+"/")
		if !slices.ContainsFunc(patterns, func(pattern string) bool { return matches(pattern, pkg) }) {
			continue
		}
		checked++
		if slices.Contains(p.Imports, "os/exec") {
			t.Errorf("%s imports os/exec, but CONTRIBUTING.md says it runs no processes", pkg)
		}
	}
	if checked < 10 {
		t.Fatalf("checked %d packages", checked)
	}
}

func TestMatches(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		pattern, pkg string
		want         bool
	}{
		{"analyzers/*", "analyzers/tzdata", true},
		{"analyzers/*", "analyzers", false},
		{"analyzers/suite", "analyzers/suite", true},
		{"internal/*", "internal/report", true},
		{"lsp", "lsp/protocol", false},
	} {
		if got := matches(tc.pattern, tc.pkg); got != tc.want {
			t.Errorf("matches(%q, %q) = %v", tc.pattern, tc.pkg, got)
		}
	}
}

// errorfWithoutWrap matches an fmt.Errorf whose last argument is an error
// variable (err, or a name ending in Err) formatted with %v or %s: the
// cause is flattened to text, and errors.Is/As no longer see it.
var errorfWithoutWrap = regexp.MustCompile(`fmt\.Errorf\(".*%[vs]"(, [^()]*)?, (err|\w+Err)\)`)

// TestErrorsWrap: an error returned with context wraps its cause with %w
// (CONTRIBUTING.md, "Rules that hold everywhere").
func TestErrorsWrap(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("git", "-C", "..", "ls-files", "*.go").Output()
	if err != nil {
		t.Skipf("git ls-files: %v (not a git checkout)", err)
	}
	checked := 0
	for _, name := range strings.Fields(string(out)) {
		if strings.HasSuffix(name, "_test.go") || strings.Contains(name, "/testdata/") {
			continue
		}
		src, err := os.ReadFile("../" + name)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for i, line := range strings.Split(string(src), "\n") {
			if errorfWithoutWrap.MatchString(line) {
				t.Errorf("%s:%d: wrap the error with %%w: %s", name, i+1, strings.TrimSpace(line))
			}
		}
	}
	if checked < 50 {
		t.Fatalf("checked %d files", checked)
	}
}
