// Package config reads scratchvet.toml, the configuration file at a module
// root that every front end (vet tool, standalone checker, language server)
// reads. Its keys are documented in docs/config.md.
package config

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
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
	// Deployments are the [[deployment]] tables: how main packages ship,
	// for what discovery cannot see (an image defined elsewhere). A main
	// package named by one is judged against these instead of the
	// deployments discovery finds.
	Deployments []Deployment
}

// A Deployment is one [[deployment]] table.
type Deployment struct {
	Line int // line of the table, for messages
	// Main lists the main packages it applies to: directories relative to
	// the config file ("./cmd/app") or import paths; empty: every main
	// package.
	Main       []string
	Name       string // for messages; default: the target
	Target     string // preset spec, as target = ...
	TargetLine int
	User       string            // the user the binary runs as
	Env        map[string]string // the image's environment
	Build      Build             // [deployment.build]
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

// Error is a problem in a config file, with its position (Line and Col
// are 1-based; Col counts bytes, as go/token does; zero when unknown).
type Error struct {
	Path string
	Line int
	Col  int
	Msg  string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
	case e.Line > 0:
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

// MaxSize bounds the config file: a larger one is refused, not read (a
// scratchvet.toml has a few kilobytes).
const MaxSize = 256 << 10

// Load reads and validates a config file. knownChecks lists the check
// names the [checks] table may name.
func Load(path string, knownChecks []string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > MaxSize {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("larger than %d bytes: not a config file", MaxSize)}
	}
	return Parse(path, string(src), knownChecks)
}

// Parse parses config file text; path is used in errors. The text is TOML
// (a UTF-8 byte order mark is allowed); the keys are those of docs/config.md.
func Parse(path, src string, knownChecks []string) (*File, error) {
	// Editors on Windows may write a byte order mark; TOML has none.
	src = strings.TrimPrefix(src, "\ufeff")
	root, err := parseTOML([]byte(src))
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			return nil, &Error{Path: path, Line: se.pos.line, Col: se.pos.col, Msg: se.msg}
		}
		return nil, &Error{Path: path, Msg: err.Error()}
	}
	d := &decoder{path: path, known: map[string]bool{}, checks: sorted(knownChecks)}
	for _, c := range knownChecks {
		d.known[c] = true
	}
	f := d.file(root)
	if len(d.errs) > 0 {
		sort.SliceStable(d.errs, func(i, j int) bool {
			a, b := d.errs[i].(*Error), d.errs[j].(*Error)
			return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
		})
		return nil, errors.Join(d.errs...)
	}
	return f, nil
}

func sorted(ss []string) []string {
	out := append([]string(nil), ss...)
	sort.Strings(out)
	return out
}
