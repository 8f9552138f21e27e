package syslog_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/syslog"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func TestScratch(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, analysistest.TestData(), testutil.On(t, syslog.Check, "scratch"), "local", "remote", "viadep", "lineeof", "fallback")
}

// No preset has a syslog socket; one declared is enough.
func TestTargets(t *testing.T) {
	t.Parallel()
	for _, target := range []string{"distroless-static", "alpine", "glibc", "bare"} {
		testutil.ExpectSome(t, testutil.On(t, syslog.Check, target), "local")
	}
	testutil.ExpectNone(t, testutil.On(t, syslog.Check, "glibc,syslog=true"), "local", "viadep")
}
