package caroots

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

// Analyzer reports TLS clients in binaries whose target has no CA bundle.
var Analyzer = &analysis.Analyzer{
	Name:     "caroots",
	Doc:      analysisutil.MustExtractDoc(doc, "caroots"),
	URL:      report.DocURL + "caroots.md",
	Requires: []*analysis.Analyzer{settings.Analyzer, program.Analyzer},
	Run:      run,
}

const (
	fallbackPath = "golang.org/x/crypto/x509roots/fallback"
	fixMessage   = `Embed public CA roots: import _ "` + fallbackPath + `" (needs the module in go.mod; public CAs only)`
	cure         = "put a CA bundle in the image or set SSL_CERT_FILE, or import _ \"" + fallbackPath +
		"\" in package main (public CAs only; run go get " + fallbackPath + ")"
)

func run(pass *analysis.Pass) (any, error) {
	if !program.IsMain(pass) {
		return nil, nil
	}
	s := pass.ResultOf[settings.Analyzer].(*settings.Settings)
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	if s.Target.CABundle || res.Build.FallbackRoots {
		return nil, nil
	}
	consequence := fmt.Sprintf("target %s has no CA bundle, so x509.SystemCertPool returns an empty pool with a nil error "+
		"and the handshake fails: \"tls: failed to verify certificate: x509: certificate signed by unknown authority\"; %s",
		report.TargetName(s.Target.Name), cure)
	for _, site := range res.Local.Sites {
		if site.Kind != program.KindTLS {
			continue
		}
		pass.Report(analysis.Diagnostic{
			Pos:            site.Pos,
			Message:        fmt.Sprintf("%s verifies TLS servers against the system roots: %s%s", site.What, consequence, report.Inferred(res)),
			SuggestedFixes: report.AddBlankImport(pass, report.FileOf(pass, site.Pos), fallbackPath, fixMessage),
		})
	}
	if cause, n, ok := report.FirstDependencyCause(res, program.KindTLS); ok {
		found, _ := report.Locate(pass, res, cause, 0)
		pass.Report(analysis.Diagnostic{
			Pos: found.Pos,
			Message: fmt.Sprintf("this import links TLS client code verifying against the system roots (%s: %s%s; %s): %s%s",
				report.Where(cause), cause.What, report.More(n), report.Via(pass, cause), consequence, report.Inferred(res)),
			SuggestedFixes: report.AddBlankImport(pass, found.File, fallbackPath, fixMessage),
		})
	}
	return nil, nil
}
