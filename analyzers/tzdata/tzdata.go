package tzdata

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/check"
	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/report"
)

//go:embed doc.go
var doc string

// Check reports time.LoadLocation in binaries without a zone database.
var Check = &check.Check{
	Name:      "tzdata",
	DocSource: doc,
	Requires:  []*analysis.Analyzer{program.Analyzer},
	Run:       run,
}

const fixMessage = `Embed the time zone database: import _ "time/tzdata"`

func run(cp *check.Pass) error {
	pass, d := cp.Pass, cp.Deployment
	if !program.IsMain(pass) {
		return nil
	}
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	if d.Target.Zoneinfo || res.Build.Tzdata {
		return nil
	}
	consequence := fmt.Sprintf("target %s has no /usr/share/zoneinfo and this binary does not embed time/tzdata "+
		"(no import, no -tags timetzdata), so it fails with \"unknown time zone ...\" and time.Local silently becomes UTC",
		report.Deployments)
	report.WholeProgram(pass, res, program.KindTZ,
		func(site program.Site) analysis.Diagnostic {
			return analysis.Diagnostic{
				Message:        fmt.Sprintf("%s needs the time zone database: %s%s", site.What, consequence, report.Inferred(res)),
				SuggestedFixes: report.AddBlankImport(pass, report.FileOf(pass, site.Pos), "time/tzdata", fixMessage),
			}
		},
		func(found report.Found, n int) analysis.Diagnostic {
			return analysis.Diagnostic{
				Message:        fmt.Sprintf("%s: %s%s", report.Linked(pass, found, n, "calls"), consequence, report.Inferred(res)),
				SuggestedFixes: report.AddBlankImport(pass, found.File, "time/tzdata", fixMessage),
			}
		})
	return nil
}
