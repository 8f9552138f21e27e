package userlookup_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/userlookup"
	"github.com/scratchvet/scratchvet/internal/settings"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func env(t *testing.T, cgo, goflags string) {
	t.Setenv("CGO_ENABLED", cgo)
	t.Setenv("GOFLAGS", goflags)
	t.Setenv("CC", "")
}

// CGO_ENABLED=0: the pure-Go os/user.
func TestPureGo(t *testing.T) {
	env(t, "0", "")
	a := testutil.On(t, userlookup.Check, "scratch")
	dir := analysistest.TestData()
	testutil.RunWithSuggestedFixes(t, dir, a, "home", "uid", "uidline", "lookups")
	analysistest.Run(t, dir, a, "viadep", "lib/owner", "homefirst", "tolerated")
}

// Reachability: a dependency's lookup counts only where main reaches it
// (through a call, an interface, a function value or an initialiser);
// glog's and docker's homedir's shapes never fail.
func TestReachability(t *testing.T) {
	env(t, "0", "")
	a := testutil.On(t, userlookup.Check, "scratch")
	analysistest.Run(t, analysistest.TestData(), a,
		"reach/unused", "reach/iface", "reach/funcvalue", "reach/initonly", "reach/glogshape", "reach/homedir",
		"reach/methodset", "reach/methodcall")
}

// Near misses: targets that ship /etc/passwd (distroless-static has root,
// nonroot and nobody).
func TestTargetsWithPasswd(t *testing.T) {
	env(t, "0", "")
	for _, target := range []string{"distroless-static", "alpine", "glibc", "scratch,passwd=true"} {
		testutil.ExpectNone(t, testutil.On(t, userlookup.Check, target), "home", "lookups", "viadep")
	}
	testutil.ExpectSome(t, testutil.On(t, userlookup.Check, "bare"), "home", "viadep")
}

// CGO_ENABLED=1: a dynamic binary does not start on scratch (dynlink's
// finding); a static one uses libc's lookups, with no $USER fallback.
func TestCgo(t *testing.T) {
	env(t, "1", "")
	testutil.ExpectNone(t, testutil.On(t, userlookup.Check, "scratch"), "lookups")

	static := testutil.Analyzer(t, userlookup.Check, settings.Options{Target: "scratch", Ldflags: `-linkmode external -extldflags "-static"`})
	diags := testutil.Diagnostics(t, static, "lookups")
	if len(diags) != 3 || !strings.Contains(diags[0].Message, `"user: unknown user NAME"`) || !strings.Contains(diags[2].Message, `"user: unknown userid 0"`) {
		t.Errorf("static cgo build: %v", diags)
	}

	env(t, "1", "-tags=osusergo")
	diags = testutil.Diagnostics(t, static, "lookups")
	if len(diags) != 3 || !strings.Contains(diags[0].Message, "open /etc/passwd") {
		t.Errorf("-tags osusergo: %v", diags)
	}
}
