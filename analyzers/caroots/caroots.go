package caroots

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

// Check reports TLS clients in binaries whose target has no CA bundle.
var Check = &check.Check{
	Name:      "caroots",
	DocSource: doc,
	Requires:  []*analysis.Analyzer{program.Analyzer},
	Run:       run,
	FileLocal: true, // reports only in package main
}

const (
	fallbackPath = "golang.org/x/crypto/x509roots/fallback"
	fixMessage   = `Embed public CA roots: import _ "` + fallbackPath + `" (needs the module in go.mod; public CAs only)`
	cure         = "fix: put a CA bundle in the image or set SSL_CERT_FILE, or import _ \"" + fallbackPath +
		"\" in package main (public CAs only)"
)

func run(cp *check.Pass) error {
	pass, d := cp.Pass, cp.Deployment
	if !program.IsMain(pass) {
		return nil
	}
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	if d.Target.CABundle || res.Build.FallbackRoots {
		return nil
	}
	// x509.SystemCertPool returns an empty pool with a nil error; the
	// handshake fails (docs/FACTS.md#ca-roots).
	fails := fmt.Sprintf("fails on %s: \"x509: certificate signed by unknown authority\" (no CA bundle)", report.Deployments)
	report.WholeProgram(pass, res, program.KindTLS,
		func(site program.Site) analysis.Diagnostic {
			return analysis.Diagnostic{
				Message:        fmt.Sprintf("TLS verification by %s %s", report.Name(site.What), fails),
				Related:        []analysis.RelatedInformation{report.Note(cure)},
				SuggestedFixes: report.AddBlankImport(pass, report.FileOf(pass, site.Pos), fallbackPath, fixMessage),
			}
		},
		func(found report.Found) analysis.Diagnostic {
			return analysis.Diagnostic{
				Message:        fmt.Sprintf("TLS verification by %s %s", report.Subject(pass, found), fails),
				Related:        []analysis.RelatedInformation{report.Note(cure)},
				SuggestedFixes: report.AddBlankImport(pass, found.File, fallbackPath, fixMessage),
			}
		})
	return nil
}
