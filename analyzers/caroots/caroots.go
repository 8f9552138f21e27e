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
}

const (
	fallbackPath = "golang.org/x/crypto/x509roots/fallback"
	fixMessage   = `Embed public CA roots: import _ "` + fallbackPath + `" (needs the module in go.mod; public CAs only)`
	cure         = "put a CA bundle in the image or set SSL_CERT_FILE, or import _ \"" + fallbackPath +
		"\" in package main (public CAs only; run go get " + fallbackPath + ")"
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
	consequence := fmt.Sprintf("target %s has no CA bundle, so x509.SystemCertPool returns an empty pool with a nil error "+
		"and the handshake fails: \"tls: failed to verify certificate: x509: certificate signed by unknown authority\"; %s",
		report.Deployments, cure)
	report.WholeProgram(pass, res, program.KindTLS,
		func(site program.Site) analysis.Diagnostic {
			return analysis.Diagnostic{
				Message:        fmt.Sprintf("%s verifies TLS servers against the system roots: %s%s", site.What, consequence, report.Inferred(res)),
				SuggestedFixes: report.AddBlankImport(pass, report.FileOf(pass, site.Pos), fallbackPath, fixMessage),
			}
		},
		func(found report.Found, n int) analysis.Diagnostic {
			c := found.Cause
			return analysis.Diagnostic{
				Message: fmt.Sprintf("this import links TLS client code verifying against the system roots (%s: %s%s; %s): %s%s",
					report.Where(c), c.What, report.More(n), report.Via(pass, c), consequence, report.Inferred(res)),
				SuggestedFixes: report.AddBlankImport(pass, found.File, fallbackPath, fixMessage),
			}
		})
	return nil
}
