// Package settings resolves what scratchvet judges a package against: the
// deployment target and the parts of the build configuration the source
// cannot show (link mode, build mode, libc of the C toolchain).
//
// Every front end resolves them the same way, in this order: the -target
// flag, the SCRATCHVET_TARGET environment variable, scratchvet.toml at the
// module root, then the default preset (scratch).
package settings

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/config"
	"github.com/scratchvet/scratchvet/internal/deploy"
	"github.com/scratchvet/scratchvet/target"
)

// CheckNames lists every check, for validating config files. The suite's
// test keeps it equal to the analyzers' names.
var CheckNames = []string{"dynlink", "tzdata", "caroots", "skipverify", "userlookup", "dns", "cryptorand", "plugin", "cgostub"}

// EnvTarget is the environment variable that selects the target.
const EnvTarget = "SCRATCHVET_TARGET"

// Settings are the resolved settings for one package.
type Settings struct {
	Target     target.Target
	TargetFrom string // where the target came from, for messages
	Build      Build
	Disabled   map[string]bool // checks turned off in the config file
	ConfigPath string          // "" when there is no config file
	// Exclude maps a check (or config.AllChecks) to the config file's
	// path patterns where its findings are dropped.
	Exclude map[string][]string
	// Severity maps a check (or config.AllChecks) to its severity in
	// the config file.
	Severity map[string]string
}

// DefaultSeverity is the severity of a check the config file says nothing
// about.
const DefaultSeverity = "warning"

// SeverityOf returns the severity of check's findings: "error", "warning"
// or "info".
func (s *Settings) SeverityOf(check string) string {
	if sev := s.Severity[check]; sev != "" {
		return sev
	}
	if sev := s.Severity[config.AllChecks]; sev != "" {
		return sev
	}
	return DefaultSeverity
}

// Excluded returns the [exclude] pattern that drops check's findings in
// the file (an absolute name), or "" when none does. Patterns are relative
// to the config file's directory; files outside it are never excluded.
func (s *Settings) Excluded(check, file string) string {
	if s.ConfigPath == "" || len(s.Exclude) == 0 || !filepath.IsAbs(file) {
		return ""
	}
	rel, err := filepath.Rel(filepath.Dir(s.ConfigPath), file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	rel = filepath.ToSlash(rel)
	for _, key := range []string{check, config.AllChecks} {
		for _, pattern := range s.Exclude[key] {
			if config.MatchPath(pattern, rel) {
				return pattern
			}
		}
	}
	return ""
}

// Build is how the binary is linked, as far as flags and config tell.
type Build struct {
	// Static: -linkmode external with -extldflags -static or -static-pie,
	// a binary that needs no loader whatever it links.
	Static bool
	// StaticIfForced: -extldflags -static without -linkmode external. Go
	// links internally and ignores -extldflags unless a cgo package other
	// than the few it links itself (net, os/user, runtime/cgo) forces the
	// external linker (docs/FACTS.md#a-static-link-that-is-not-one).
	StaticIfForced bool
	PIE            bool        // -buildmode=pie
	Libc           target.Libc // libc of the C toolchain: glibc unless CC or config says musl
	From           string      // where Static/PIE came from, for messages
	Tags           []string    // build tags for loading (standalone, editor)
	CgoEnable      *bool       // CGO_ENABLED for loading; nil = environment
}

// Flags are the command-line settings; drivers set them through
// Analyzer.Flags so that tests and plugins can do the same.
var (
	flagTarget    string
	flagConfig    string
	flagLdflags   string
	flagBuildmode string
	// flagUnusedSuppressions is read by report.Suppress when a check ends;
	// it is not part of Settings because it changes no judgement.
	flagUnusedSuppressions bool
)

// Analyzer makes the resolved settings available to the checks.
var Analyzer = &analysis.Analyzer{
	Name:       "scratchvetsettings",
	Doc:        "resolve the deployment target and build settings (internal to scratchvet)",
	Run:        run,
	ResultType: reflect.TypeOf((*Settings)(nil)),
}

func init() {
	fs := &Analyzer.Flags
	fs.StringVar(&flagTarget, "target", "", "deployment target: a preset ("+strings.Join(target.Names(), ", ")+") with optional ,key=value overrides")
	fs.StringVar(&flagConfig, "config", "", "config file (default: scratchvet.toml at the module root)")
	fs.StringVar(&flagLdflags, "ldflags", "", "the -ldflags the binary is built with (shows static linking)")
	fs.StringVar(&flagBuildmode, "buildmode", "", "the -buildmode the binary is built with (pie needs a loader)")
	fs.BoolVar(&flagUnusedSuppressions, "unused-suppressions", false, "report suppression directives (//scratchvet:ignore, //nolint) that suppress nothing")
}

func run(pass *analysis.Pass) (any, error) {
	dir := "."
	if len(pass.Files) > 0 {
		dir = filepath.Dir(pass.Fset.Position(pass.Files[0].Package).Filename)
	}
	return ForDir(dir)
}

var cache sync.Map // config path ("" = none) → *Settings or error

type cached struct {
	s   *Settings
	err error
}

// Options are the settings a front end gives explicitly: the flags, or
// a golangci-lint plugin's settings. Each field overrides the environment
// and the config file as its flag does; "" means unset.
type Options struct {
	Target    string // as for -target
	Config    string // as for -config
	Ldflags   string // as for -ldflags
	Buildmode string // as for -buildmode
	// Origin names the options in messages: "" for the flags ("-target
	// flag"), else for example "golangci-lint settings" ("target in
	// golangci-lint settings").
	Origin string
}

// from names option name in messages.
func (o Options) from(name string) string {
	if o.Origin == "" {
		return "-" + name + " flag"
	}
	return name + " in " + o.Origin
}

// ForDir resolves the settings for a package in dir, with the flags.
func ForDir(dir string) (*Settings, error) {
	return ForDirWith(dir, Options{Target: flagTarget, Config: flagConfig, Ldflags: flagLdflags, Buildmode: flagBuildmode})
}

// ForDirWith resolves the settings for a package in dir with opts in place
// of the flags, for a driver that runs several configurations in one
// process.
func ForDirWith(dir string, opts Options) (*Settings, error) {
	path := opts.Config
	if path == "" {
		var err error
		if path, err = config.Find(dir); err != nil {
			return nil, err
		}
	}
	key := strings.Join([]string{path, opts.Target, opts.Ldflags, opts.Buildmode, opts.Origin,
		os.Getenv(EnvTarget), os.Getenv("GOFLAGS"), os.Getenv("CC")}, "\x00")
	if c, ok := cache.Load(key); ok {
		return c.(cached).s, c.(cached).err
	}
	s, err := resolve(path, opts)
	cache.Store(key, cached{s, err})
	return s, err
}

// Reset forgets cached settings (after a flag or config change).
func Reset() { cache = sync.Map{} }

func resolve(configPath string, opts Options) (*Settings, error) {
	var file *config.File
	if configPath != "" {
		var err error
		if file, err = config.Load(configPath, CheckNames); err != nil {
			return nil, err
		}
	}
	s := &Settings{ConfigPath: configPath, Disabled: map[string]bool{}}
	if configPath != "" {
		// The patterns are relative to the config file's real directory.
		if abs, err := filepath.Abs(configPath); err == nil {
			s.ConfigPath = abs
		}
	}
	if err := s.resolveTarget(file, opts); err != nil {
		return nil, err
	}
	s.resolveBuild(file, opts)
	if file != nil {
		for name, on := range file.Checks {
			if !on {
				s.Disabled[name] = true
			}
		}
		s.Exclude, s.Severity = file.Exclude, file.Severity
	}
	return s, nil
}

func (s *Settings) resolveTarget(file *config.File, opts Options) error {
	spec, from := target.Default, "default"
	switch {
	case opts.Target != "":
		spec, from = opts.Target, opts.from("target")
	case os.Getenv(EnvTarget) != "":
		spec, from = os.Getenv(EnvTarget), "$"+EnvTarget
	case file != nil && file.Target != "":
		spec, from = file.Target, fmt.Sprintf("%s:%d", file.Path, file.TargetLine)
	}
	t, err := target.Parse(spec)
	if err != nil {
		return fmt.Errorf("%s: %v", from, err)
	}
	// Config overrides refine the config's or the default preset; an
	// explicit -target or $SCRATCHVET_TARGET spec stands as written.
	if file != nil && len(file.Overrides) > 0 && (from == "default" || file.Target != "" && spec == file.Target) {
		if t, err = t.WithOverrides(file.Overrides); err != nil {
			return fmt.Errorf("%s: %v", file.Path, err)
		}
		from += " with [target-overrides]"
	}
	s.Target, s.TargetFrom = t, from
	return nil
}

func (s *Settings) resolveBuild(file *config.File, opts Options) {
	goflags := splitGOFLAGS(os.Getenv("GOFLAGS"))
	ldflags, ldFrom := goflags["ldflags"], "GOFLAGS"
	buildmode, bmFrom := goflags["buildmode"], "GOFLAGS"
	if file != nil && file.Build.Ldflags != "" {
		ldflags, ldFrom = file.Build.Ldflags, file.Path
	}
	if file != nil && file.Build.BuildMode != "" {
		buildmode, bmFrom = file.Build.BuildMode, file.Path
	}
	if opts.Ldflags != "" {
		ldflags, ldFrom = opts.Ldflags, opts.from("ldflags")
	}
	if opts.Buildmode != "" {
		buildmode, bmFrom = opts.Buildmode, opts.from("buildmode")
	}
	b := Build{Libc: target.Glibc}
	var from []string
	switch link := deploy.ParseLink(ldflags); {
	case link.Static(false):
		b.Static = true
		from = append(from, "-ldflags from "+ldFrom)
	case link.ExtStatic && !link.Internal:
		b.StaticIfForced = true
		from = append(from, "-ldflags from "+ldFrom)
	}
	if buildmode == "pie" {
		b.PIE = true
		from = append(from, "-buildmode=pie from "+bmFrom)
	}
	b.From = strings.Join(from, ", ")
	if strings.Contains(filepath.Base(os.Getenv("CC")), "musl") {
		b.Libc = target.Musl
	}
	if file != nil {
		if file.Build.Libc != "" {
			b.Libc = target.Libc(file.Build.Libc)
		}
		b.Tags = file.Build.Tags
		b.CgoEnable = file.Build.Cgo
	}
	s.Build = b
}

// LinksStatically reports whether the binary needs no loader, given the
// packages it links that use cgo (program.Build.CgoPackages): Static, or
// StaticIfForced with a cgo package that forces the external linker.
func (b Build) LinksStatically(cgoPackages []string) bool {
	if b.Static {
		return true
	}
	if b.StaticIfForced {
		for _, p := range cgoPackages {
			if deploy.ForcesExternalLink(p) {
				return true
			}
		}
	}
	return false
}

// splitGOFLAGS parses GOFLAGS ("-flag=value" words; values may be quoted)
// into a map from flag name to value.
func splitGOFLAGS(s string) map[string]string {
	out := map[string]string{}
	for _, word := range splitQuoted(s) {
		name, val, _ := strings.Cut(strings.TrimLeft(word, "-"), "=")
		out[name] = val
	}
	return out
}

func splitQuoted(s string) []string {
	var words []string
	var cur strings.Builder
	quote := rune(0)
	inWord := false
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// ReportUnusedSuppressions reports whether -unused-suppressions is on.
func ReportUnusedSuppressions() bool { return flagUnusedSuppressions }

// SetFlag sets one of the settings flags (target, config, ldflags,
// buildmode, unused-suppressions), as a driver or test does.
func SetFlag(name, value string) error {
	return Analyzer.Flags.Set(name, value)
}
