package dns

import (
	_ "embed"
	"fmt"
	"go/ast"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/check"
	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/internal/textpos"
	"github.com/scratchvet/scratchvet/target"
)

//go:embed doc.go
var doc string

// Check reports name resolution on targets without /etc/resolv.conf.
var Check = &check.Check{
	Name:      "dns",
	DocSource: doc,
	Requires:  []*analysis.Analyzer{program.Analyzer},
	Run:       run,
	FileLocal: true, // reports only in package main
}

const directive = "//go:debug netdns=go"

func run(cp *check.Pass) error {
	pass, d := cp.Pass, cp.Deployment
	if !program.IsMain(pass) {
		return nil
	}
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	if d.Target.ResolvConf {
		return nil
	}
	if res.Build.NetCgo && !d.Build.LinksStatically(res.Build.CgoPackages()) && !d.Target.CanLoad(d.Build.Libc, true) {
		return nil // the binary does not start at all: dynlink reports it
	}
	// Go's resolver asks 127.0.0.1:53 and [::1]:53, where no server
	// answers (docs/FACTS.md#dns).
	fails := fmt.Sprintf("fails on %s: \"lookup NAME on [::1]:53: ... connection refused\" (no /etc/resolv.conf)", report.Deployments)
	related := []analysis.RelatedInformation{report.Note("fix: put /etc/resolv.conf in the root filesystem")}
	if res.Build.NetCgo {
		related = append([]analysis.RelatedInformation{report.Note("built with CGO_ENABLED=1 and no -tags netgo: the cgo resolver, " +
			"which Go may choose at run time, fails too (glibc: \"Temporary failure in name resolution\"; musl: \"Try again\" after about 5 s)")},
			related...)
	}
	// The directive helps only where the slow musl resolver may be chosen.
	offerDirective := res.Build.NetCgo && d.Build.Libc == target.Musl && !hasNetdnsDirective(pass)
	fixes := func(file *ast.File) []analysis.SuggestedFix {
		if !offerDirective || file == nil {
			return nil
		}
		at := textpos.LineStart(pass.Fset.File(file.Package), file.Package)
		return []analysis.SuggestedFix{{
			Message:   "Add " + directive + ": unanswerable lookups fail fast instead of waiting ~5 s in musl",
			TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(docSeparator(file) + directive + "\n")}},
		}}
	}
	report.WholeProgram(pass, res, program.KindDNS,
		func(site program.Site) analysis.Diagnostic {
			return analysis.Diagnostic{
				Message:        fmt.Sprintf("%s %s", report.Name(site.What), fails),
				Related:        related,
				SuggestedFixes: fixes(report.FileOf(pass, site.Pos)),
			}
		},
		func(found report.Found) analysis.Diagnostic {
			return analysis.Diagnostic{
				Message:        fmt.Sprintf("%s %s", report.Subject(pass, found), fails),
				Related:        related,
				SuggestedFixes: fixes(found.File),
			}
		})
	return nil
}

// docSeparator returns the "//" line gofmt puts between the text of a
// package's doc comment and the directives that end it.
func docSeparator(file *ast.File) string {
	if file.Doc == nil {
		return ""
	}
	last := file.Doc.List[len(file.Doc.List)-1].Text
	if !strings.HasPrefix(last, "//") || goDirective.MatchString(last) {
		return ""
	}
	return "//\n"
}

// goDirective matches the comment lines go/ast and gofmt treat as
// directives.
var goDirective = regexp.MustCompile(`^//(line |extern |export |[a-z0-9]+:[a-z0-9])`)

// hasNetdnsDirective reports whether package main already chooses a
// resolver with //go:debug netdns=...
func hasNetdnsDirective(pass *analysis.Pass) bool {
	for _, f := range pass.Files {
		for _, group := range f.Comments {
			if group.Pos() > f.Package {
				break
			}
			for _, c := range group.List {
				if strings.HasPrefix(c.Text, "//go:debug") && strings.Contains(c.Text, "netdns=") {
					return true
				}
			}
		}
	}
	return false
}
