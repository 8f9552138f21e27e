package tmpdir

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/check"
	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/report"
)

//go:embed doc.go
var doc string

// Check reports temporary files on targets without /tmp.
var Check = &check.Check{
	Name:      "tmpdir",
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
	if t.Tmp || t.TMPDIR != "" {
		return nil
	}
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	fails := fmt.Sprintf("fails on %s: \"open /tmp/...: no such file or directory\" (no /tmp, TMPDIR unset)", report.Deployments)
	report.WholeProgram(pass, res, program.KindTemp,
		func(site program.Site) analysis.Diagnostic {
			return analysis.Diagnostic{Message: report.Name(site.What) + " " + fails}
		},
		func(found report.Found) analysis.Diagnostic {
			return analysis.Diagnostic{Message: report.Subject(pass, found) + " " + fails}
		})
	// Multipart parsing only in the program's own module: a framework
	// links its wrappers whether or not the program takes uploads.
	module := ""
	if pass.Module != nil {
		module = pass.Module.Path
	}
	own := func(pkg string) bool {
		return module == "" || pkg == module || strings.HasPrefix(pkg, module+"/")
	}
	multipart := func(what, arg string) string {
		limit := "maxMemory"
		if n, err := strconv.ParseInt(arg, 10, 64); err == nil {
			limit = size(n)
		}
		return fmt.Sprintf("%s fails on %s for uploads above %s: \"open /tmp/multipart-...: no such file or directory\" (no /tmp, TMPDIR unset)",
			what, report.Deployments, limit)
	}
	for _, site := range res.Local.Sites {
		if site.Kind == program.KindMultipart && own(pass.Pkg.Path()) {
			pass.Report(analysis.Diagnostic{Pos: site.Pos, Message: multipart(report.Name(site.What), site.Arg),
				Related: report.Inferred(res)})
		}
	}
	reported := map[string]bool{}
	loc := report.NewLocator(pass)
	for _, cause := range res.Closure.Reached(program.KindMultipart) {
		if len(cause.Chain) == 0 || !own(cause.Pkg) || reported[cause.Chain[0]] {
			continue
		}
		if found, ok := report.Locate(pass, res, cause, 0); ok {
			reported[cause.Chain[0]] = true
			suffix, note := report.Unsure(cause)
			pass.Report(analysis.Diagnostic{Pos: found.Pos,
				Message: multipart(report.Subject(pass, found), cause.Arg) + suffix,
				Related: append(append(note, loc.Cause(res, cause, found.Pos)...), report.Inferred(res)...)})
		}
	}
	return nil
}

// size renders a byte count as the Go source usually writes it.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
