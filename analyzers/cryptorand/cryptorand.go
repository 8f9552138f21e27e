package cryptorand

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

// Check reports randomness the target cannot provide.
var Check = &check.Check{
	Name:      "cryptorand",
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
	if d.Target.DevURandom {
		return nil
	}
	if !d.Target.HasGetrandom() {
		// The runtime aborts, in every build configuration, exit 2
		// (docs/FACTS.md#random-numbers).
		fatal := fmt.Sprintf("aborts on %s: \"fatal error: crypto/rand: failed to read random data\" (no getrandom; no /dev/urandom)",
			report.Deployments)
		related := []analysis.RelatedInformation{report.Note("getrandom(2) needs Linux 3.17; the target may run kernel %s", d.Target.Kernel),
			report.Note("fix: give the root filesystem /dev/urandom, or run on Linux 3.17 or later")}
		report.WholeProgram(pass, res, program.KindRand,
			func(site program.Site) analysis.Diagnostic {
				return analysis.Diagnostic{Message: fmt.Sprintf("%s%s %s", report.Name(site.What), how(site.What), fatal), Related: related}
			},
			func(found report.Found) analysis.Diagnostic {
				return analysis.Diagnostic{Message: fmt.Sprintf("%s%s %s", report.Subject(pass, found), how(found.Cause.What), fatal), Related: related}
			})
	}
	open := fmt.Sprintf("fails on %s: \"open /dev/urandom: no such file or directory\" (no /dev)", report.Deployments)
	related := []analysis.RelatedInformation{report.Note("fix: read crypto/rand.Reader, which uses getrandom(2)")}
	report.WholeProgram(pass, res, program.KindDevRandom,
		func(site program.Site) analysis.Diagnostic {
			return analysis.Diagnostic{Message: fmt.Sprintf("%s %s", report.Name(site.What), open), Related: related}
		},
		func(found report.Found) analysis.Diagnostic {
			return analysis.Diagnostic{Message: fmt.Sprintf("%s %s", report.Subject(pass, found), open), Related: related}
		})
	return nil
}

// how says why a site reads crypto/rand, for a message: directly (""),
// through TLS handshakes (client and server), or through key generation.
func how(what string) string {
	switch {
	case strings.HasPrefix(what, "rand."):
		return ""
	case strings.HasSuffix(what, "GenerateKey(...)"):
		return " (key generation)"
	}
	return " (TLS handshake)"
}
