package cli

import (
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/deploy"
	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/internal/settings"
)

// finding is a diagnostic with what output needs: its file set and the
// target it was judged against.
type finding struct {
	driver.Finding
	fset     *token.FileSet
	target   string
	severity string // "error", "warning" or "info" ([severity] in the config)
}

// fails reports whether the finding makes the exit status 1: findings of
// severity "info" are shown but do not fail the run.
func (f finding) fails() bool {
	if _, _, suppressed := report.Suppressed(f.Diagnostic); suppressed {
		return false
	}
	return f.severity != "info"
}

func check(args []string, stdout, stderr io.Writer) int {
	opts, patterns, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return ExitClean
	}
	if err != nil {
		fmt.Fprintf(stderr, "scratchvet: %v\n", err)
		return ExitError
	}
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	cwd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "scratchvet: %v\n", err)
		return ExitError
	}
	// SARIF records suppressed findings (as suppressions) instead of
	// dropping them; they do not count for the exit status.
	opts.settings.KeepSuppressed = keepsSuppressed(opts.outputs)
	opts.settings.Only = splitChecks(opts.checks)
	// failed reports an error that stops the run before any package is
	// checked (an invalid config, the go command failing) in the outputs
	// that carry errors too (JSON's errors, SARIF's notifications), one
	// error a line: an empty JSON or SARIF file breaks the CI step reading it.
	failed := func(err error) int {
		texts := []string{err.Error()}
		if joined, ok := err.(interface{ Unwrap() []error }); ok { // errors.Join: one entry each
			texts = texts[:0]
			for _, e := range joined.Unwrap() {
				texts = append(texts, e.Error())
			}
		}
		errs := errorLines(texts)
		if werr := writeOutputs(opts.outputs, stdout, results{cwd: cwd, target: opts.settings.Target, errs: errs}); werr != nil {
			fmt.Fprintf(stderr, "scratchvet: %v\n", werr)
		}
		if errorsToStderr(opts.outputs) {
			for _, e := range errs {
				fmt.Fprintf(stderr, "scratchvet: %s\n", relativeTo(cwd, e))
			}
		}
		return ExitError
	}
	resolver, err := suite.Resolver(opts.settings)
	if err != nil {
		return failed(checksFlagError(err))
	}
	// The settings where scratchvet runs decide how packages load; each
	// package is then judged against its own settings.
	s, err := resolver.ForDir(cwd)
	if err != nil {
		return failed(err)
	}
	var extraTags []string
	if opts.tags != "" {
		extraTags = strings.Split(opts.tags, ",")
	}
	run := &checkRun{resolver: resolver, analyzers: suite.New(resolver), cwd: cwd, env: os.Environ(), extraTags: extraTags,
		recordSources: opts.fix || opts.diff}
	if err := run.run(patterns, s); err != nil {
		return failed(err)
	}
	findings, errs := run.findings, run.errs
	for _, p := range dedupe(run.unloaded) {
		errs = append(errs, fmt.Sprintf("%s: main package not loaded; none of its deployments was judged", p))
	}
	// A deployment file scratchvet could not read is said at its line:
	// the deployments it declares were not judged.
	if res, _ := resolver.Discovered(cwd); res != nil {
		for _, p := range res.Problems {
			where := filepath.Join(res.Root, filepath.FromSlash(p.Pos.File))
			if r, err := filepath.Rel(cwd, where); err == nil {
				where = r
			}
			where = (deploy.Pos{File: filepath.ToSlash(where), Line: p.Pos.Line}).String()
			run.notes = append(run.notes, fmt.Sprintf("%s: %s (skipped; the other deployment declarations still count)", where, p.Msg))
		}
	}
	if errorsToStderr(opts.outputs) {
		for _, n := range dedupe(run.notes) {
			fmt.Fprintf(stderr, "scratchvet: note: %s\n", n)
		}
	}
	errs = dedupe(errs)
	sort.SliceStable(findings, func(i, j int) bool {
		pi, pj := findings[i].position(), findings[j].position()
		if pi.Filename != pj.Filename {
			return pi.Filename < pj.Filename
		}
		if pi.Line != pj.Line {
			return pi.Line < pj.Line
		}
		return pi.Column < pj.Column
	})

	remaining := findings
	if opts.fix || opts.diff {
		var fixErrs []string
		remaining, fixErrs = applyFixes(findings, run.analysed, opts.diff, stdout, stderr)
		errs = append(errs, fixErrs...)
		writeText(stderr, cwd, remaining)
	} else if err := writeOutputs(opts.outputs, stdout, results{cwd: cwd, target: run.targetNames(s), findings: findings, errs: errs}); err != nil {
		fmt.Fprintf(stderr, "scratchvet: %v\n", err)
		return ExitError
	}
	if errorsToStderr(opts.outputs) {
		for _, e := range errs {
			fmt.Fprintf(stderr, "scratchvet: %s\n", relativeTo(cwd, e))
		}
	}
	if len(errs) > 0 {
		return ExitError
	}
	for _, f := range remaining {
		if f.fails() {
			return ExitFindings
		}
	}
	return ExitClean
}

func (f finding) position() token.Position { return f.fset.Position(f.Pos) }

// writeText prints each finding on a line, as go vet does, and its related
// information on indented lines below it, as staticcheck does.
func writeText(w io.Writer, cwd string, findings []finding) {
	for _, f := range findings {
		p := f.position()
		fmt.Fprintf(w, "%s:%d:%d: %s (%s)\n", relativeTo(cwd, p.Filename), p.Line, p.Column, f.Message, f.Check)
		for _, r := range f.related() {
			if !r.Pos.IsValid() {
				fmt.Fprintf(w, "\t%s\n", r.Message)
				continue
			}
			rp := f.fset.Position(r.Pos)
			fmt.Fprintf(w, "\t%s:%d:%d: %s\n", relativeTo(cwd, rp.Filename), rp.Line, rp.Column, r.Message)
		}
	}
}

// related is the finding's related information, without the directive
// that suppressed it (which SARIF records as a suppression).
func (f finding) related() []analysis.RelatedInformation {
	if _, _, suppressed := report.Suppressed(f.Diagnostic); suppressed {
		return f.Related[1:]
	}
	return f.Related
}

// relativeTo shortens absolute paths under cwd, as go vet prints them.
func relativeTo(cwd, s string) string {
	if rel, ok := strings.CutPrefix(s, cwd+string(filepath.Separator)); ok {
		return "./" + rel
	}
	return s
}

// errorLines splits the go command's errors into one error a line. A
// compiler's block ("# pkg\nfile:line: msg\n...") gives a line naming the
// package that does not build (the C compiler's messages of a cgo package
// name files relative to that package's directory), then one line per
// message; any other error is one line, its continuation lines joined
// with "; " ("...: 403 Forbidden; server response: ...").
func errorLines(errs []string) []string {
	var out []string
	for _, e := range errs {
		if !strings.HasPrefix(e, "# ") {
			var parts []string
			for _, line := range strings.Split(e, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					parts = append(parts, line)
				}
			}
			if len(parts) > 0 {
				out = append(out, strings.Join(parts, "; "))
			}
			continue
		}
		for _, line := range strings.Split(e, "\n") {
			line = strings.TrimRight(line, " \t\r") // the C compiler's excerpts keep their indentation
			switch {
			case strings.TrimSpace(line) == "":
			case strings.HasPrefix(line, "# "):
				out = append(out, strings.TrimPrefix(line, "# ")+": does not build:")
			default:
				out = append(out, line)
			}
		}
	}
	return out
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// checksFlagError names the -checks flag in an error about its list.
func checksFlagError(err error) error {
	var unknown *settings.UnknownCheckError
	if errors.As(err, &unknown) {
		return fmt.Errorf("-checks: unknown check %q (run 'scratchvet checks')", unknown.Name)
	}
	return err
}
