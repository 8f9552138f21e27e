// Package suite is the registry of scratchvet's checks: every front end
// (the standalone checker, the go vet tool, the language server, the
// golangci-lint plugin) and every list of check names derive from it.
package suite

import (
	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/analyzers/caroots"
	"github.com/scratchvet/scratchvet/analyzers/cgostub"
	"github.com/scratchvet/scratchvet/analyzers/cryptorand"
	"github.com/scratchvet/scratchvet/analyzers/dns"
	"github.com/scratchvet/scratchvet/analyzers/dynlink"
	"github.com/scratchvet/scratchvet/analyzers/exec"
	"github.com/scratchvet/scratchvet/analyzers/homedir"
	"github.com/scratchvet/scratchvet/analyzers/plugin"
	"github.com/scratchvet/scratchvet/analyzers/skipverify"
	"github.com/scratchvet/scratchvet/analyzers/syslog"
	"github.com/scratchvet/scratchvet/analyzers/tmpdir"
	"github.com/scratchvet/scratchvet/analyzers/tzdata"
	"github.com/scratchvet/scratchvet/analyzers/userlookup"
	"github.com/scratchvet/scratchvet/internal/check"
	"github.com/scratchvet/scratchvet/internal/settings"
)

// checks are the checks, in documentation order.
var checks = []*check.Check{
	dynlink.Check,
	tzdata.Check,
	caroots.Check,
	skipverify.Check,
	userlookup.Check,
	dns.Check,
	cryptorand.Check,
	plugin.Check,
	cgostub.Check,
	tmpdir.Check,
	exec.Check,
	syslog.Check,
	homedir.Check,
}

// Checks returns the checks, in documentation order.
func Checks() []*check.Check { return append([]*check.Check(nil), checks...) }

// Names returns the checks' names, in documentation order.
func Names() []string {
	names := make([]string, len(checks))
	for i, c := range checks {
		names[i] = c.Name
	}
	return names
}

// AnyDeployment returns the names of the checks that judge the code
// alone (check.Check.AnyDeployment), in documentation order.
func AnyDeployment() []string {
	var names []string
	for _, c := range checks {
		if c.AnyDeployment {
			names = append(names, c.Name)
		}
	}
	return names
}

// Lookup returns the check with the given name, or nil.
func Lookup(name string) *check.Check {
	for _, c := range checks {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Resolver returns a settings resolver for opts, which knows the
// registry's checks.
func Resolver(opts settings.Options) (*settings.Resolver, error) {
	opts.KnownChecks, opts.AnyDeployment = Names(), AnyDeployment()
	return settings.NewResolver(opts)
}

// New returns a new analyzer for every check, whose settings r resolves
// (unless the driver supplies them).
func New(r *settings.Resolver) []*analysis.Analyzer {
	return analyzers(settings.NewAnalyzer(r))
}

// With returns a new analyzer for every check enabled by opts (a plugin's
// settings), resolving their settings with opts: each call gives
// analyzers of their own, sharing no configuration with others in the
// process. Checks that the config file disables stay in the list and
// report nothing where it applies.
func With(opts settings.Options) ([]*analysis.Analyzer, error) {
	r, err := Resolver(opts)
	if err != nil {
		return nil, err
	}
	var out []*analysis.Analyzer
	for _, a := range New(r) {
		if on, decided := decidedBy(opts, a.Name); !decided || on {
			out = append(out, a)
		}
	}
	return out, nil
}

// decidedBy says whether opts alone turn a check on or off.
func decidedBy(opts settings.Options, name string) (on, decided bool) {
	if opts.Only != nil {
		for _, n := range opts.Only {
			if n == name {
				return true, true
			}
		}
		return false, true
	}
	on, decided = opts.Enable[name]
	return on, decided
}

// Enabled returns the analyzers whose checks s enables (the one selection
// rule: Settings.Enabled).
func Enabled(analyzers []*analysis.Analyzer, s *settings.Settings) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	for _, a := range analyzers {
		if s.Enabled(a.Name) {
			out = append(out, a)
		}
	}
	return out
}

// FileLocal reports whether every check s enables is FileLocal: then,
// outside package main, a file's findings can be decided from a check of
// its package in which only that file has its function bodies.
func FileLocal(s *settings.Settings) bool {
	for _, c := range checks {
		if s.Enabled(c.Name) && !c.FileLocal {
			return false
		}
	}
	return true
}

// Settings is the settings analyzer of All: its flags are the settings
// flags (-target, -config, -ldflags, -buildmode, -unused-suppressions).
var Settings = settings.NewFlagAnalyzer(Names(), AnyDeployment())

var all = analyzers(Settings)

// All returns the analyzers of every check configured by the flags of
// Settings, for go/analysis drivers that own the command line (a
// multichecker or unitchecker). scratchvet's own front ends use New.
func All() []*analysis.Analyzer { return append([]*analysis.Analyzer(nil), all...) }

func analyzers(settingsAnalyzer *analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(checks))
	for i, c := range checks {
		out[i] = c.Analyzer(settingsAnalyzer)
	}
	return out
}
