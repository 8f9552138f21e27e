package cli

import (
	"fmt"
	"go/token"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/fixes"
	"github.com/scratchvet/scratchvet/internal/load"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/internal/settings"
)

// A loadKey is what decides which files the go command compiles:
// CGO_ENABLED and the build tags. Deployments of one key are judged on
// one load.
type loadKey struct {
	cgo  string // "0", "1", or "" for the environment's
	tags string // sorted, comma-separated
}

func keyOf(b settings.Build) loadKey {
	k := loadKey{}
	if b.CgoEnabled != nil {
		k.cgo = map[bool]string{true: "1", false: "0"}[*b.CgoEnabled]
	}
	tags := append([]string(nil), b.Tags...)
	sort.Strings(tags)
	k.tags = strings.Join(tags, ",")
	return k
}

// config is the load configuration for the key, with the -tags flag's
// extra tags.
func (k loadKey) config(cwd string, env []string, extraTags []string, patterns []string, shared *load.Shared) load.Config {
	env = append([]string(nil), env...)
	if k.cgo != "" {
		env = append(env, "CGO_ENABLED="+k.cgo)
	}
	var tags []string
	if k.tags != "" {
		tags = strings.Split(k.tags, ",")
	}
	return load.Config{Dir: cwd, Env: env, Tags: append(tags, extraTags...), Patterns: patterns, Shared: shared}
}

// shareLoads says whether the loads of a run share the packages that are
// the same in several build configurations (load.Shared). Only a build
// for comparisons sets it otherwise:
//
//	go build -ldflags=-X=github.com/scratchvet/scratchvet/internal/cli.shareLoads=false ./cmd/scratchvet
var shareLoads = "true"

// checkRun judges the packages of one command line, each main package
// against each of its deployments: the deployments are grouped by load
// configuration, the packages loaded once per configuration, and a finding
// true on deployments of several loads reported once naming them all.
type checkRun struct {
	resolver  *settings.Resolver
	analyzers []*analysis.Analyzer
	cwd       string
	env       []string
	extraTags []string

	// noShare makes every load of the run start afresh (tests compare).
	noShare bool
	// defaultCgo is the go command's CGO_ENABLED ("0" or "1") when
	// deployments that leave it to the go command are judged next to
	// deployments that set it: equal configurations are one load.
	defaultCgo string
	shared     *load.Shared // what the loads shared, if they did

	perMain  map[string]bool // main packages with deployments of their own
	names    nameTable
	findings []finding
	errs     []string
	notes    []string
	unloaded []string // main packages that could not be loaded

	// recordSources (-fix, -diff): analysed records what each file held
	// when it was analysed.
	recordSources bool
	analysed      map[string]fixes.Sum
}

// run loads and judges patterns.
func (r *checkRun) run(patterns []string, base *settings.Settings) error {
	r.perMain = map[string]bool{}
	var builds []settings.Build
	if res, _ := r.resolver.Discovered(r.cwd); res != nil {
		for _, m := range res.Mains {
			ps, err := r.resolver.ForPackage(filepath.Join(res.Root, filepath.FromSlash(m.Dir)), m.ImportPath)
			if err != nil || len(ps.Deployments) == 0 || ps == base || ps.Undeployed {
				continue
			}
			r.perMain[m.ImportPath] = true
			for _, d := range ps.Deployments {
				builds = append(builds, d.Build)
			}
		}
	}
	r.resolveDefaultCgo(append(builds, base.Deployments[0].Build))
	counts := map[loadKey]int{}
	for _, b := range builds {
		counts[r.keyOf(b)]++
	}
	// The first load uses the configuration most deployments share; the
	// packages without deployments of their own are judged on it.
	primary := r.keyOf(base.Deployments[0].Build)
	best := -1
	for _, k := range sortedKeys(counts) {
		if counts[k] > best {
			primary, best = k, counts[k]
		}
	}
	var shared *load.Shared
	if !r.noShare && shareLoads == "true" && len(counts) > 1 {
		shared = load.NewShared()
		r.shared = shared
	}
	pending := map[loadKey][]string{}
	prog, err := load.Load(primary.config(r.cwd, r.env, r.extraTags, patterns, shared))
	if err != nil {
		return err
	}
	r.judge(prog, primary, true, pending)
	for _, k := range sortedKeys(pending) {
		prog, err := load.Load(k.config(r.cwd, r.env, r.extraTags, pending[k], shared))
		if err != nil {
			r.errs = append(r.errs, err.Error())
			continue
		}
		r.judge(prog, k, false, nil)
	}
	r.findings = r.names.merge(r.findings)
	return nil
}

// judge runs the checks on a load's packages: in the first load every
// package (a main package only on its deployments of that load, the others
// queued in pending); in later ones only the main packages' deployments
// of their key.
func (r *checkRun) judge(prog *load.Program, key loadKey, first bool, pending map[loadKey][]string) {
	prog.Each(func(root *load.Root) {
		if root.Package == nil {
			r.errs = append(r.errs, errorLines(root.Errors)...)
			if root.Name == "main" || r.perMain[root.PkgPath] {
				r.unloaded = append(r.unloaded, root.PkgPath)
			}
			return
		}
		ps, err := r.resolver.ForPackage(root.Dir, root.PkgPath)
		if err != nil {
			r.errs = append(r.errs, fmt.Sprintf("%s: %v", root.PkgPath, err))
			return
		}
		r.notes = append(r.notes, ps.Notes...)
		if r.perMain[root.PkgPath] {
			var here []settings.Deployment
			for _, d := range ps.Deployments {
				switch k := r.keyOf(d.Build); {
				case k == key:
					here = append(here, d)
				case first && !contains(pending[k], root.PkgPath):
					pending[k] = append(pending[k], root.PkgPath)
				}
			}
			if len(here) == 0 {
				return
			}
			cp := *ps
			cp.Deployments = here
			ps = &cp
		} else if !first {
			return
		}
		ps = r.names.tokenized(ps)
		root.Package.Closures = prog.Closures
		root.Package.Settings = ps
		res := driver.Run(root.Package, suite.Enabled(r.analyzers, ps))
		if res.Closure != nil {
			prog.Closures[root.PkgPath] = res.Closure // the typed summary, for the packages importing it
		}
		for _, err := range res.Errors {
			r.errs = append(r.errs, fmt.Sprintf("%s: %v", root.PkgPath, err))
		}
		if r.recordSources {
			if r.analysed == nil {
				r.analysed = map[string]fixes.Sum{}
			}
			for name, src := range root.Package.Sources {
				r.analysed[name] = fixes.SumOf(src)
			}
		}
		for _, f := range res.Findings {
			r.findings = append(r.findings, finding{Finding: f, fset: root.Package.Fset,
				target: ps.DeploymentNames(), severity: ps.SeverityOf(f.Check)})
		}
	})
}

// keyOf is the load configuration of b in this run.
func (r *checkRun) keyOf(b settings.Build) loadKey {
	k := keyOf(b)
	if k.cgo == "" && r.defaultCgo != "" {
		k.cgo = r.defaultCgo
	}
	return k
}

// resolveDefaultCgo asks the go command for its CGO_ENABLED when some of
// builds leave it to the go command and others set it: a deployment built
// with the go command's default and one built with that same value
// explicitly are one load configuration, not two.
func (r *checkRun) resolveDefaultCgo(builds []settings.Build) {
	unset, set := false, false
	for _, b := range builds {
		if b.CgoEnabled == nil {
			unset = true
		} else {
			set = true
		}
	}
	if !unset || !set {
		return
	}
	cmd := exec.Command("go", "env", "CGO_ENABLED")
	cmd.Dir, cmd.Env = r.cwd, r.env
	out, err := cmd.Output()
	if v := strings.TrimSpace(string(out)); err == nil && (v == "0" || v == "1") {
		r.defaultCgo = v
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[loadKey]V) []loadKey {
	keys := make([]loadKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].cgo != keys[j].cgo {
			return keys[i].cgo < keys[j].cgo
		}
		return keys[i].tags < keys[j].tags
	})
	return keys
}

// nameTable stands tokens for deployment names while packages are judged,
// so that a finding reported on several loads can be recognised and
// reported once, naming every deployment it holds on.
type nameTable struct {
	names []string
	index map[string]int
}

var tokenRE = regexp.MustCompile("\x01([0-9]+)\x01")

func (t *nameTable) token(name string) string {
	if t.index == nil {
		t.index = map[string]int{}
	}
	i, ok := t.index[name]
	if !ok {
		i = len(t.names)
		t.names = append(t.names, name)
		t.index[name] = i
	}
	return "\x01" + strconv.Itoa(i) + "\x01"
}

// tokenized returns s with its deployments named by tokens.
func (t *nameTable) tokenized(s *settings.Settings) *settings.Settings {
	cp := *s
	cp.Deployments = append([]settings.Deployment(nil), s.Deployments...)
	for i := range cp.Deployments {
		cp.Deployments[i].Name = t.token(s.Deployments[i].Name)
	}
	return &cp
}

// merge reports once the findings that differ only in the deployments
// they name, and puts the names back.
func (t *nameTable) merge(findings []finding) []finding {
	type group struct {
		at    int // index in out
		names []int
	}
	groups := map[string]*group{}
	var out []finding
	for _, f := range findings {
		ids := tokenIDs(f.Message)
		// By position in the file, not token.Pos: each load has positions
		// of its own.
		key := f.Check + "\x00" + f.fset.Position(f.Pos).String() + "\x00" + stripTokens(f.Message)
		if g, ok := groups[key]; ok && len(ids) > 0 {
			for _, id := range ids {
				if !containsInt(g.names, id) {
					g.names = append(g.names, id)
				}
			}
			out[g.at].Related = addDeploymentsRelated(out[g.at], f)
			continue
		}
		groups[key] = &group{at: len(out), names: ids}
		out = append(out, f)
	}
	for _, g := range groups {
		f := &out[g.at]
		var display []string
		for _, id := range g.names {
			display = append(display, report.TargetName(t.names[id]))
		}
		if len(g.names) > 0 {
			f.Message = replaceTokenSpan(f.Message, settings.JoinNames(display))
		}
		var plain []string
		for _, id := range g.names {
			plain = append(plain, t.names[id])
		}
		if len(g.names) > 0 {
			f.target = replaceTokenSpan(f.target, settings.JoinNames(plain))
		}
	}
	for i := range out {
		out[i].Message = t.untokenize(out[i].Message)
		out[i].target = t.untokenize(out[i].target)
		if len(out[i].Related) > 0 {
			// Related information names a deployment where a file
			// declares it ("deployment alpine" at Dockerfile:1).
			related := slices.Clone(out[i].Related)
			for j := range related {
				related[j].Message = t.untokenize(related[j].Message)
			}
			out[i].Related = related
		}
	}
	return out
}

// addDeploymentsRelated returns the related information of into with the
// deployment declarations of dup (the same finding, from another load)
// that it lacks, their positions moved to into's file set.
func addDeploymentsRelated(into, dup finding) []analysis.RelatedInformation {
	related := into.Related
	cloned := false
	for _, rel := range dup.Related {
		if !strings.HasPrefix(rel.Message, report.DeploymentPrefix) || !tokenRE.MatchString(rel.Message) {
			continue
		}
		pos := translatePos(dup.fset, into.fset, rel.Pos)
		if rel.Pos.IsValid() && !pos.IsValid() {
			continue
		}
		if slices.ContainsFunc(related, func(r analysis.RelatedInformation) bool {
			return r.Message == rel.Message && into.fset.Position(r.Pos) == into.fset.Position(pos)
		}) {
			continue
		}
		if !cloned {
			related, cloned = slices.Clone(related), true
		}
		related = append(related, analysis.RelatedInformation{Pos: pos, Message: rel.Message})
	}
	return related
}

// translatePos returns pos, a position of file set from, in file set to:
// in the file of to with the same name and size, added to to with from's
// line table when to has none.
func translatePos(from, to *token.FileSet, pos token.Pos) token.Pos {
	if from == to || !pos.IsValid() {
		return pos
	}
	src := from.File(pos)
	if src == nil {
		return token.NoPos
	}
	var dst *token.File
	to.Iterate(func(f *token.File) bool {
		if f.Name() == src.Name() && f.Size() == src.Size() {
			dst = f
			return false
		}
		return true
	})
	if dst == nil {
		dst = to.AddFile(src.Name(), -1, src.Size())
		dst.SetLines(src.Lines())
	}
	return dst.Pos(src.Offset(pos))
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// tokenIDs lists the deployment tokens in s, in order.
func tokenIDs(s string) []int {
	var ids []int
	for _, m := range tokenRE.FindAllStringSubmatch(s, -1) {
		id, _ := strconv.Atoi(m[1])
		if !containsInt(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// tokenSpan finds the names a finding was rendered with: from the first
// token to the last, quotes included (report.TargetName).
var tokenSpanRE = regexp.MustCompile("\"?\x01[0-9]+\x01\"?(?:(?:, | and )\"?\x01[0-9]+\x01\"?)*")

func stripTokens(s string) string { return tokenSpanRE.ReplaceAllString(s, "\x02") }

func replaceTokenSpan(s, names string) string {
	done := false
	return tokenSpanRE.ReplaceAllStringFunc(s, func(string) string {
		if done {
			return ""
		}
		done = true
		return names
	})
}

func (t *nameTable) untokenize(s string) string {
	return tokenRE.ReplaceAllStringFunc(s, func(m string) string {
		id, _ := strconv.Atoi(tokenRE.FindStringSubmatch(m)[1])
		if id < len(t.names) {
			return t.names[id]
		}
		return m
	})
}

// targetNames names what the run judged, for outputs that name one
// target: the deployments of every package judged when main packages had
// their own, else the run's target.
func (r *checkRun) targetNames(base *settings.Settings) string {
	if len(r.perMain) == 0 || len(r.names.names) == 0 {
		return base.DeploymentNames()
	}
	return settings.JoinNames(r.names.names)
}
