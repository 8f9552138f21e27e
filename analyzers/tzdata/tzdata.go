package tzdata

import (
	_ "embed"
	"fmt"
	"go/ast"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/check"
	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/target"
)

//go:embed doc.go
var doc string

// Check reports time.LoadLocation in binaries without a zone database.
var Check = &check.Check{
	Name:      "tzdata",
	DocSource: doc,
	Requires:  []*analysis.Analyzer{program.Analyzer},
	Run:       run,
	FileLocal: true, // reports only in package main
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
	reportTZ(pass, d.Target.WithImage(d.User, d.Env))
	// "unknown time zone NAME" from time.LoadLocation; time.Local
	// silently becomes UTC (docs/FACTS.md#time-zones).
	fails := fmt.Sprintf("fails on %s: \"unknown time zone\" (no zoneinfo; time/tzdata not embedded)", report.Deployments)
	report.WholeProgram(pass, res, program.KindTZ,
		func(site program.Site) analysis.Diagnostic {
			return analysis.Diagnostic{
				Message:        fmt.Sprintf("%s %s", report.Name(site.What), fails),
				SuggestedFixes: report.AddBlankImport(pass, report.FileOf(pass, site.Pos), "time/tzdata", fixMessage),
			}
		},
		func(found report.Found) analysis.Diagnostic {
			return analysis.Diagnostic{
				Message:        fmt.Sprintf("%s %s", report.Subject(pass, found), fails),
				SuggestedFixes: report.AddBlankImport(pass, found.File, "time/tzdata", fixMessage),
			}
		})
	return nil
}

// reportTZ reports, at the package clause of the file declaring main, a TZ
// that names a zone the binary cannot load: without zoneinfo and without
// an embedded database, time.Local is silently UTC, and nothing reports an
// error (docs/FACTS.md#time-zones). "", "UTC" and absolute paths (a file
// the image may hold) are not judged.
func reportTZ(pass *analysis.Pass, t target.Target) {
	zone := strings.TrimPrefix(t.TZ, ":")
	if zone == "" || zone == "UTC" || strings.HasPrefix(zone, "/") {
		return
	}
	for _, f := range pass.Files {
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "main" {
				pass.Report(analysis.Diagnostic{
					Pos: f.Name.Pos(),
					Message: fmt.Sprintf("time.Local is UTC on %s: TZ=%s names a zone, but there is no zoneinfo and time/tzdata is not embedded",
						report.Deployments, t.TZ),
					SuggestedFixes: report.AddBlankImport(pass, f, "time/tzdata", fixMessage),
				})
				return
			}
		}
	}
}
