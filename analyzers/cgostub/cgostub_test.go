package cgostub_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/cgostub"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func TestCgoDisabled(t *testing.T) {
	t.Setenv("CGO_ENABLED", "0")
	analysistest.Run(t, analysistest.TestData(), testutil.On(t, cgostub.Check, "scratch"),
		"app/cmd/direct", "app/cmd/viathird", "app/db", "app/cmd/viaown", "app/cmd/fallback", "app/cmd/oldsqlite")
	testutil.ExpectSome(t, testutil.On(t, cgostub.Check, "glibc"), "app/cmd/direct") // every target
}

// With cgo the real implementation is compiled: nothing to report.
func TestCgoEnabled(t *testing.T) {
	t.Setenv("CGO_ENABLED", "1")
	testutil.ExpectNone(t, testutil.On(t, cgostub.Check, "scratch"), "app/cmd/direct", "app/cmd/viathird", "app/db", "app/cmd/oldsqlite")
}
