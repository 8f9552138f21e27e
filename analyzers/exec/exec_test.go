package exec_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/exec"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func TestScratch(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, analysistest.TestData(), testutil.On(t, exec.Check, "scratch"), "direct", "nearmiss", "lineeof", "probe", "goos", "goosdep")
}

// alpine's busybox has sh but not git: only git is reported.
func TestAlpine(t *testing.T) {
	t.Parallel()
	diags := testutil.Diagnostics(t, testutil.On(t, exec.Check, "alpine"), "direct")
	var got []string
	for _, d := range diags {
		got = append(got, d.Message)
	}
	if len(diags) != 2 {
		t.Fatalf("alpine: %d findings, want git and curl only:\n%q", len(diags), got)
	}
	for _, want := range []string{`exec.Command("git")`, `exec.LookPath("curl")`} {
		found := false
		for _, m := range got {
			found = found || len(m) > len(want) && m[:len(want)] == want
		}
		if !found {
			t.Errorf("alpine: no finding for %s in %q", want, got)
		}
	}
}

// A dependency's programs are reported once each, at the import, with
// the call that runs each in the related information (at its position in
// lib/vcs, not in the message).
func TestViaDependency(t *testing.T) {
	t.Parallel()
	for _, r := range analysistest.Run(t, analysistest.TestData(), testutil.On(t, exec.Check, "scratch"), "viadep") {
		for _, d := range r.Diagnostics {
			if len(d.Related) == 0 {
				t.Fatalf("%s: no related information", d.Message)
			}
			p := r.Pass.Fset.Position(d.Related[0].Pos)
			if filepath.Base(p.Filename) != "vcs.go" || (p.Line != 5 && p.Line != 7) ||
				!strings.HasSuffix(d.Related[0].Message, " in lib/vcs") {
				t.Errorf("%s: related[0] = %s: %q, want the call in vcs.go", d.Message, p, d.Related[0].Message)
			}
		}
	}
}

// Declared programs, and "all", are there.
func TestDeclared(t *testing.T) {
	t.Parallel()
	for _, target := range []string{"alpine,programs=busybox+git+curl+/usr/bin/env+/bin/busybox", "glibc,programs=all"} {
		testutil.ExpectNone(t, testutil.On(t, exec.Check, target), "direct", "nearmiss")
	}
}
