package cryptorand

import (
	_ "embed"
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/analysisutil"
	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/internal/settings"
)

//go:embed doc.go
var doc string

// Analyzer reports randomness the target cannot provide.
var Analyzer = &analysis.Analyzer{
	Name:     "cryptorand",
	Doc:      analysisutil.MustExtractDoc(doc, "cryptorand"),
	URL:      report.DocURL + "cryptorand.md",
	Requires: []*analysis.Analyzer{settings.Analyzer, program.Analyzer},
	Run:      report.Suppress(run), // directives apply in every driver (docs/suppressions.md)
}

func run(pass *analysis.Pass) (any, error) {
	if !program.IsMain(pass) {
		return nil, nil
	}
	s := pass.ResultOf[settings.Analyzer].(*settings.Settings)
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	if s.Target.DevURandom {
		return nil, nil
	}
	tgt := report.TargetName(s.Target.Name)
	if !s.Target.HasGetrandom() {
		fatal := fmt.Sprintf("target %s may run a kernel without getrandom(2) (before Linux 3.17, kernel=%s) and has no /dev/urandom, "+
			"so in every build configuration the process aborts: \"fatal error: crypto/rand: failed to read random data "+
			"(see https://go.dev/issue/66821): open /dev/urandom: no such file or directory\" (exit 2, not recoverable); "+
			"give the root filesystem /dev/urandom or run on Linux 3.17 or later", tgt, s.Target.Kernel)
		report.WholeProgram(pass, res, program.KindRand,
			func(site program.Site) analysis.Diagnostic {
				return analysis.Diagnostic{Message: fmt.Sprintf("%s reads crypto/rand (%s): %s", site.What, how(site.What), fatal)}
			},
			func(found report.Found, n int) analysis.Diagnostic {
				return analysis.Diagnostic{Message: fmt.Sprintf("%s: %s", report.Linked(pass, found, n, "reads crypto/rand through"), fatal)}
			})
	}
	open := fmt.Sprintf("target %s has no /dev, so the open fails: \"open /dev/urandom: no such file or directory\"; "+
		"read randomness from crypto/rand.Reader, which uses getrandom(2)", tgt)
	report.WholeProgram(pass, res, program.KindDevRandom,
		func(site program.Site) analysis.Diagnostic {
			return analysis.Diagnostic{Message: fmt.Sprintf("%s opens a random device: %s", site.What, open)}
		},
		func(found report.Found, n int) analysis.Diagnostic {
			return analysis.Diagnostic{Message: fmt.Sprintf("%s: %s", report.Linked(pass, found, n, "opens a random device with"), open)}
		})
	return nil, nil
}

// how says why a site reads crypto/rand: directly, through TLS handshakes
// (client and server), or through key generation.
func how(what string) string {
	switch {
	case strings.HasPrefix(what, "rand."):
		return "directly"
	case strings.HasSuffix(what, "GenerateKey(...)"):
		return "key generation"
	}
	return "every TLS handshake does"
}
