package dns_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/dns"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func env(t *testing.T, cgo, goflags, cc string) {
	t.Setenv("CGO_ENABLED", cgo)
	t.Setenv("GOFLAGS", goflags)
	t.Setenv("CC", cc)
}

func TestBare(t *testing.T) {
	env(t, "0", "", "")
	testutil.Target(t, "bare")
	analysistest.Run(t, analysistest.TestData(), dns.Analyzer, "lookups")
}

// A container runtime injects /etc/resolv.conf: Go uses its nameservers.
// "Missing resolv.conf = no DNS" is false too: only no server is.
func TestTargetsWithResolvConf(t *testing.T) {
	env(t, "0", "", "")
	for _, target := range []string{"scratch", "distroless-static", "alpine", "glibc"} {
		testutil.Target(t, target)
		testutil.ExpectNone(t, dns.Analyzer, "lookups")
	}
	testutil.Target(t, "scratch,resolv-conf=false")
	testutil.ExpectSome(t, dns.Analyzer, "lookups")
}

// With cgo (static, so it starts on bare) the libc resolver's failure is named.
func TestStaticGlibc(t *testing.T) {
	env(t, "1", "", "")
	testutil.Target(t, "bare")
	testutil.SetFlag(t, "ldflags", `-linkmode external -extldflags "-static"`)
	diags := testutil.Diagnostics(t, dns.Analyzer, "lookups")
	if len(diags) != 3 || !strings.Contains(diags[0].Message, `"Temporary failure in name resolution"`) || len(diags[0].SuggestedFixes) != 0 {
		t.Errorf("static glibc: %v", diags)
	}
	// netgo: Go's resolver only, no fix offered.
	env(t, "1", "-tags=netgo", "")
	for _, d := range testutil.Diagnostics(t, dns.Analyzer, "lookups") {
		if strings.Contains(d.Message, "cgo resolver") || len(d.SuggestedFixes) != 0 {
			t.Errorf("netgo: %s", d.Message)
		}
	}
}

// musl waits ~5 s per unanswerable lookup: the directive helps there.
func TestMuslDirective(t *testing.T) {
	env(t, "1", "", "musl-gcc")
	testutil.Target(t, "bare")
	testutil.SetFlag(t, "ldflags", `-linkmode external -extldflags "-static"`)
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), dns.Analyzer, "muslfix")
}
