package main_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The CI formats against golden files, on testdata/configured (findings of
// severity error and info, an excluded one, a suppressed one).
func TestFormatGolden(t *testing.T) {
	for _, c := range []struct{ format, golden string }{
		{"checkstyle", "configured.checkstyle.xml"},
		{"junit", "configured.junit.xml"},
		{"gitlab", "configured.gitlab.json"},
	} {
		t.Run(c.format, func(t *testing.T) {
			dir := copyModule(t, "configured")
			r := run(t, dir, nil, binary, "-format", c.format, "./...")
			if r.code != 1 || r.stderr != "" {
				t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
			}
			compareGolden(t, normalise(r.stdout, dir), c.golden)
		})
	}
}

func compareGolden(t *testing.T, got, golden string) {
	t.Helper()
	path := filepath.Join("testdata", golden)
	if *update && !strings.HasPrefix(t.Name(), "TestSeveralFormats") {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run %s -update writes it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -run '%s' -update rewrites it); got:\n%s", path, t.Name(), got)
	}
}

// Several outputs in one run: SARIF to a file, text to standard output,
// each the same as alone.
func TestSeveralFormats(t *testing.T) {
	dir := copyModule(t, "configured")
	r := run(t, dir, nil, binary, "-format", "sarif=out/scratchvet.sarif,text,gitlab=gl-code-quality-report.json", "./...")
	if r.code != 2 || !strings.Contains(r.stderr, "out/scratchvet.sarif") {
		t.Errorf("into a missing directory: exit %d, want 2 naming the file\n%s", r.code, r.stderr)
	}
	os.Mkdir(filepath.Join(dir, "out"), 0o755)
	r = run(t, dir, nil, binary, "-format", "sarif=out/scratchvet.sarif,text,gitlab=gl-code-quality-report.json", "./...")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	compareGolden(t, normalise(r.stdout, dir), "configured.txt")
	sarif, _ := os.ReadFile(filepath.Join(dir, "out", "scratchvet.sarif"))
	compareGolden(t, normalise(string(sarif), dir), "configured.sarif")
	gitlab, _ := os.ReadFile(filepath.Join(dir, "gl-code-quality-report.json"))
	compareGolden(t, normalise(string(gitlab), dir), "configured.gitlab.json")
}

// Checkstyle against testdata/formats/checkstyle.xsd (Checkstyle's report
// format) with xmllint; the schema is not vacuous: a severity Checkstyle
// does not have is rejected.
func TestCheckstyleSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is not installed (Debian libxml2-utils); CI must run the schema validation")
		}
		t.Skip("xmllint is not installed (Debian libxml2-utils)")
	}
	schema, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "formats", "checkstyle.xsd"))
	for _, module := range []string{"configured", "suppressed"} {
		dir := copyModule(t, module)
		r := run(t, dir, nil, binary, "-format", "checkstyle", "./...")
		file := filepath.Join(t.TempDir(), module+".xml")
		os.WriteFile(file, []byte(r.stdout), 0o644)
		if out, err := exec.Command(xmllint, "--noout", "--schema", schema, file).CombinedOutput(); err != nil {
			t.Errorf("%s: not a valid Checkstyle report: %v\n%s\n%s", module, err, out, r.stdout)
		}
		bad := filepath.Join(t.TempDir(), "bad.xml")
		os.WriteFile(bad, []byte(regexp.MustCompile(`severity="[a-z]+"`).ReplaceAllString(r.stdout, `severity="fatal"`)), 0o644)
		if out, err := exec.Command(xmllint, "--noout", "--schema", schema, bad).CombinedOutput(); err == nil {
			t.Errorf("the schema accepted an invalid report\n%s", out)
		}
	}
}

// JUnit through junit2json (testdata/formats/validate), a consumer's
// parser, with the counts CI systems show checked against the findings.
func TestJUnitParser(t *testing.T) {
	validator := filepath.Join("..", "..", "testdata", "formats", "validate")
	if _, err := os.Stat(filepath.Join(validator, "node_modules", "junit2json")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("run npm ci in testdata/formats/validate; CI must run the JUnit validation")
		}
		t.Skip("run npm ci in testdata/formats/validate to install junit2json")
	}
	script, _ := filepath.Abs(filepath.Join(validator, "junit.mjs"))
	dir := copyModule(t, "configured")
	r := run(t, dir, nil, binary, "-format", "junit", "./...")
	file := filepath.Join(t.TempDir(), "junit.xml")
	os.WriteFile(file, []byte(r.stdout), 0o644)
	out, err := exec.Command("node", script, file).Output()
	if err != nil {
		t.Fatalf("junit2json rejects the report: %v\n%s", err, r.stdout)
	}
	var report struct {
		Tests, Failures, Errors int
		Testsuite               []struct {
			Name     string
			Testcase []struct {
				Name    string
				Failure []struct{ Message, Type string }
			}
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatal(err)
	}
	// testdata/configured: dynlink and skipverify (error) fail, tzdata
	// (info) passes; the excluded and suppressed findings are absent.
	if report.Tests != 3 || report.Failures != 2 || len(report.Testsuite) != 1 || report.Testsuite[0].Name != "cmd/app/main.go" {
		t.Errorf("parsed: %s", out)
	}
	// A report with a wrong count is rejected: the check is not vacuous.
	bad := filepath.Join(t.TempDir(), "bad.xml")
	os.WriteFile(bad, []byte(strings.Replace(r.stdout, `failures="2"`, `failures="1"`, 1)), 0o644)
	if out, err := exec.Command("node", script, bad).CombinedOutput(); err == nil {
		t.Errorf("accepted a report with a wrong failure count\n%s", out)
	}
}

// GitLab code quality: every issue has the fields GitLab's documentation
// requires (description, check_name, fingerprint, severity from its scale,
// location.path relative to the repository and location.lines.begin), and
// fingerprints are unique.
func TestGitLabFields(t *testing.T) {
	for _, module := range []string{"configured", "suppressed", "demo"} {
		dir := copyModule(t, module)
		r := run(t, dir, nil, binary, "-format", "gitlab", "./...")
		var issues []map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &issues); err != nil || len(issues) == 0 {
			t.Fatalf("%s: %v\n%s", module, err, r.stdout)
		}
		seen := map[string]bool{}
		for _, is := range issues {
			for _, key := range []string{"description", "check_name", "fingerprint", "severity"} {
				if s, _ := is[key].(string); s == "" {
					t.Errorf("%s: %v lacks %s", module, is, key)
				}
			}
			switch is["severity"] {
			case "info", "minor", "major", "critical", "blocker":
			default:
				t.Errorf("%s: severity %v is not on GitLab's scale", module, is["severity"])
			}
			fp, _ := is["fingerprint"].(string)
			if seen[fp] {
				t.Errorf("%s: fingerprint %s twice", module, fp)
			}
			seen[fp] = true
			loc, _ := is["location"].(map[string]any)
			path, _ := loc["path"].(string)
			lines, _ := loc["lines"].(map[string]any)
			begin, _ := lines["begin"].(float64)
			if _, err := os.Stat(filepath.Join(dir, path)); err != nil || filepath.IsAbs(path) || begin < 1 {
				t.Errorf("%s: location %v: not a line of a file of the repository", module, loc)
			}
		}
	}
}
