// Package golangci registers scratchvet's checks as a golangci-lint v2
// module plugin named "scratchvet" (docs/golangci-lint.md).
//
// A custom golangci-lint binary that imports this package for its side
// effect runs the checks configured by the plugin's settings in
// .golangci.yml:
//
//	linters:
//	  enable: [scratchvet]
//	  settings:
//	    custom:
//	      scratchvet:
//	        type: module
//	        settings:
//	          target: distroless-static
package golangci

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	// golangci-lint gives no summaries of the standard library: load
	// registers the `go list` that provides them (program.SetDependencyLister).
	_ "github.com/scratchvet/scratchvet/internal/load"
	"github.com/scratchvet/scratchvet/internal/settings"
	"github.com/scratchvet/scratchvet/target"
)

// Name is the plugin's name: the key under linters.settings.custom and the
// name in linters.enable and //nolint directives.
const Name = "scratchvet"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings (linters.settings.custom.scratchvet.settings).
// Each overrides scratchvet.toml as the command-line flag of the same name
// does (docs/cli.md); empty means unset.
type Settings struct {
	Target    string `json:"target"`    // a preset with ,key=value overrides, as for -target
	Checks    Checks `json:"checks"`    // which checks run
	Config    string `json:"config"`    // the config file, as for -config
	Ldflags   string `json:"ldflags"`   // the binaries' -ldflags, as for -ldflags
	Buildmode string `json:"buildmode"` // the binaries' -buildmode, as for -buildmode
}

var settingKeys = []string{"target", "checks", "config", "ldflags", "buildmode"}

// Checks selects checks, in one of two forms. A list names the checks that
// run, like -checks, and the config file's [checks] table is ignored. A map
// from check name to true or false turns checks on or off, overriding the
// config file for the checks it names.
type Checks struct {
	Only []string        // the list form
	Set  map[string]bool // the map form
}

// UnmarshalJSON accepts a list of check names or a map from name to bool.
func (c *Checks) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if bytes.Equal(data, []byte("null")) {
		return nil
	}
	var err error
	switch {
	case len(data) > 0 && data[0] == '[':
		err = json.Unmarshal(data, &c.Only)
		if err == nil && len(c.Only) == 0 {
			return fmt.Errorf("checks: the list enables no check (checks: %s)", strings.Join(suite.Names(), ", "))
		}
		for _, name := range c.Only {
			if err == nil {
				err = knownCheck(name)
			}
		}
	case len(data) > 0 && data[0] == '{':
		err = json.Unmarshal(data, &c.Set)
		for _, name := range slices.Sorted(maps.Keys(c.Set)) {
			if err == nil {
				err = knownCheck(name)
			}
		}
	default:
		return fmt.Errorf("checks: want a list of check names or a map from check name to true or false, not %s", data)
	}
	if _, ok := err.(*json.UnmarshalTypeError); ok {
		return fmt.Errorf("checks: want a list of check names or a map from check name to true or false: %w", err)
	}
	return err
}

func knownCheck(name string) error {
	if suite.Lookup(name) != nil {
		return nil
	}
	return fmt.Errorf("checks: unknown check %q (checks: %s)", name, strings.Join(suite.Names(), ", "))
}

// New is the plugin's constructor: it validates conf, the settings map
// from .golangci.yml.
func New(conf any) (register.LinterPlugin, error) {
	if m, ok := conf.(map[string]any); ok {
		for _, key := range slices.Sorted(maps.Keys(m)) {
			if !slices.Contains(settingKeys, key) {
				return nil, fmt.Errorf("scratchvet settings: unknown key %q (keys: %s)", key, strings.Join(settingKeys, ", "))
			}
		}
	}
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("scratchvet settings: %w", err)
	}
	return newPlugin(s)
}

func newPlugin(s Settings) (*plugin, error) {
	if s.Target != "" {
		if _, err := target.Parse(s.Target); err != nil {
			return nil, fmt.Errorf("scratchvet settings: target: %w", err)
		}
	}
	switch s.Buildmode {
	case "", "default", "exe", "pie":
	default:
		return nil, fmt.Errorf("scratchvet settings: buildmode %q: scratchvet judges exe and pie binaries", s.Buildmode)
	}
	opts := settings.Options{Target: s.Target, Ldflags: s.Ldflags, Buildmode: s.Buildmode, Origin: "golangci-lint settings",
		Only: s.Checks.Only, Enable: s.Checks.Set}
	if s.Config != "" {
		// Relative to the directory golangci-lint runs in, like -config.
		abs, err := filepath.Abs(s.Config)
		if err != nil {
			return nil, fmt.Errorf("scratchvet settings: config: %w", err)
		}
		opts.Config = abs
	}
	analyzers, err := suite.With(opts)
	if err != nil {
		return nil, fmt.Errorf("scratchvet settings: %w", err)
	}
	if s.Config != "" {
		// Report a missing or invalid file now, not once per package.
		r, _ := suite.Resolver(opts)
		if _, err := r.ForDir(filepath.Dir(opts.Config)); err != nil {
			return nil, fmt.Errorf("scratchvet settings: config: %w", err)
		}
	}
	return &plugin{analyzers: analyzers}, nil
}

// plugin holds one configuration: analyzers of its own (suite.With), so
// that two plugins in one process share no settings.
type plugin struct {
	analyzers []*analysis.Analyzer
}

// GetLoadMode asks for type information: the checks and the program
// summaries read types (import names, constants), and facts about imported
// packages are keyed by their *types.Package.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// BuildAnalyzers returns the checks the settings enable; those they leave
// to the config file's [checks] decide per module.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return p.analyzers, nil
}
