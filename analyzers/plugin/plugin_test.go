package plugin_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/plugin"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func TestCgoDisabled(t *testing.T) {
	t.Setenv("CGO_ENABLED", "0")
	t.Setenv("CC", "")
	for _, target := range []string{"scratch", "glibc"} { // every target
		testutil.Target(t, target)
		testutil.ExpectSome(t, plugin.Analyzer, "loader")
	}
	testutil.Target(t, "scratch")
	analysistest.Run(t, analysistest.TestData(), plugin.Analyzer, "loader")
}

func TestCgo(t *testing.T) {
	t.Setenv("CGO_ENABLED", "1")
	t.Setenv("CC", "")
	testutil.Target(t, "glibc")
	testutil.ExpectNone(t, plugin.Analyzer, "loader") // dynamic: works where libc is

	testutil.SetFlag(t, "ldflags", `-linkmode external -extldflags "-static"`)
	diags := testutil.Diagnostics(t, plugin.Analyzer, "loader")
	if len(diags) != 1 || !strings.Contains(diags[0].Message, `"libc.so.6: cannot open shared object file: No such file or directory"`) {
		t.Errorf("static glibc: %v", diags)
	}
	t.Setenv("CC", "musl-gcc")
	diags = testutil.Diagnostics(t, plugin.Analyzer, "loader")
	if len(diags) != 1 || !strings.Contains(diags[0].Message, `"Dynamic loading not supported"`) {
		t.Errorf("static musl: %v", diags)
	}
}
