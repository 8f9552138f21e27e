package report

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/settings"
	"github.com/scratchvet/scratchvet/internal/textpos"
)

// Suppression directives (docs/suppressions.md) are applied here, around
// each check's pass.Report, rather than in a front end: every driver (go
// vet, the standalone checker, the language server, analysistest,
// golangci-lint) runs the checks' Run functions, so every driver honours
// the same directives with the same rules.

// SuppressedCategory is the Category of a finding that a directive
// suppressed, reported only under Settings.KeepSuppressed. Its first
// Related entry is the directive: its position and, as the message, its
// reason.
const SuppressedCategory = "scratchvet-suppressed"

// Suppressed returns the directive that suppressed a finding reported
// under Settings.KeepSuppressed: its position and its reason. The
// position is NoPos when the config file's [exclude] dropped the finding.
func Suppressed(d analysis.Diagnostic) (pos token.Pos, reason string, ok bool) {
	if d.Category != SuppressedCategory || len(d.Related) == 0 {
		return token.NoPos, "", false
	}
	return d.Related[0].Pos, d.Related[0].Message, true
}

// Suppress runs a check's run with pass.Report filtered by the directives
// in the package's files and the config file's [exclude], and with the
// suggested fixes of its findings checked (fixSources, in edit.go). It also reports
// the directives that name the check and are malformed (always) or
// suppress nothing (Settings.UnusedSuppressions).
func Suppress(pass *analysis.Pass, s *settings.Settings, run func(*analysis.Pass) error) error {
	dirs := parseDirectives(pass, s)
	sources := &fixSources{pass: pass}
	report := func(diag analysis.Diagnostic) { pass.Report(sources.checkFixes(diag)) }
	if len(dirs) == 0 && len(s.Exclude) == 0 {
		wrapped := *pass
		wrapped.Report = report
		return run(&wrapped)
	}
	check := pass.Analyzer.Name
	for _, d := range dirs {
		if d.problem != "" && d.ownedBy(check) {
			report(analysis.Diagnostic{Pos: d.pos, Message: d.problem})
		}
	}
	wrapped := *pass
	wrapped.Report = func(diag analysis.Diagnostic) {
		if pattern := excluded(pass, s, check, diag.Pos); pattern != "" {
			if s.KeepSuppressed {
				// Not in source: a Related entry without a position.
				reason := fmt.Sprintf("excluded by %q in [exclude] of %s", pattern, filepath.Base(s.ConfigPath))
				diag.Category = SuppressedCategory
				diag.Related = append([]analysis.RelatedInformation{{Message: reason}}, diag.Related...)
				report(diag)
			}
			return
		}
		d := match(pass.Fset, dirs, check, diag.Pos)
		if d == nil {
			report(diag)
			return
		}
		d.used = true
		if s.KeepSuppressed {
			diag.Category = SuppressedCategory
			diag.Related = append([]analysis.RelatedInformation{{Pos: d.pos, Message: d.reason}}, diag.Related...)
			report(diag)
		}
	}
	err := run(&wrapped)
	if err == nil {
		recordAll(pass.Pkg, s, check, dirs)
	}
	if err == nil && s.UnusedSuppressions {
		for _, d := range dirs {
			if d.problem == "" && !d.used && d.names(check) {
				report(analysis.Diagnostic{Pos: d.pos,
					Message: fmt.Sprintf("%s suppresses no %s finding; remove it", d.text, check)})
			}
		}
	}
	return err
}

// excluded returns the config file's [exclude] pattern that drops a
// finding of check at pos, or "".
func excluded(pass *analysis.Pass, s *settings.Settings, check string, pos token.Pos) string {
	if s == nil || len(s.Exclude) == 0 || !pos.IsValid() {
		return ""
	}
	return s.Excluded(check, textpos.Position(pass.Fset, pos).Filename)
}

// directive is one suppression comment.
type directive struct {
	pos       token.Pos
	text      string // the comment up to its check names, for messages
	file      string // the file and line in its text: //line directives do not move a directive
	line      int
	fileLevel bool
	ownLine   bool     // alone on its line: it may cover the line below
	all       bool     // //nolint:scratchvet
	checks    []string // the names it gives (nolint: only scratchvet's)
	reason    string
	problem   string // why it is ignored ("" when valid)
	owners    []string
	used      bool
}

// ownedBy reports whether check reports the directive's problem: the
// checks it names, or the one nearest to a misspelt name, so that exactly
// one check of the suite reports each malformed directive.
func (d *directive) ownedBy(check string) bool {
	for _, o := range d.owners {
		if o == check {
			return true
		}
	}
	return false
}

// names reports whether the directive names check itself. A check never
// reports a directive for all of scratchvet unused: it cannot know whether
// another check used it (UnusedAll, in unusedall.go, can).
func (d *directive) names(check string) bool {
	if d.all {
		return false
	}
	for _, c := range d.checks {
		if c == check {
			return true
		}
	}
	return false
}

func (d *directive) covers(check string) bool {
	return d.all || d.names(check)
}

// match returns the directive that suppresses a finding of check at pos:
// one on the finding's line or the line above, or one for the whole file.
func match(fset *token.FileSet, dirs []*directive, check string, pos token.Pos) *directive {
	if !pos.IsValid() {
		return nil
	}
	p := textpos.Position(fset, pos)
	var above, file *directive
	for _, d := range dirs {
		if d.problem != "" || d.file != p.Filename || !d.covers(check) {
			continue
		}
		switch {
		case d.fileLevel:
			file = d
		case d.line == p.Line:
			return d // the most specific: it is the one used
		case d.line == p.Line-1 && d.ownLine:
			above = d
		}
	}
	if above != nil {
		return above
	}
	return file
}

var (
	scratchvetDirective = regexp.MustCompile(`^//scratchvet:(\S*)(.*)$`)
	// nolintDirective is golangci-lint's syntax: //nolint:a,b, then
	// optionally a space and anything (conventionally "// why").
	nolintDirective = regexp.MustCompile(`^//nolint:([\w-]+(?:,[\w-]+)*)(?:\s|$)`)
)

func parseDirectives(pass *analysis.Pass, s *settings.Settings) []*directive {
	var dirs []*directive
	for _, f := range pass.Files {
		var src []byte
		for _, g := range f.Comments {
			for _, c := range g.List {
				if !strings.HasPrefix(c.Text, "//scratchvet:") && !strings.HasPrefix(c.Text, "//nolint:") {
					continue
				}
				d := parseDirective(pass.Fset, s, f, c)
				if d == nil {
					continue
				}
				if src == nil {
					src = readSource(pass, f)
				}
				d.ownLine = aloneOnLine(pass.Fset, src, c.Slash)
				dirs = append(dirs, d)
			}
		}
	}
	return dirs
}

// readSource returns the text of f as the parser saw it, or an empty
// slice when it cannot be read.
func readSource(pass *analysis.Pass, f *ast.File) []byte {
	name := pass.Fset.PositionFor(f.Pos(), false).Filename
	read := pass.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	if src, err := read(name); err == nil {
		return src
	}
	return []byte{}
}

// aloneOnLine reports whether only blanks precede pos on its line, so
// that "foo() //nolint:x" does not also cover the statement below it. When
// the source is unknown it says yes: a directive then covers both lines.
func aloneOnLine(fset *token.FileSet, src []byte, pos token.Pos) bool {
	tf := fset.File(pos)
	start, off := tf.Offset(textpos.LineStart(tf, pos)), tf.Offset(pos)
	if off > len(src) || tf.Size() != len(src) {
		return true
	}
	return len(bytes.TrimSpace(src[start:off])) == 0
}

func parseDirective(fset *token.FileSet, s *settings.Settings, f *ast.File, c *ast.Comment) *directive {
	p := textpos.Position(fset, c.Slash)
	d := &directive{pos: c.Slash, file: p.Filename, line: p.Line}
	if m := nolintDirective.FindStringSubmatch(c.Text); m != nil {
		d.text = "//nolint:" + m[1]
		for _, name := range strings.Split(m[1], ",") {
			switch {
			case name == "scratchvet":
				d.all = true
			case s.IsCheck(name):
				d.checks = append(d.checks, name)
			}
			// Other names belong to other linters.
		}
		if !d.all && len(d.checks) == 0 {
			return nil
		}
		// golangci-lint: a nolint on the package clause's line covers the file.
		d.fileLevel = textpos.Position(fset, f.Package).Line == p.Line
		// The reason is optional here, as for golangci-lint; by
		// convention it follows as "// why".
		why := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c.Text[len(m[0]):]), "//"))
		d.reason = cmp.Or(why, d.text)
		return d
	}
	m := scratchvetDirective.FindStringSubmatch(c.Text)
	if m == nil {
		return nil
	}
	verb, rest := m[1], strings.TrimSpace(m[2])
	d.text = "//scratchvet:" + verb
	names, reason, _ := strings.Cut(rest, " ")
	if names != "" {
		d.text += " " + names
		d.checks = strings.Split(names, ",")
	}
	d.reason = strings.TrimSpace(reason)
	var problems, unknown []string
	switch verb {
	case "ignore":
	case "file-ignore":
		d.fileLevel = true
		if c.Slash > f.Package {
			problems = append(problems, "must come before the package clause")
		}
	default:
		problems = append(problems, "is not a directive (use //scratchvet:ignore or //scratchvet:file-ignore)")
	}
	for _, name := range d.checks {
		if s.IsCheck(name) {
			d.owners = append(d.owners, name)
		} else {
			unknown = append(unknown, name)
		}
	}
	for _, name := range unknown {
		near := nearestCheck(s.KnownChecks, name)
		msg := fmt.Sprintf("names unknown check %q", name)
		if near != "" && editDistance(name, near) <= max(2, len(name)/3) {
			msg += fmt.Sprintf(" (did you mean %s?)", near)
		}
		problems = append(problems, msg)
		if len(d.owners) == 0 {
			d.owners = reporter(s, near)
		}
	}
	switch {
	case len(d.checks) == 0:
		problems = append(problems, "needs the checks to ignore and a reason: "+d.text+" CHECK[,CHECK] reason")
		d.owners = reporter(s, "")
	case d.reason == "":
		problems = append(problems, "needs a reason after the check names (why the finding does not apply here)")
	}
	if len(problems) > 0 {
		d.problem = d.text + " " + strings.Join(problems, "; ") + "; it suppresses nothing"
	}
	return d
}

// reporter is the check that reports a directive naming no check of the
// suite: the nearest to a misspelt name if it runs, else the first check
// that runs, so that turning a check off never hides the problem.
func reporter(s *settings.Settings, near string) []string {
	if near != "" && s.Enabled(near) {
		return []string{near}
	}
	for _, c := range s.KnownChecks {
		if s.Enabled(c) {
			return []string{c}
		}
	}
	return nil
}

// nearestCheck returns the check whose name is the fewest edits from name
// (the first in suite order on a tie).
func nearestCheck(known []string, name string) string {
	best, bestDist := "", -1
	for _, c := range known {
		if d := editDistance(name, c); bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
