package lsp

import (
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/internal/driver"
)

// The related information comes from the findings' structured Related,
// never from their text: with every message reworded (none names the
// call, the package or the position any more), the tzdata finding still
// points at the time.LoadLocation call in internal/schedule, and is still
// shown there too.
func TestRelatedSurvivesRewording(t *testing.T) {
	c := newClient(t, "demo.txtar")
	c.server.work.resultHook = func(res *driver.Result) {
		for i := range res.Findings {
			res.Findings[i].Message = "reworded " + strings.Repeat("x", i+1)
		}
	}
	c.initialize(nil)
	mainURI := c.open("cmd/server/main.go")
	schedURI := c.open("internal/schedule/schedule.go")
	c.waitRound()

	diags := withCode(c.diagnostics(mainURI), "tzdata")
	if len(diags) != 1 || !strings.HasPrefix(diags[0].Message, "reworded ") {
		t.Fatalf("main.go: want 1 reworded tzdata diagnostic, got %+v", c.diagnostics(mainURI))
	}
	var site bool
	for _, ri := range diags[0].RelatedInformation {
		if ri.Location.URI == schedURI && ri.Location.Range.Start.Line == 7 && ri.Location.Range.Start.Character == 13 &&
			ri.Message == "time.LoadLocation(...) in example.com/demo/internal/schedule" {
			site = true
		}
	}
	if !site {
		t.Errorf("related information lost the call at schedule.go:8:14: %+v", diags[0].RelatedInformation)
	}
	if at := withCode(c.diagnostics(schedURI), "tzdata"); len(at) != 1 || at[0].Range.Start.Line != 7 || at[0].Range.Start.Character != 13 {
		t.Errorf("schedule.go: want the reworded finding at the call too, got %+v", c.diagnostics(schedURI))
	}
}
