package syslog

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

// Check reports local syslog on targets without a syslog socket.
var Check = &check.Check{
	Name:      "syslog",
	DocSource: doc,
	Requires:  []*analysis.Analyzer{program.Analyzer},
	Run:       run,
	FileLocal: true, // reports only in package main
}

func run(cp *check.Pass) error {
	pass, d := cp.Pass, cp.Deployment
	if !program.IsMain(pass) || d.Target.Syslog {
		return nil
	}
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	fails := fmt.Sprintf("fails on %s: \"Unix syslog delivery error\" (no /dev/log)", report.Deployments)
	report.WholeProgram(pass, res, program.KindSyslog,
		func(site program.Site) analysis.Diagnostic {
			return analysis.Diagnostic{Message: report.Name(site.What) + " " + fails}
		},
		func(found report.Found) analysis.Diagnostic {
			return analysis.Diagnostic{Message: report.Subject(pass, found) + " " + fails}
		})
	return nil
}
