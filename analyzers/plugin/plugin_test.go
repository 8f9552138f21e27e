package plugin_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/plugin"
	"github.com/scratchvet/scratchvet/internal/settings"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func TestCgoDisabled(t *testing.T) {
	t.Setenv("CGO_ENABLED", "0")
	t.Setenv("CC", "")
	for _, target := range []string{"scratch", "glibc"} { // every target
		testutil.ExpectSome(t, testutil.On(t, plugin.Check, target), "loader")
	}
	analysistest.Run(t, analysistest.TestData(), testutil.On(t, plugin.Check, "scratch"), "loader")
}

func TestCgo(t *testing.T) {
	t.Setenv("CGO_ENABLED", "1")
	t.Setenv("CC", "")
	testutil.ExpectNone(t, testutil.On(t, plugin.Check, "glibc"), "loader") // dynamic: works where libc is

	static := settings.Options{Target: "glibc", Ldflags: `-linkmode external -extldflags "-static"`}
	diags := testutil.Diagnostics(t, testutil.Analyzer(t, plugin.Check, static), "loader")
	if len(diags) != 1 || !strings.Contains(diags[0].Message, `"libc.so.6: cannot open shared object file: No such file or directory"`) {
		t.Errorf("static glibc: %v", diags)
	}
	t.Setenv("CC", "musl-gcc")
	diags = testutil.Diagnostics(t, testutil.Analyzer(t, plugin.Check, static), "loader")
	if len(diags) != 1 || !strings.Contains(diags[0].Message, `"Dynamic loading not supported"`) {
		t.Errorf("static musl: %v", diags)
	}
}
