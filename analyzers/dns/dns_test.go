package dns_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/dns"
	"github.com/scratchvet/scratchvet/internal/settings"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func env(t *testing.T, cgo, goflags, cc string) {
	t.Setenv("CGO_ENABLED", cgo)
	t.Setenv("GOFLAGS", goflags)
	t.Setenv("CC", cc)
}

func staticOn(t *testing.T, target string) *analysis.Analyzer {
	return testutil.Analyzer(t, dns.Check, settings.Options{Target: target, Ldflags: `-linkmode external -extldflags "-static"`})
}

func TestBare(t *testing.T) {
	env(t, "0", "", "")
	analysistest.Run(t, analysistest.TestData(), testutil.On(t, dns.Check, "bare"), "lookups")
}

// A container runtime injects /etc/resolv.conf: Go uses its nameservers.
// "Missing resolv.conf = no DNS" is false too: only no server is.
func TestTargetsWithResolvConf(t *testing.T) {
	env(t, "0", "", "")
	for _, target := range []string{"scratch", "distroless-static", "alpine", "glibc"} {
		testutil.ExpectNone(t, testutil.On(t, dns.Check, target), "lookups")
	}
	testutil.ExpectSome(t, testutil.On(t, dns.Check, "scratch,resolv-conf=false"), "lookups")
}

// With cgo (static, so it starts on bare) the libc resolver's failure is named.
func TestStaticGlibc(t *testing.T) {
	env(t, "1", "", "")
	diags := testutil.Diagnostics(t, staticOn(t, "bare"), "lookups")
	if len(diags) != 3 || !strings.Contains(testutil.Text(diags[0]), `"Temporary failure in name resolution"`) || len(diags[0].SuggestedFixes) != 0 {
		t.Errorf("static glibc: %v", diags)
	}
	// netgo: Go's resolver only, no fix offered.
	env(t, "1", "-tags=netgo", "")
	for _, d := range testutil.Diagnostics(t, staticOn(t, "bare"), "lookups") {
		if strings.Contains(testutil.Text(d), "cgo resolver") || len(d.SuggestedFixes) != 0 {
			t.Errorf("netgo: %s", d.Message)
		}
	}
}

// musl waits ~5 s per unanswerable lookup: the directive helps there.
func TestMuslDirective(t *testing.T) {
	env(t, "1", "", "musl-gcc")
	testutil.RunWithSuggestedFixes(t, analysistest.TestData(), staticOn(t, "bare"), "muslfix", "muslline")
}
