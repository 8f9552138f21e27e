package tzdata_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/tzdata"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

// TZ naming a zone on a target without zoneinfo: time.Local is silently
// UTC (issue 17). The fix embeds the database.
func TestTZWithoutZoneinfo(t *testing.T) {
	t.Parallel()
	a := testutil.On(t, tzdata.Check, "scratch,tz=America/New_York")
	testutil.RunWithSuggestedFixes(t, analysistest.TestData(), a, "tzenv", "tzenvline")
	analysistest.Run(t, analysistest.TestData(), a, "tzenvembed")
}

// Silent with zoneinfo, with TZ unset, UTC or a file, and on alpine with
// the tzdata package.
func TestTZSilent(t *testing.T) {
	t.Parallel()
	for _, target := range []string{"scratch", "scratch,tz=UTC", "scratch,tz=:UTC", "scratch,tz=/etc/localtime",
		"distroless-static,tz=America/New_York", "alpine,zoneinfo=true,tz=Europe/Paris"} {
		testutil.ExpectNone(t, testutil.On(t, tzdata.Check, target), "tzenv")
	}
	testutil.ExpectSome(t, testutil.On(t, tzdata.Check, "alpine,tz=Europe/Paris"), "tzenv")
}
