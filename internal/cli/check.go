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

	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/load"
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
	s, err := settings.ForDir(cwd)
	if err != nil {
		fmt.Fprintf(stderr, "scratchvet: %v\n", err)
		return ExitError
	}
	analyzers, err := selectChecks(opts.checks, s.Disabled)
	if err != nil {
		fmt.Fprintf(stderr, "scratchvet: %v\n", err)
		return ExitError
	}
	env := os.Environ()
	if s.Build.CgoEnable != nil {
		env = append(env, "CGO_ENABLED="+map[bool]string{true: "1", false: "0"}[*s.Build.CgoEnable])
	}
	tags := append([]string(nil), s.Build.Tags...)
	if opts.tags != "" {
		tags = append(tags, strings.Split(opts.tags, ",")...)
	}
	// SARIF records suppressed findings (as suppressions) instead of
	// dropping them; they do not count for the exit status.
	report.KeepSuppressed(keepsSuppressed(opts.outputs))
	prog, err := load.Load(load.Config{Dir: cwd, Env: env, Tags: tags, Patterns: patterns})
	if err != nil {
		fmt.Fprintf(stderr, "scratchvet: %v\n", err)
		return ExitError
	}

	var (
		findings []finding
		errs     []string
	)
	prog.Each(func(root *load.Root) {
		if root.Package == nil {
			errs = append(errs, errorLines(root.Errors)...)
			return
		}
		root.Package.Closures = prog.Closures
		res := driver.Run(root.Package, analyzers)
		if res.Closure != nil {
			prog.Closures[root.PkgPath] = res.Closure // the typed summary, for the packages importing it
		}
		for _, err := range res.Errors {
			errs = append(errs, fmt.Sprintf("%s: %v", root.PkgPath, err))
		}
		pkgSettings, _ := settings.ForDir(root.Dir)
		for _, f := range res.Findings {
			fd := finding{Finding: f, fset: root.Package.Fset, target: s.Target.Name, severity: s.SeverityOf(f.Check)}
			if pkgSettings != nil {
				fd.target, fd.severity = pkgSettings.Target.Name, pkgSettings.SeverityOf(f.Check)
			}
			findings = append(findings, fd)
		}
	})
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
		remaining, fixErrs = applyFixes(findings, opts.diff, stdout, stderr)
		errs = append(errs, fixErrs...)
		writeText(stderr, cwd, remaining)
	} else if err := writeOutputs(opts.outputs, stdout, results{cwd: cwd, target: s.Target.Name, findings: findings, errs: errs}); err != nil {
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

func writeText(w io.Writer, cwd string, findings []finding) {
	for _, f := range findings {
		p := f.position()
		fmt.Fprintf(w, "%s:%d:%d: %s (%s)\n", relativeTo(cwd, p.Filename), p.Line, p.Column, f.Message, f.Check)
	}
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
