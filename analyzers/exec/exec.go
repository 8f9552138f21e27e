package exec

import (
	_ "embed"
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/check"
	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/target"
)

//go:embed doc.go
var doc string

// Check reports programs the target lacks.
var Check = &check.Check{
	Name:      "exec",
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
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	for _, site := range res.Local.Sites {
		if site.Kind == program.KindExec && t.Programs.Has(site.Arg) == target.Absent {
			pass.Report(analysis.Diagnostic{Pos: site.Pos, Related: report.Inferred(res),
				Message: fmt.Sprintf("%s fails on %s: %s", report.Name(site.What), report.Deployments, runtimeError(site.Arg))})
		}
	}
	// A dependency's programs: one finding per program, at the import
	// through which it is linked.
	reported := map[string]bool{}
	loc := report.NewLocator(pass)
	for _, cause := range res.Closure.Reached(program.KindExec) {
		if len(cause.Chain) == 0 || reported[cause.Arg] || t.Programs.Has(cause.Arg) != target.Absent {
			continue
		}
		if found, ok := report.Locate(pass, res, cause, 0); ok {
			reported[cause.Arg] = true
			suffix, note := report.Unsure(cause)
			pass.Report(analysis.Diagnostic{Pos: found.Pos,
				Message: fmt.Sprintf("%s fails on %s: %s%s", report.Subject(pass, found), report.Deployments, runtimeError(cause.Arg), suffix),
				Related: append(append(note, loc.Cause(res, cause, found.Pos)...), report.Inferred(res)...)})
		}
	}
	return nil
}

// runtimeError is what os/exec says when the program is missing, quoted.
func runtimeError(program string) string {
	if strings.HasPrefix(program, "/") {
		return report.Quote(fmt.Sprintf("fork/exec %s: no such file or directory", program))
	}
	return report.Quote(fmt.Sprintf("exec: %q: executable file not found in $PATH", program))
}
