// Package settings resolves what scratchvet judges a package against: the
// deployments of its binary (each a target and the build configuration
// the source cannot show: link mode, build mode, libc of the C toolchain),
// which checks run, and how their findings are reported.
//
// Settings are values. A front end owns a Resolver, made from the Options
// it was given (flags, editor settings, golangci-lint settings), which
// resolves each package's Settings once, in this order: the options, the
// SCRATCHVET_TARGET environment variable, scratchvet.toml at the module
// root, then the default preset (scratch). The driver hands them to the
// checks as the result of a settings analyzer (NewAnalyzer); a pure
// go/analysis driver lets that analyzer resolve them itself.
package settings

import (
	"errors"
	"flag"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/config"
	"github.com/scratchvet/scratchvet/internal/deploy"
	"github.com/scratchvet/scratchvet/target"
)

// EnvTarget is the environment variable that selects the target.
const EnvTarget = "SCRATCHVET_TARGET"

// Settings are the resolved settings for one package.
type Settings struct {
	// Deployments are the ways the package's binary ships: at least one.
	// Checks judge each; a finding true on several is reported once,
	// naming them (report.PerDeployment). For an Undeployed package it is
	// the run's default deployment, the build it is loaded with, which
	// only the checks that judge the code alone run on.
	Deployments []Deployment
	// Undeployed: a main package that no deployment puts in a known
	// image, in a repository that declares images (Dockerfiles, ko,
	// [[deployment]] tables), with no target set explicitly (flags,
	// $SCRATCHVET_TARGET, scratchvet.toml target): nothing deploys it, or
	// only builds that put it in no image, or images not in the image
	// table. Nothing says what it runs on (a developer's tool, an
	// example): the checks that judge the image or the build do not run
	// on it (Enabled), only those that judge the code on every deployment
	// (Options.AnyDeployment). A note says so.
	Undeployed bool
	// KnownChecks are the names of the front end's checks (the registry),
	// which [checks], [exclude], [severity] and suppression directives
	// may name.
	KnownChecks []string
	Disabled    map[string]bool // checks turned off in the config file
	ConfigPath  string          // "" when there is no config file
	// Exclude maps a check (or config.AllChecks) to the config file's
	// path patterns where its findings are dropped.
	Exclude map[string][]string
	// Severity maps a check (or config.AllChecks) to its severity in
	// the config file.
	Severity map[string]string
	// UnusedSuppressions: report suppression directives that suppress
	// nothing (-unused-suppressions).
	UnusedSuppressions bool
	// KeepSuppressed: report suppressed findings, marked as such, instead
	// of dropping them (SARIF records suppressions).
	KeepSuppressed bool

	// Notes say what was assumed where nothing was declared, once per
	// package ("CGO_ENABLED is not declared for ..."), for front ends to
	// show.
	Notes []string

	only       []string        // Options.Only
	enable     map[string]bool // Options.Enable
	everywhere []string        // Options.AnyDeployment
	file       *config.File    // the config file read, nil when none
}

// Deployment is one way a binary ships: the image it runs in and how it
// is built.
type Deployment struct {
	// Name is short, for messages: "scratch", "alpine,zoneinfo=true".
	Name string
	// Origin says where the deployment came from, for messages:
	// "default", "-target flag", "$SCRATCHVET_TARGET", "scratchvet.toml:3".
	Origin string
	// OriginPos is where a file declares the deployment (the config
	// file's target line); invalid for flags, environment and defaults.
	OriginPos token.Position
	Target    target.Target
	Build     Build
	// Env is the environment the image sets for the program (TZ, TMPDIR,
	// SSL_CERT_FILE, HOME, ...); nil when unknown.
	Env map[string]string
	// User is the user the program runs as ("", "65532", "nonroot");
	// "" when the image does not say (root).
	User string
}

// Build is how the binary is built, as far as flags, environment and
// config tell. CgoEnabled and Tags decide which packages and files are
// loaded (the load side); the rest decides how it is linked.
type Build struct {
	CgoEnabled *bool // CGO_ENABLED for loading; nil = the environment's
	// CgoUndeclared: a declared deployment (discovered, or a
	// [[deployment]] table) whose build says no CGO_ENABLED (a prebuilt
	// binary, a go build without it): it is judged with the go command's
	// default, and findings whose verdict is CGO_ENABLED say they may not
	// apply (report.CgoUnsure).
	CgoUndeclared bool
	Tags          []string // build tags for loading (standalone, editor)
	Ldflags       string   // -ldflags as given ("" when none)
	Buildmode     string   // -buildmode as given ("" when none)
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

// Enabled reports whether check runs on the package: the front end's
// list (-checks) if it gave one; else its on/off choices over the config
// file's [checks]; else the config file. This is the one selection rule of
// every front end. On an Undeployed package only the checks that judge
// the code alone (Options.AnyDeployment) run.
func (s *Settings) Enabled(check string) bool {
	if s.Undeployed && !slices.Contains(s.everywhere, check) {
		return false
	}
	if s.only != nil {
		return slices.Contains(s.only, check)
	}
	if on, ok := s.enable[check]; ok {
		return on
	}
	return !s.Disabled[check]
}

// IsCheck reports whether name is a check of the front end's registry.
func (s *Settings) IsCheck(name string) bool { return slices.Contains(s.KnownChecks, name) }

// DeploymentNames names the deployments for messages: "scratch",
// "scratch and alpine".
func (s *Settings) DeploymentNames() string {
	var names []string
	for _, d := range s.Deployments {
		names = append(names, d.Name)
	}
	return JoinNames(names)
}

// JoinNames joins names for a sentence: "a", "a and b", "a, b and c".
func JoinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
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

// Options are the settings a front end gives explicitly: its flags, the
// editor's settings, a golangci-lint plugin's settings. Each field
// overrides the environment and the config file as its flag does; ""
// means unset.
type Options struct {
	Target    string // as for -target
	Config    string // as for -config
	Ldflags   string // as for -ldflags
	Buildmode string // as for -buildmode
	// Origin names the options in messages: "" for the flags ("-target
	// flag"), else for example "golangci-lint settings" ("target in
	// golangci-lint settings").
	Origin string
	// KnownChecks are the check names of the front end's registry
	// (suite.Names()); the config file and the directives are validated
	// against them.
	KnownChecks []string
	// AnyDeployment are the checks whose findings hold whatever the image
	// and the build (check.Check.AnyDeployment): the only ones that run on
	// an Undeployed main package.
	AnyDeployment []string
	// Only, when not nil, lists the checks that run (-checks); the config
	// file's [checks] does not apply.
	Only []string
	// Enable turns checks on (true) or off (false) over the config file's
	// [checks] (the editor's checks setting).
	Enable             map[string]bool
	UnusedSuppressions bool // as for -unused-suppressions
	KeepSuppressed     bool // see Settings.KeepSuppressed
	// Getenv reads the environment ($SCRATCHVET_TARGET, $GOFLAGS, $CC,
	// $CGO_ENABLED); nil means os.Getenv.
	Getenv func(string) string
	// NoDiscovery: do not read the repository's deployment files
	// (docs/deployments.md); every package gets the one deployment the
	// options, environment and config file give.
	NoDiscovery bool
}

// from names option name in messages.
func (o *Options) from(name string) string {
	if o.Origin == "" {
		return "-" + name + " flag"
	}
	return name + " in " + o.Origin
}

func (o *Options) getenv(key string) string {
	if o.Getenv != nil {
		return o.Getenv(key)
	}
	return os.Getenv(key)
}

// RegisterFlags defines the settings flags (-target, -config, -ldflags,
// -buildmode, -unused-suppressions) on fs, storing into o.
func RegisterFlags(fs *flag.FlagSet, o *Options) {
	fs.StringVar(&o.Target, "target", o.Target, "deployment target: a preset ("+strings.Join(target.Names(), ", ")+") with optional ,key=value overrides")
	fs.StringVar(&o.Config, "config", o.Config, "config file (default: scratchvet.toml at the module root)")
	fs.StringVar(&o.Ldflags, "ldflags", o.Ldflags, "the -ldflags the binary is built with (shows static linking)")
	fs.StringVar(&o.Buildmode, "buildmode", o.Buildmode, "the -buildmode the binary is built with (pie needs a loader)")
	fs.Func("discover", "read how each main package ships from the repository's Dockerfiles, goreleaser, ko and promu configurations and Makefiles (default true; docs/deployments.md)", func(v string) error {
		on, err := strconv.ParseBool(v)
		o.NoDiscovery = !on
		return err
	})
	fs.BoolVar(&o.UnusedSuppressions, "unused-suppressions", o.UnusedSuppressions, "report suppression directives (//scratchvet:ignore, //nolint) that suppress nothing")
}

// Resolver resolves the settings of packages under one set of Options. It
// caches what it read (config files, resolved settings) for its lifetime:
// a front end makes a new Resolver when its options or a config file
// change, instead of resetting shared state.
type Resolver struct {
	opts  Options
	cache sync.Map // key → cached
	disc  discoveries
}

type cached struct {
	s   *Settings
	err error
}

// NewResolver returns a resolver for opts. It checks the names in Only and
// Enable against KnownChecks and a -target spec against the presets.
func NewResolver(opts Options) (*Resolver, error) {
	var errs []error
	for _, name := range opts.Only {
		if !slices.Contains(opts.KnownChecks, name) {
			errs = append(errs, &UnknownCheckError{Name: name, Known: opts.KnownChecks})
		}
	}
	for _, name := range sortedKeys(opts.Enable) {
		if !slices.Contains(opts.KnownChecks, name) {
			errs = append(errs, &UnknownCheckError{Name: name, Known: opts.KnownChecks})
		}
	}
	if opts.Only != nil && len(opts.Only) == 0 {
		errs = append(errs, fmt.Errorf("the list of checks is empty (checks: %s)", strings.Join(opts.KnownChecks, ", ")))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &Resolver{opts: opts}, nil
}

// UnknownCheckError is a check name that the registry does not know.
type UnknownCheckError struct {
	Name  string
	Known []string
}

func (e *UnknownCheckError) Error() string {
	return fmt.Sprintf("unknown check %q (checks: %s)", e.Name, strings.Join(e.Known, ", "))
}

// Options returns the resolver's options.
func (r *Resolver) Options() Options { return r.opts }

// ForDir resolves the settings of packages in dir.
func (r *Resolver) ForDir(dir string) (*Settings, error) {
	return r.ForPackage(dir, "")
}

// ForPackage resolves the settings of the package pkgPath in dir. Two
// packages of one run may have different settings (each main package its
// own deployments, its config file). A test variant ("p [p.test]", as go
// vet names it) has the settings of its package.
func (r *Resolver) ForPackage(dir, pkgPath string) (*Settings, error) {
	if i := strings.Index(pkgPath, " ["); i > 0 {
		pkgPath = pkgPath[:i]
	}
	path := r.opts.Config
	if path == "" {
		var err error
		if path, err = config.Find(dir); err != nil {
			return nil, err
		}
	}
	key := strings.Join([]string{path, r.opts.getenv(EnvTarget), r.opts.getenv("GOFLAGS"), r.opts.getenv("CC"), r.opts.getenv("CGO_ENABLED")}, "\x00")
	var s *Settings
	if c, ok := r.cache.Load(key); ok {
		s = c.(cached).s
		if err := c.(cached).err; err != nil {
			return nil, err
		}
	} else {
		var err error
		s, err = r.resolve(path)
		r.cache.Store(key, cached{s, err})
		if err != nil {
			return nil, err
		}
	}
	if pkgPath == "" {
		return s, nil
	}
	// A main package's own deployments: [[deployment]] tables, else
	// discovery.
	pkey := key + "\x00" + pkgPath
	if c, ok := r.cache.Load(pkey); ok {
		return c.(cached).s, c.(cached).err
	}
	ps := s
	if deps, notes, ok, undeployed := r.packageDeployments(s.Deployments[0], s.file, dir, pkgPath); ok {
		cp := *s
		cp.Deployments, cp.Notes = deps, notes
		ps = &cp
	} else if undeployed {
		cp := *s
		cp.Undeployed, cp.Notes = true, notes
		ps = &cp
	} else if note, ok := r.undeployed(s.file, dir, pkgPath); ok {
		cp := *s
		cp.Undeployed, cp.Notes = true, []string{note}
		ps = &cp
	}
	r.cache.Store(pkey, cached{ps, nil})
	return ps, nil
}

func (r *Resolver) resolve(configPath string) (*Settings, error) {
	opts := &r.opts
	var file *config.File
	if configPath != "" {
		var err error
		if file, err = config.Load(configPath, opts.KnownChecks); err != nil {
			return nil, err
		}
	}
	s := &Settings{
		ConfigPath: configPath, Disabled: map[string]bool{},
		KnownChecks:        opts.KnownChecks,
		UnusedSuppressions: opts.UnusedSuppressions, KeepSuppressed: opts.KeepSuppressed,
		only: opts.Only, enable: opts.Enable, everywhere: opts.AnyDeployment,
	}
	if configPath != "" {
		// The patterns are relative to the config file's real directory.
		if abs, err := filepath.Abs(configPath); err == nil {
			s.ConfigPath = abs
		}
	}
	d, err := resolveDeployment(file, opts)
	if err != nil {
		return nil, err
	}
	s.Deployments = []Deployment{d}
	s.file = file
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

func resolveDeployment(file *config.File, opts *Options) (Deployment, error) {
	t, from, err := resolveTarget(file, opts)
	if err != nil {
		return Deployment{}, err
	}
	d := Deployment{Name: t.Name, Origin: from, Target: t, Build: resolveBuild(file, opts)}
	if file != nil && file.Target != "" && strings.HasPrefix(from, file.Path+":") {
		d.OriginPos = token.Position{Filename: file.Path, Line: file.TargetLine, Column: 1}
	}
	return d, nil
}

func resolveTarget(file *config.File, opts *Options) (target.Target, string, error) {
	spec, from := target.Default, "default"
	switch {
	case opts.Target != "":
		spec, from = opts.Target, opts.from("target")
	case opts.getenv(EnvTarget) != "":
		spec, from = opts.getenv(EnvTarget), "$"+EnvTarget
	case file != nil && file.Target != "":
		spec, from = file.Target, fmt.Sprintf("%s:%d", file.Path, file.TargetLine)
	}
	t, err := target.Parse(spec)
	if err != nil {
		return target.Target{}, "", fmt.Errorf("%s: %w", from, err)
	}
	// Config overrides refine the config's or the default preset; an
	// explicit -target or $SCRATCHVET_TARGET spec stands as written.
	if file != nil && len(file.Overrides) > 0 && (from == "default" || file.Target != "" && spec == file.Target) {
		if t, err = t.WithOverrides(file.Overrides); err != nil {
			return target.Target{}, "", fmt.Errorf("%s: %w", file.Path, err)
		}
		from += " with [target-overrides]"
	}
	return t, from, nil
}

func resolveBuild(file *config.File, opts *Options) Build {
	goflags := splitGOFLAGS(opts.getenv("GOFLAGS"))
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
	b := Build{Libc: target.Glibc, Ldflags: ldflags, Buildmode: buildmode}
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
	if strings.Contains(filepath.Base(opts.getenv("CC")), "musl") {
		b.Libc = target.Musl
	}
	if file != nil {
		if file.Build.Libc != "" {
			b.Libc = target.Libc(file.Build.Libc)
		}
		b.Tags = file.Build.Tags
		b.CgoEnabled = file.Build.Cgo
	}
	return b
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

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// The settings analyzer.

// AnalyzerName is the name of every settings analyzer.
const AnalyzerName = "scratchvetsettings"

var resultType = reflect.TypeOf((*Settings)(nil))

// NewAnalyzer returns an analyzer whose result is the Settings of the
// package under analysis, resolved by r. scratchvet's driver supplies the
// result itself (driver.Package.Settings), resolved once per package by
// the front end; other go/analysis drivers run it.
func NewAnalyzer(r *Resolver) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       AnalyzerName,
		Doc:        "resolve the deployments and settings of each package (internal to scratchvet)",
		ResultType: resultType,
		Run: func(pass *analysis.Pass) (any, error) {
			s, err := r.ForPackage(packageDir(pass), pass.Pkg.Path())
			if err != nil {
				return nil, err
			}
			return s.LoadedWith(GoCommandCgo(r.opts.Getenv)), nil
		},
	}
}

// NewFlagAnalyzer returns a settings analyzer whose Options are its flags
// (-target, -config, -ldflags, -buildmode, -unused-suppressions), for a
// go/analysis driver that owns the command line (a multichecker, the
// analysistest of a plain analyzer). knownChecks is the registry's list,
// anyDeployment its checks that judge the code alone
// (Options.AnyDeployment).
func NewFlagAnalyzer(knownChecks, anyDeployment []string) *analysis.Analyzer {
	opts := &Options{KnownChecks: knownChecks, AnyDeployment: anyDeployment}
	var (
		once sync.Once
		r    *Resolver
		err  error
	)
	a := &analysis.Analyzer{
		Name:       AnalyzerName,
		Doc:        "resolve the deployments and settings of each package from the flags (internal to scratchvet)",
		ResultType: resultType,
	}
	RegisterFlags(&a.Flags, opts)
	a.Run = func(pass *analysis.Pass) (any, error) {
		// The flags are parsed before the first package is analysed.
		once.Do(func() { r, err = NewResolver(*opts) })
		if err != nil {
			return nil, err
		}
		s, err := r.ForPackage(packageDir(pass), pass.Pkg.Path())
		if err != nil {
			return nil, err
		}
		return s.LoadedWith(GoCommandCgo(r.opts.Getenv)), nil
	}
	return a
}

// IsAnalyzer reports whether a is a settings analyzer (NewAnalyzer,
// NewFlagAnalyzer): a driver that supplies Settings supplies them as its
// result.
func IsAnalyzer(a *analysis.Analyzer) bool { return a.ResultType == resultType }

// Of returns the settings among the results of pass's prerequisites, or
// nil when the analyzer does not require a settings analyzer.
func Of(pass *analysis.Pass) *Settings {
	for _, req := range pass.Analyzer.Requires {
		if IsAnalyzer(req) {
			s, _ := pass.ResultOf[req].(*Settings)
			return s
		}
	}
	return nil
}

// packageDir is the directory of the package's first file, where the
// config file is looked up.
func packageDir(pass *analysis.Pass) string {
	if len(pass.Files) == 0 {
		return "."
	}
	return filepath.Dir(pass.Fset.Position(pass.Files[0].Package).Filename)
}
