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
	Run:      run,
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
	for _, site := range res.Local.Sites {
		if site.Kind != program.KindTZ {
			continue
		}
		pass.Report(analysis.Diagnostic{
			Pos:            site.Pos,
			Message:        fmt.Sprintf("%s needs the time zone database: %s%s", site.What, consequence, report.Inferred(res)),
			SuggestedFixes: report.AddBlankImport(pass, report.FileOf(pass, site.Pos), "time/tzdata", fixMessage),
		})
	}
	if cause, n, ok := report.FirstDependencyCause(res, program.KindTZ); ok {
		found, _ := report.Locate(pass, res, cause, 0)
		pass.Report(analysis.Diagnostic{
			Pos: found.Pos,
			Message: fmt.Sprintf("this import links %s, which calls %s%s (%s): %s%s",
				report.Where(cause), cause.What, report.More(n), report.Via(pass, cause), consequence, report.Inferred(res)),
			SuggestedFixes: report.AddBlankImport(pass, found.File, "time/tzdata", fixMessage),
		})
	}
	return nil, nil
}
