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
	var outcome string
	switch {
	case !pluginCgo:
		outcome = "plugin is built without cgo (CGO_ENABLED=0), so plugin.Open always returns \"plugin: not implemented\""
	case static && d.Build.Libc == target.Musl:
		outcome = fmt.Sprintf("the binary is linked statically (%s) against musl, which fails with \"Dynamic loading not supported\"", d.Build.From)
	case static:
		outcome = fmt.Sprintf("the binary is linked statically (%s), and plugin.Open fails with \"libc.so.6: cannot open shared object file: No such file or directory\"", d.Build.From)
	default:
		return nil // dynamic cgo: works where the libc is (dynlink)
	}
	outcome = fmt.Sprintf("%s, on every target (here %s); build with CGO_ENABLED=1, link dynamically and ship the libc, or drop plugins",
		outcome, report.Deployments)
	report.WholeProgram(pass, r, program.KindPlugin,
		func(site program.Site) analysis.Diagnostic {
			return analysis.Diagnostic{Message: fmt.Sprintf("%s cannot load plugins: %s%s", site.What, outcome, report.Inferred(r))}
		},
		func(found report.Found, n int) analysis.Diagnostic {
			return analysis.Diagnostic{Message: fmt.Sprintf("%s: %s%s", report.Linked(pass, found, n, "calls"), outcome, report.Inferred(r))}
		})
	return nil
}

func res(pass *analysis.Pass) *program.Result {
	return pass.ResultOf[program.Analyzer].(*program.Result)
}
