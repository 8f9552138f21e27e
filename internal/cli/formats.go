package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/scratchvet/scratchvet/internal/report"
)

// The -format flag: one output, or several in one run
// (-format sarif=scratchvet.sarif,text): each is a format, written to
// standard output or, after "=", to a file. Each format has its own file
// in this package.

// formats are the output formats, in the order -help lists them.
var formats = []string{"text", "json", "sarif", "checkstyle", "junit", "gitlab"}

// carriesErrors says which formats record the run's errors (packages that
// do not load, an invalid config) in their output; the others leave them
// to standard error.
var carriesErrors = map[string]bool{"json": true, "sarif": true, "checkstyle": true, "junit": true}

// output is one output of a run: a format and its file ("" for standard
// output).
type output struct {
	format, path string
}

// parseOutputs parses -format's value.
func parseOutputs(value string) ([]output, error) {
	var outs []output
	stdout, paths := 0, map[string]bool{}
	for _, item := range strings.Split(value, ",") {
		format, path, hasPath := strings.Cut(strings.TrimSpace(item), "=")
		if !slices.Contains(formats, format) {
			return nil, fmt.Errorf("-format %q: unknown format %q (want %s, each optionally =FILE)", value, format, strings.Join(formats, ", "))
		}
		switch {
		case hasPath && path == "":
			return nil, fmt.Errorf("-format %q: %s= names no file", value, format)
		case hasPath && paths[filepath.Clean(path)]:
			return nil, fmt.Errorf("-format %q: two outputs to %s", value, path)
		case hasPath:
			paths[filepath.Clean(path)] = true
		default:
			stdout++
		}
		outs = append(outs, output{format, path})
	}
	if stdout > 1 {
		return nil, fmt.Errorf("-format %q: only one output can go to standard output; give the others a file (FORMAT=FILE)", value)
	}
	return outs, nil
}

// results is what a run found, for the outputs.
type results struct {
	cwd, target string
	findings    []finding // suppressed ones included when an output is SARIF
	errs        []string
}

// shown are the findings every format but SARIF prints: not suppressed.
func (r results) shown() []finding {
	var out []finding
	for _, f := range r.findings {
		if _, _, suppressed := report.Suppressed(f.Diagnostic); !suppressed {
			out = append(out, f)
		}
	}
	return out
}

// writeOutputs writes every output; a file is written whole, through a
// temporary file and a rename, or not at all.
func writeOutputs(outs []output, stdout io.Writer, r results) error {
	for _, o := range outs {
		var buf bytes.Buffer
		var err error
		switch o.format {
		case "text":
			writeText(&buf, r.cwd, r.shown())
		case "json":
			err = writeJSON(&buf, r.target, r.shown(), r.errs)
		case "sarif":
			err = writeSARIF(&buf, r.cwd, r.target, r.findings, r.errs)
		case "checkstyle":
			err = writeCheckstyle(&buf, r)
		case "junit":
			err = writeJUnit(&buf, r)
		case "gitlab":
			err = writeGitLab(&buf, r)
		}
		if err != nil {
			return fmt.Errorf("-format %s: %w", o.format, err)
		}
		if o.path == "" {
			if _, err := stdout.Write(buf.Bytes()); err != nil {
				return err
			}
			continue
		}
		if err := writeFileAtomic(o.path, buf.Bytes()); err != nil {
			return fmt.Errorf("-format %s=%s: %w", o.format, o.path, err)
		}
	}
	return nil
}

func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// errorsToStderr reports whether the run's errors go to standard error: no
// output on standard output records them.
func errorsToStderr(outs []output) bool {
	for _, o := range outs {
		if o.path == "" && carriesErrors[o.format] {
			return false
		}
	}
	return true
}

// keepsSuppressed reports whether an output records suppressed findings.
func keepsSuppressed(outs []output) bool {
	return slices.ContainsFunc(outs, func(o output) bool { return o.format == "sarif" })
}

// relPath is a finding's file relative to the directory scratchvet ran in,
// with slashes, as CI systems match it against the repository.
func relPath(cwd, file string) string {
	if rel, err := filepath.Rel(cwd, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

// errorPosition splits "file:line:col: message" (or "file:line: ...") into
// its position and message; ok is false for an error without one.
func errorPosition(e string) (file string, line, col int, msg string, ok bool) {
	parts := strings.SplitN(e, ":", 4)
	if len(parts) >= 3 {
		if _, err := fmt.Sscanf(parts[1], "%d", &line); err == nil && line > 0 {
			file = parts[0]
			rest := strings.Join(parts[2:], ":")
			if len(parts) == 4 {
				if _, err := fmt.Sscanf(parts[2], "%d", &col); err == nil {
					rest = parts[3]
				} else {
					col = 0
				}
			}
			return file, line, col, strings.TrimSpace(rest), true
		}
	}
	return "", 0, 0, e, false
}
