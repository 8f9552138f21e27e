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
	tgt := report.Deployments
	if !d.Target.HasGetrandom() {
		fatal := fmt.Sprintf("target %s may run a kernel without getrandom(2) (before Linux 3.17, kernel=%s) and has no /dev/urandom, "+
			"so in every build configuration the process aborts: \"fatal error: crypto/rand: failed to read random data "+
			"(see https://go.dev/issue/66821): open /dev/urandom: no such file or directory\" (exit 2, not recoverable); "+
			"give the root filesystem /dev/urandom or run on Linux 3.17 or later", tgt, d.Target.Kernel)
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
	return nil
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
