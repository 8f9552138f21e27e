package userlookup

import (
	_ "embed"
	"fmt"
	"strings"

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
	FileLocal: true, // reports only in package main
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
	// The error each lookup returns (docs/FACTS.md#users-and-groups).
	fails := func(what string) string {
		name := report.Name(what)
		var err, why string
		switch {
		case res.Build.UserCgo:
			why = "no /etc/passwd; os/user built with cgo"
			switch name {
			case "user.Lookup":
				err = "user: unknown user NAME"
			case "user.LookupGroup":
				err, why = "group: unknown group NAME", "no /etc/group; os/user built with cgo"
			case "user.LookupGroupId":
				err, why = "group: unknown groupid N", "no /etc/group; os/user built with cgo"
			default:
				err = "user: unknown userid 0"
			}
		case name == "user.Current":
			err, why = "user: Current requires cgo or $USER set in environment", "no /etc/passwd; $USER unset"
		case strings.HasPrefix(name, "user.LookupGroup"):
			err, why = "open /etc/group: no such file or directory", "no /etc/group"
		default:
			err, why = "open /etc/passwd: no such file or directory", "no /etc/passwd"
		}
		return fmt.Sprintf("fails on %s: %s (%s)", report.Deployments, report.Quote(err), why)
	}
	cure := report.Note("fix: add /etc/passwd and /etc/group to the image")
	report.WholeProgram(pass, res, program.KindUser,
		func(site program.Site) analysis.Diagnostic {
			fix, advice := currentFix(pass, site)
			related := []analysis.RelatedInformation{cure}
			if advice != "" {
				related = append([]analysis.RelatedInformation{report.Note("fix: %s", advice)}, related...)
			}
			return analysis.Diagnostic{
				Message:        fmt.Sprintf("%s %s", report.Name(site.What), fails(site.What)),
				Related:        related,
				SuggestedFixes: fix,
			}
		},
		func(found report.Found) analysis.Diagnostic {
			return analysis.Diagnostic{
				Message: fmt.Sprintf("%s %s", report.Subject(pass, found), fails(found.Cause.What)),
				Related: []analysis.RelatedInformation{cure},
			}
		})
	return nil
}
