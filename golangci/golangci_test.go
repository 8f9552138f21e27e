package golangci_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	_ "github.com/scratchvet/scratchvet/golangci"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

// newPlugin builds a plugin the way golangci-lint does: by name, from the
// settings map it decoded from .golangci.yml.
func newPlugin(t *testing.T, conf any) register.LinterPlugin {
	t.Helper()
	newFn, err := register.GetPlugin("scratchvet")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newFn(conf)
	if err != nil {
		t.Fatalf("New(%v): %v", conf, err)
	}
	return p
}

func analyzers(t *testing.T, conf any) []*analysis.Analyzer {
	t.Helper()
	as, err := newPlugin(t, conf).BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if err := analysis.Validate(as); err != nil {
		t.Fatal(err)
	}
	return as
}

func names(as []*analysis.Analyzer) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func lookup(t *testing.T, as []*analysis.Analyzer, name string) *analysis.Analyzer {
	t.Helper()
	for _, a := range as {
		if a.Name == name {
			return a
		}
	}
	t.Fatalf("no analyzer %s in %v", name, names(as))
	return nil
}

func TestRegistered(t *testing.T) {
	p := newPlugin(t, nil)
	// The checks need types: import names, constants, and facts keyed by
	// *types.Package. golangci-lint gives syntax-only analyzers no types.
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
	}
}

// The analyzers are the suite's checks, named as the checks (golangci-lint
// prints "tzdata: message"), with their documentation, and none of them
// reads the flag-backed settings of suite.All.
func TestAnalyzersAreTheChecks(t *testing.T) {
	t.Parallel()
	as := analyzers(t, map[string]any{})
	if got, want := names(as), suite.Names(); !slices.Equal(got, want) {
		t.Errorf("analyzers %v, want the suite's %v", got, want)
	}
	for i, a := range as {
		check := suite.Checks()[i]
		if a == suite.All()[i] || a.Doc != check.Doc() || a.URL != check.URL() {
			t.Errorf("%s: not an analyzer of its own for the check", a.Name)
		}
		if slices.Contains(a.Requires, suite.Settings) {
			t.Errorf("%s requires the flag-backed settings of suite.All", a.Name)
		}
	}
}

func TestChecksSetting(t *testing.T) {
	t.Parallel()
	all := suite.Names()
	without := func(name string) []string {
		return slices.DeleteFunc(slices.Clone(all), func(n string) bool { return n == name })
	}
	for _, tc := range []struct {
		checks any
		want   []string
	}{
		{nil, all},
		{[]any{"tzdata", "dynlink"}, []string{"dynlink", "tzdata"}}, // suite order
		{map[string]any{"skipverify": false}, without("skipverify")},
		{map[string]any{"skipverify": false, "dns": true}, without("skipverify")},
		{map[string]any{"tzdata": true}, all},
	} {
		conf := map[string]any{"target": "scratch"}
		if tc.checks != nil {
			conf["checks"] = tc.checks
		}
		if got := names(analyzers(t, conf)); !slices.Equal(got, tc.want) {
			t.Errorf("checks %v: analyzers %v, want %v", tc.checks, got, tc.want)
		}
	}
}

// Invalid settings stop golangci-lint with an error naming the key.
func TestInvalidSettings(t *testing.T) {
	t.Parallel()
	newFn, err := register.GetPlugin("scratchvet")
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join("testdata", "config", "bad.toml")
	for _, tc := range []struct {
		conf any
		want string
	}{
		{map[string]any{"tagret": "scratch"}, `unknown key "tagret" (keys: target, checks, config, ldflags, buildmode)`},
		{map[string]any{"target": "nowhere"}, `target: unknown target "nowhere"`},
		{map[string]any{"target": 7}, `Settings.target of type string`},
		{map[string]any{"target": "alpine,zonefino=true"}, `target: `},
		{map[string]any{"checks": []any{"tzdata", "tzdat"}}, `checks: unknown check "tzdat"`},
		{map[string]any{"checks": map[string]any{"skipverfy": false}}, `checks: unknown check "skipverfy"`},
		{map[string]any{"checks": map[string]any{"tzdata": "off"}}, `checks: want a list of check names or a map`},
		{map[string]any{"checks": []any{}}, `checks: the list enables no check`},
		{map[string]any{"checks": "tzdata"}, `checks: want a list of check names or a map`},
		{map[string]any{"buildmode": "c-shared"}, `buildmode "c-shared"`},
		{map[string]any{"config": "testdata/config/missing.toml"}, `config: `},
		{map[string]any{"config": bad}, `config: ` + mustAbs(t, bad) + `:3:1: unknown check "tzdat"`},
	} {
		_, err := newFn(tc.conf)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "scratchvet settings: ") {
			t.Errorf("New(%v) = %v, want an error containing %q", tc.conf, err, tc.want)
		}
	}
}

func mustAbs(t *testing.T, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// The settings decide the judgement: the zones program needs a zone
// database, which scratch lacks and a glibc system has. Both plugins exist
// at once and their checks run in parallel, so neither may leak into the
// other.
func TestSettingsDecideFindings(t *testing.T) {
	config := func(name string) string { return filepath.Join("testdata", "config", name) }
	for _, tc := range []struct {
		name string
		conf map[string]any
		want bool // a finding on zones
	}{
		{"scratch", map[string]any{"target": "scratch"}, true},
		{"glibc", map[string]any{"target": "glibc"}, false},
		{"alpine with zoneinfo", map[string]any{"target": "alpine,zoneinfo=true"}, false},
		{"config target", map[string]any{"config": config("glibc.toml")}, false},
		{"target beats config", map[string]any{"config": config("glibc.toml"), "target": "scratch"}, true},
		{"config turns check off", map[string]any{"config": config("tzdata-off.toml")}, false},
		{"checks beat config", map[string]any{"config": config("tzdata-off.toml"), "checks": map[string]any{"tzdata": true}}, true},
	} {
		tzdata := lookup(t, analyzers(t, tc.conf), "tzdata")
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.want {
				// The // want comments in zones also show that the
				// suppression directives work through the plugin.
				analysistest.Run(t, analysistest.TestData(), tzdata, "zones")
			} else {
				testutil.ExpectNone(t, tzdata, "zones")
			}
		})
	}
}

// The plugin reads how a command ships, as every front end does: with no
// target in the settings, the zones command is judged on the Alpine image
// its Dockerfile names, and the finding says so. A target in the settings
// replaces the image's.
func TestDiscoveredDeployment(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "shipped")
	t.Run("discovered", func(t *testing.T) {
		tzdata := lookup(t, analyzers(t, map[string]any{}), "tzdata")
		analysistest.Run(t, dir, tzdata, "./cmd/zones")
	})
	t.Run("target setting wins", func(t *testing.T) {
		tzdata := lookup(t, analyzers(t, map[string]any{"target": "glibc"}), "tzdata")
		for _, r := range analysistest.Run(discardWants{}, dir, tzdata, "./cmd/zones") {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			for _, d := range r.Diagnostics {
				t.Errorf("unexpected diagnostic with target glibc: %s", d.Message)
			}
		}
	})
}

// TestUndeployedMainPackage: a main package that no deployment ships, in
// a module whose Dockerfile ships another, is judged only by the checks
// that judge the code alone, as by the standalone checker and go vet
// (cmd/scratchvet TestUndeployedMainPackage); a target setting judges it.
func TestUndeployedMainPackage(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "shipped")
	count := func(conf map[string]any, check string) int {
		n := 0
		for _, r := range analysistest.Run(discardWants{}, dir, lookup(t, analyzers(t, conf), check), "./cmd/devtool") {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			n += len(r.Diagnostics)
		}
		return n
	}
	if n := count(map[string]any{}, "tzdata"); n != 0 {
		t.Errorf("tzdata reported %d findings on a main package nothing deploys", n)
	}
	analysistest.Run(t, dir, lookup(t, analyzers(t, map[string]any{}), "skipverify"), "./cmd/devtool")
	if n := count(map[string]any{"target": "scratch"}, "tzdata"); n != 1 {
		t.Errorf("with target scratch, tzdata reported %d findings, want 1", n)
	}
}

// discardWants runs analysistest without its // want expectations.
type discardWants struct{}

func (discardWants) Errorf(string, ...any) {}
