package userlookup

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

// Check reports os/user lookups on targets without /etc/passwd.
var Check = &check.Check{
	Name:      "userlookup",
	DocSource: doc,
	Requires:  []*analysis.Analyzer{program.Analyzer},
	Run:       run,
}

func run(cp *check.Pass) error {
	pass, d := cp.Pass, cp.Deployment
	if !program.IsMain(pass) {
		return nil
	}
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	if d.Target.Passwd {
		return nil
	}
	if res.Build.UserCgo && !d.Build.LinksStatically(res.Build.CgoPackages()) && !d.Target.CanLoad(d.Build.Libc, true) {
		return nil // the binary does not start at all: dynlink reports it
	}
	tgt := report.Deployments
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
	return nil
}
