package tzdata

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/analysisutil"
	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/internal/settings"
)

//go:embed doc.go
var doc string

// Analyzer reports time.LoadLocation in binaries without a zone database.
var Analyzer = &analysis.Analyzer{
	Name:     "tzdata",
	Doc:      analysisutil.MustExtractDoc(doc, "tzdata"),
	URL:      report.DocURL + "tzdata.md",
	Requires: []*analysis.Analyzer{settings.Analyzer, program.Analyzer},
	Run:      report.Suppress(run), // directives apply in every driver (docs/suppressions.md)
}

const fixMessage = `Embed the time zone database: import _ "time/tzdata"`

func run(pass *analysis.Pass) (any, error) {
	if !program.IsMain(pass) {
		return nil, nil
	}
	s := pass.ResultOf[settings.Analyzer].(*settings.Settings)
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	if s.Target.Zoneinfo || res.Build.Tzdata {
		return nil, nil
	}
	consequence := fmt.Sprintf("target %s has no /usr/share/zoneinfo and this binary does not embed time/tzdata "+
		"(no import, no -tags timetzdata), so it fails with \"unknown time zone ...\" and time.Local silently becomes UTC",
		report.TargetName(s.Target.Name))
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
	return nil, nil
}
