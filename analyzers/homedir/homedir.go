package homedir

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/check"
	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/target"
)

//go:embed doc.go
var doc string

// Check reports writes under a HOME the user cannot write.
var Check = &check.Check{
	Name:      "homedir",
	DocSource: doc,
	Requires:  []*analysis.Analyzer{program.Analyzer},
	Run:       run,
	FileLocal: true, // reports only in package main
}

func run(cp *check.Pass) error {
	pass, d := cp.Pass, cp.Deployment
	if !program.IsMain(pass) {
		return nil
	}
	t := d.Target.WithImage(d.User, d.Env)
	if t.HomeWritable() != target.Absent {
		return nil
	}
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	fails := fmt.Sprintf("fails on %s: \"permission denied\" (user %s cannot write HOME=%s)", report.Deployments, t.User, t.Home)
	report.WholeProgram(pass, res, program.KindHome,
		func(site program.Site) analysis.Diagnostic {
			return analysis.Diagnostic{Message: report.Name(site.What) + " " + fails}
		},
		func(found report.Found) analysis.Diagnostic {
			return analysis.Diagnostic{Message: report.Subject(pass, found) + " " + fails}
		})
	return nil
}
