package main_test

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/analyzers/suite"
)

var update = flag.Bool("update", false, "rewrite the golden files of the output formats")

// The output formats against golden files: on testdata/suppressed, the
// text and JSON outputs leave suppressed findings out and SARIF records
// them; on testdata/configured, scratchvet.toml's [exclude] drops findings
// (SARIF records them as external suppressions) and [severity] sets their
// levels, and findings of severity info alone exit 0.
// Paths under the module copy are written as $DIR, and the tool's version
// (stamped by the go command from the VCS state) as (devel).
func TestOutputGolden(t *testing.T) {
	for _, c := range []struct {
		module, golden string
		args           []string
		code           int
	}{
		{"suppressed", "suppressed.txt", nil, 1},
		{"suppressed", "suppressed.json", []string{"-json"}, 1},
		{"suppressed", "suppressed.sarif", []string{"-format", "sarif"}, 1},
		{"configured", "configured.txt", nil, 1},
		{"configured", "configured.json", []string{"-json"}, 1},
		{"configured", "configured.sarif", []string{"-format", "sarif"}, 1},
		{"configured", "configured-info.txt", []string{"-checks", "tzdata"}, 0},
	} {
		t.Run(c.golden, func(t *testing.T) {
			dir := copyModule(t, c.module)
			r := run(t, dir, nil, binary, append(c.args, "./...")...)
			if r.code != c.code {
				t.Fatalf("exit %d, want %d\n%s", r.code, c.code, r.stderr)
			}
			got := normalise(r.stdout, dir)
			path := filepath.Join("testdata", c.golden)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestOutputGolden -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs (go test -run TestOutputGolden -update rewrites it); got:\n%s", path, got)
			}
		})
	}
}

var driverVersion = regexp.MustCompile(`("version": )"[^"]*"(,\n\s*"informationUri")`)

func normalise(out, dir string) string {
	out = strings.ReplaceAll(out, dir, "$DIR")
	out = strings.ReplaceAll(out, runtime.GOROOT(), "$GOROOT") // related locations in the standard library
	return driverVersion.ReplaceAllString(out, `$1"(devel)"$2`)
}

// TestSARIF checks the log against the official SARIF 2.1.0 JSON schema
// (testdata/sarif) with ajv, and the fields GitHub code scanning needs.
func TestSARIF(t *testing.T) {
	dir := copyModule(t, "suppressed")
	r := run(t, dir, nil, binary, "-format", "sarif", "./...")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	file := filepath.Join(t.TempDir(), "scratchvet.sarif")
	if err := os.WriteFile(file, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	checkGitHubFields(t, []byte(r.stdout))

	t.Run("schema", func(t *testing.T) {
		script := sarifValidator(t)
		validateSARIF(t, script, file)
		// The validator is not vacuous: a log with a level SARIF does not
		// define is rejected.
		bad := filepath.Join(t.TempDir(), "bad.sarif")
		os.WriteFile(bad, []byte(strings.Replace(r.stdout, `"level": "warning"`, `"level": "severe"`, 1)), 0o644)
		if out, err := exec.Command("node", script, bad).CombinedOutput(); err == nil {
			t.Errorf("the validator accepted an invalid log\n%s", out)
		}
		// Nor does it skip related locations: an id below -1 is rejected.
		if !strings.Contains(r.stdout, `"id": 1,`) {
			t.Fatal("the log has no related location")
		}
		os.WriteFile(bad, []byte(strings.Replace(r.stdout, `"id": 1,`, `"id": -7,`, 1)), 0o644)
		if out, err := exec.Command("node", script, bad).CombinedOutput(); err == nil {
			t.Errorf("the validator accepted a related location with id -7\n%s", out)
		}
	})
}

// TestSARIFConfigured validates the log of testdata/configured, which has
// what testdata/suppressed lacks: levels error and note, external
// suppressions ([exclude]) and fixes.
func TestSARIFConfigured(t *testing.T) {
	dir := copyModule(t, "configured")
	r := run(t, dir, nil, binary, "-format", "sarif", "./...")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	for _, want := range []string{`"level": "error"`, `"level": "note"`, `"kind": "external"`, `"fixes": [`, `"deletedRegion": {`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the log lacks %s", want)
		}
	}
	file := filepath.Join(t.TempDir(), "configured.sarif")
	if err := os.WriteFile(file, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, sarifValidator(t), file)
}

// sarifValidator returns the ajv validation script, or skips the test
// when it is not installed (outside CI).
func sarifValidator(t *testing.T) string {
	t.Helper()
	validator := filepath.Join("..", "..", "testdata", "sarif", "validate")
	skip := func(why string) {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s; CI must run the schema validation", why)
		}
		t.Skip(why)
	}
	if _, err := exec.LookPath("node"); err != nil {
		skip("node is not installed: the SARIF schema validation needs it")
	}
	if _, err := os.Stat(filepath.Join(validator, "node_modules", "ajv")); err != nil {
		skip("run npm ci in testdata/sarif/validate to install the SARIF schema validator (ajv)")
	}
	return filepath.Join(validator, "validate.js")
}

func validateSARIF(t *testing.T, script, file string) {
	t.Helper()
	if out, err := exec.Command("node", script, file).CombinedOutput(); err != nil {
		t.Fatalf("the SARIF log is not valid SARIF 2.1.0: %v\n%s", err, out)
	}
}

// checkGitHubFields checks what GitHub code scanning reads from an upload:
// version, the driver's name and rules, and for each result its rule, a
// message and a location in the repository (a relative URI under
// %SRCROOT% with a start line).
func checkGitHubFields(t *testing.T, data []byte) {
	t.Helper()
	type text struct{ Text string }
	type location struct {
		PhysicalLocation struct {
			ArtifactLocation struct{ URI, URIBaseID string }
			Region           struct{ StartLine, StartColumn int }
		}
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string
					Rules []struct {
						ID                                      string
						ShortDescription, FullDescription, Help text
						HelpURI                                 string
					}
				}
			}
			Results []struct {
				RuleID           string
				RuleIndex        int
				Message          text
				Locations        []location
				Suppressions     []struct{ Kind, Justification string }
				RelatedLocations []struct {
					ID               int
					PhysicalLocation *struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn int }
					}
					Message text
				}
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || log.Schema == "" || len(log.Runs) != 1 {
		t.Fatalf("version %q, $schema %q, %d runs", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "scratchvet" || len(run.Tool.Driver.Rules) != len(suite.Checks()) {
		t.Errorf("driver %q with %d rules", run.Tool.Driver.Name, len(run.Tool.Driver.Rules))
	}
	for _, rule := range run.Tool.Driver.Rules {
		if rule.ShortDescription.Text == "" || rule.FullDescription.Text == "" || rule.Help.Text == "" ||
			!strings.HasSuffix(rule.HelpURI, "docs/checks/"+rule.ID+".md") {
			t.Errorf("rule %s lacks its descriptions or help", rule.ID)
		}
	}
	suppressed := 0
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result of %s has ruleIndex %d", res.RuleID, res.RuleIndex)
		}
		if res.Message.Text == "" || len(res.Locations) != 1 {
			t.Errorf("result of %s: no message or not one location", res.RuleID)
			continue
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != "cmd/server/main.go" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.Region.StartLine < 1 {
			t.Errorf("result of %s at %+v", res.RuleID, loc)
		}
		if len(res.Suppressions) > 0 {
			suppressed++
			if s := res.Suppressions[0]; s.Kind != "inSource" || s.Justification == "" {
				t.Errorf("suppression %+v", s)
			}
		}
	}
	// Every finding of testdata/suppressed but the two whose directive
	// lacks a reason: dynlink (once per binary), caroots, skipverify.
	if len(run.Results) != 5 || suppressed != 3 {
		t.Errorf("%d results, %d suppressed; want 5 and 3", len(run.Results), suppressed)
	}
	// The binary's dynlink finding has its causes as related locations:
	// numbered from 1, in files (the standard library's by file URI) or,
	// for notes on the build and the remedy, a message alone.
	for _, res := range run.Results {
		if res.RuleID != "dynlink" {
			continue
		}
		var inStd, notes int
		for i, rel := range res.RelatedLocations {
			if rel.ID != i+1 || rel.Message.Text == "" {
				t.Errorf("related location %d: %+v", i, rel)
			}
			switch {
			case rel.PhysicalLocation == nil:
				notes++
			case strings.HasPrefix(rel.PhysicalLocation.ArtifactLocation.URI, "file:///") && rel.PhysicalLocation.Region.StartLine > 0:
				inStd++
			}
		}
		if inStd < 2 || notes != 2 {
			t.Errorf("dynlink related locations: %d in the standard library, %d notes; want ≥2 and 2: %+v", inStd, notes, res.RelatedLocations)
		}
	}
}
