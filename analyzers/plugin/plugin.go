package plugin

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

// Check reports plugin.Open in binaries that cannot load plugins.
var Check = &check.Check{
	Name:      "plugin",
	DocSource: doc,
	Requires:  []*analysis.Analyzer{program.Analyzer},
	Run:       run,
	FileLocal: true, // reports only in package main
}

func run(cp *check.Pass) error {
	pass, d := cp.Pass, cp.Deployment
	if !program.IsMain(pass) || !res(pass).Closure.Embeds("plugin") {
		return nil
	}
	r := res(pass)
	pluginCgo := false
	for _, c := range r.Build.Cgo {
		pluginCgo = pluginCgo || c.Pkg == "plugin"
	}
	static := d.Build.LinksStatically(r.Build.CgoPackages())
	// The outcome holds on every target (docs/FACTS.md#plugins).
	var fails string
	var built analysis.RelatedInformation
	switch {
	case !pluginCgo:
		fails = "always fails in this build: \"plugin: not implemented\" (CGO_ENABLED=0)"
		built = report.Note("built with CGO_ENABLED=0: package plugin has no implementation without cgo")
	case static && d.Build.Libc == target.Musl:
		fails = "fails in a static musl binary: \"Dynamic loading not supported\""
		built = report.Note("linked statically (%s) against musl", d.Build.From)
	case static:
		fails = "fails in a static binary: \"libc.so.6: cannot open shared object file: No such file or directory\""
		built = report.Note("linked statically (%s)", d.Build.From)
	default:
		return nil // dynamic cgo: works where the libc is (dynlink)
	}
	related := []analysis.RelatedInformation{built,
		report.Note("fix: build with CGO_ENABLED=1, link dynamically and ship the libc, or drop plugins")}
	if !pluginCgo {
		// Built with CGO_ENABLED=1 and linked dynamically it may work:
		// where the build does not declare CGO_ENABLED, say so.
		unsure, note := report.CgoUnsure(d, false)
		fails += unsure
		related = append(note, related...)
	}
	report.WholeProgram(pass, r, program.KindPlugin,
		func(site program.Site) analysis.Diagnostic {
			return analysis.Diagnostic{Message: fmt.Sprintf("%s %s", report.Name(site.What), fails), Related: related}
		},
		func(found report.Found) analysis.Diagnostic {
			return analysis.Diagnostic{Message: fmt.Sprintf("%s %s", report.Subject(pass, found), fails), Related: related}
		})
	return nil
}

func res(pass *analysis.Pass) *program.Result {
	return pass.ResultOf[program.Analyzer].(*program.Result)
}
