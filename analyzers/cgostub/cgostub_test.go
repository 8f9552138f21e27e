package cgostub_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/cgostub"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func TestCgoDisabled(t *testing.T) {
	t.Setenv("CGO_ENABLED", "0")
	testutil.Target(t, "scratch")
	analysistest.Run(t, analysistest.TestData(), cgostub.Analyzer,
		"app/cmd/direct", "app/cmd/viathird", "app/db", "app/cmd/viaown", "app/cmd/fallback")
	testutil.Target(t, "glibc") // every target
	testutil.ExpectSome(t, cgostub.Analyzer, "app/cmd/direct")
}

// With cgo the real implementation is compiled: nothing to report.
func TestCgoEnabled(t *testing.T) {
	t.Setenv("CGO_ENABLED", "1")
	testutil.Target(t, "scratch")
	testutil.ExpectNone(t, cgostub.Analyzer, "app/cmd/direct", "app/cmd/viathird", "app/db")
}
