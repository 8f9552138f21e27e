package userlookup

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

// Analyzer reports os/user lookups on targets without /etc/passwd.
var Analyzer = &analysis.Analyzer{
	Name:     "userlookup",
	Doc:      analysisutil.MustExtractDoc(doc, "userlookup"),
	URL:      report.DocURL + "userlookup.md",
	Requires: []*analysis.Analyzer{settings.Analyzer, program.Analyzer},
	Run:      report.Suppress(run), // directives apply in every driver (docs/suppressions.md)
}

func run(pass *analysis.Pass) (any, error) {
	if !program.IsMain(pass) {
		return nil, nil
	}
	s := pass.ResultOf[settings.Analyzer].(*settings.Settings)
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	if s.Target.Passwd {
		return nil, nil
	}
	if res.Build.UserCgo && !s.Build.LinksStatically(res.Build.CgoPackages()) && !s.Target.CanLoad(s.Build.Libc, true) {
		return nil, nil // the binary does not start at all: dynlink reports it
	}
	tgt := report.TargetName(s.Target.Name)
	outcome := func(what string) string {
		if res.Build.UserCgo {
			return fmt.Sprintf("target %s has no /etc/passwd or /etc/group, and os/user is built with cgo (CGO_ENABLED=1, no -tags osusergo), "+
				"whose lookups fail with \"user: unknown userid 0\" (\"user: unknown user NAME\", \"group: unknown group NAME\") even with $USER set", tgt)
		}
		if what == "user.Current(...)" {
			return fmt.Sprintf("target %s has no /etc/passwd, and the pure-Go os/user (CGO_ENABLED=0 or -tags osusergo) then fails with "+
				"\"user: Current requires cgo or $USER set in environment\" unless $USER and $HOME are set (Docker sets only HOME)", tgt)
		}
		return fmt.Sprintf("target %s has no /etc/passwd or /etc/group, so the pure-Go os/user (CGO_ENABLED=0 or -tags osusergo) fails with "+
			"\"open /etc/passwd: no such file or directory\" (\"open /etc/group: ...\" for groups)", tgt)
	}
	const cure = "add /etc/passwd and /etc/group to the image"
	report.WholeProgram(pass, res, program.KindUser,
		func(site program.Site) analysis.Diagnostic {
			fix, advice := currentFix(pass, site)
			return analysis.Diagnostic{
				Message:        fmt.Sprintf("%s: %s; %s%s%s", site.What, outcome(site.What), advice, cure, report.Inferred(res)),
				SuggestedFixes: fix,
			}
		},
		func(found report.Found, n int) analysis.Diagnostic {
			return analysis.Diagnostic{
				Message: fmt.Sprintf("%s: %s; %s%s", report.Linked(pass, found, n, "calls"), outcome(found.Cause.What), cure, report.Inferred(res)),
			}
		})
	return nil, nil
}
