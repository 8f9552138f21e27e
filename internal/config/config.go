// Package config reads scratchvet.toml, the configuration file at a module
// root that every front end (vet tool, standalone checker, language server)
// reads. Its keys are documented in docs/config.md.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/scratchvet/scratchvet/target"
)

// FileNames are the names the config file may have, at the module root.
var FileNames = []string{"scratchvet.toml", ".scratchvet.toml"}

// File is a parsed config file.
type File struct {
	Path       string
	Target     string            // preset, with overrides applied by Resolve
	TargetLine int               // line of the target key, for messages
	Overrides  map[string]string // [target-overrides]
	Build      Build             // [build]
	Checks     map[string]bool   // [checks]: name = false disables a check
	// Exclude is the [exclude] table: path patterns (relative to the
	// config file's directory) where a check's findings are dropped; the
	// key "all" applies to every check.
	Exclude map[string][]string
	// Severity is the [severity] table: "error", "warning" or "info" per
	// check, or for "all".
	Severity map[string]string
}

// AllChecks is the key of [exclude] and [severity] that applies to every
// check.
const AllChecks = "all"

// Severities are the values [severity] accepts, most severe first.
var Severities = []string{"error", "warning", "info"}

// Build is the [build] table: how the binaries are really built, for what
// the source cannot show.
type Build struct {
	Tags      []string // build tags (standalone and editor loading; go vet takes -tags itself)
	Cgo       *bool    // CGO_ENABLED for loading; nil = the environment's
	Ldflags   string   // as passed to go build: shows static linking
	BuildMode string   // as passed to go build: "pie" needs a loader
	Libc      string   // libc of the C toolchain: "glibc" (default) or "musl" (CC=musl-gcc)
}

// Error is a problem in a config file, with its position.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Find looks for a config file in dir and its parents, stopping at the
// module root (the first directory with a go.mod). It returns "" when there
// is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		var found []string
		for _, name := range FileNames {
			p := filepath.Join(dir, name)
			if _, err := os.Stat(p); err == nil {
				found = append(found, p)
			}
		}
		if len(found) > 1 {
			return "", &Error{Path: found[1], Msg: "both " + strings.Join(FileNames, " and ") + " exist; keep one"}
		}
		if len(found) == 1 {
			return found[0], nil
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and validates a config file. knownChecks lists the check
// names the [checks] table may name.
func Load(path string, knownChecks []string) (*File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, string(src), knownChecks)
}

// Parse parses config file text; path is used in errors.
func Parse(path, src string, knownChecks []string) (*File, error) {
	entries, err := parseTOML(src)
	if err != nil {
		var line int
		var msg string
		if n, _ := fmt.Sscanf(err.Error(), "%d:", &line); n == 1 {
			_, msg, _ = strings.Cut(err.Error(), ": ")
		} else {
			msg = err.Error()
		}
		return nil, &Error{Path: path, Line: line, Msg: msg}
	}
	f := &File{Path: path, Overrides: map[string]string{}, Checks: map[string]bool{},
		Exclude: map[string][]string{}, Severity: map[string]string{}}
	known := map[string]bool{}
	for _, c := range knownChecks {
		known[c] = true
	}
	var errs []error
	bad := func(e entry, format string, args ...any) {
		errs = append(errs, &Error{Path: path, Line: e.val.line, Msg: fmt.Sprintf(format, args...)})
	}
	want := func(e entry, k valueKind) bool {
		if e.val.kind != k {
			bad(e, "%s must be %s", qualified(e), k)
			return false
		}
		return true
	}
	for _, e := range entries {
		switch e.table {
		case "":
			switch e.key {
			case "target":
				if want(e, kindString) {
					if _, err := target.Parse(e.val.str); err != nil {
						bad(e, "target: %v", err)
					}
					f.Target, f.TargetLine = e.val.str, e.val.line
				}
			default:
				bad(e, "unknown key %q (top-level keys: target; tables: %s)", e.key, tableList)
			}
		case "target-overrides":
			var s string
			switch e.val.kind {
			case kindBool:
				s = fmt.Sprint(e.val.b)
			case kindString:
				s = e.val.str
			default:
				bad(e, "%s must be a boolean or a string", qualified(e))
				continue
			}
			probe, _ := target.Lookup(target.Default)
			if err := probe.Set(e.key, s); err != nil {
				bad(e, "%v", err)
				continue
			}
			f.Overrides[e.key] = s
		case "build":
			parseBuild(f, e, want, bad)
		case "checks":
			if !known[e.key] {
				bad(e, "unknown check %q in [checks] (checks: %s)", e.key, strings.Join(sorted(knownChecks), ", "))
				continue
			}
			if want(e, kindBool) {
				f.Checks[e.key] = e.val.b
			}
		case "exclude":
			if !known[e.key] && e.key != AllChecks {
				bad(e, "unknown check %q in [exclude] (keys: all, %s)", e.key, strings.Join(sorted(knownChecks), ", "))
				continue
			}
			if !want(e, kindList) {
				continue
			}
			for _, pattern := range e.val.list {
				if err := ValidPattern(pattern); err != nil {
					bad(e, "exclude.%s: %v", e.key, err)
				}
			}
			f.Exclude[e.key] = append(f.Exclude[e.key], e.val.list...)
		case "severity":
			if !known[e.key] && e.key != AllChecks {
				bad(e, "unknown check %q in [severity] (keys: all, %s)", e.key, strings.Join(sorted(knownChecks), ", "))
				continue
			}
			if want(e, kindString) {
				if !slices.Contains(Severities, e.val.str) {
					bad(e, "severity.%s must be one of %s, not %q", e.key, strings.Join(Severities, ", "), e.val.str)
					continue
				}
				f.Severity[e.key] = e.val.str
			}
		default:
			bad(e, "unknown table [%s] (tables: %s)", e.table, tableList)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return f, nil
}

const tableList = "[target-overrides], [build], [checks], [exclude], [severity]"

func parseBuild(f *File, e entry, want func(entry, valueKind) bool, bad func(entry, string, ...any)) {
	switch e.key {
	case "tags":
		if want(e, kindList) {
			f.Build.Tags = e.val.list
		}
	case "cgo":
		if want(e, kindBool) {
			b := e.val.b
			f.Build.Cgo = &b
		}
	case "ldflags":
		if want(e, kindString) {
			f.Build.Ldflags = e.val.str
		}
	case "buildmode":
		if want(e, kindString) {
			switch e.val.str {
			case "default", "exe", "pie":
				f.Build.BuildMode = e.val.str
			default:
				bad(e, "build.buildmode %q: scratchvet judges exe and pie binaries", e.val.str)
			}
		}
	case "libc":
		if want(e, kindString) {
			switch e.val.str {
			case "glibc", "musl":
				f.Build.Libc = e.val.str
			default:
				bad(e, "build.libc must be \"glibc\" or \"musl\"")
			}
		}
	default:
		bad(e, "unknown key %q in [build] (keys: tags, cgo, ldflags, buildmode, libc)", e.key)
	}
}

func qualified(e entry) string {
	if e.table == "" {
		return e.key
	}
	return e.table + "." + e.key
}

func sorted(ss []string) []string {
	out := append([]string(nil), ss...)
	sort.Strings(out)
	return out
}
