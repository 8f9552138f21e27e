package load

import (
	"bytes"
	"errors"
	"go/build"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// RelistFiles brings the listing up to date after the files were created,
// deleted, or had their build constraints or package clause changed: it
// returns the packages to check again, as Relist does.
//
// Most such changes need no go command: a file without build constraints,
// not named for another GOOS or GOARCH, whose package clause is its
// directory's package's and which does not import "C", belongs to that
// package (go/build's rule); a deleted file leaves it. Then the package's
// file list and imports are updated here, which takes a few milliseconds
// where `go list` of even one package loads the module's whole import
// graph (a second or more in a large module). Anything else — constraints,
// cgo, vendored imports, a package that had an error, a new directory —
// is listed by the go command (Relist).
func (s *Snapshot) RelistFiles(files []string, overlay map[string][]byte) ([]string, error) {
	byDir := map[string][]string{}
	for _, f := range files {
		byDir[filepath.Dir(f)] = append(byDir[filepath.Dir(f)], f)
	}
	dirs := make([]string, 0, len(byDir))
	for d := range byDir {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	updated := map[*listed]*listed{}
	for _, d := range dirs {
		old := s.rootIn(d)
		if old == nil {
			return s.Relist(dirs, overlay)
		}
		np, err := s.refile(old, byDir[d], overlay)
		if err != nil {
			if errors.Is(err, errNeedGoList) {
				return s.Relist(dirs, overlay)
			}
			return nil, err
		}
		updated[old] = np
	}
	var out []string
	for _, d := range dirs {
		old := s.rootIn(d)
		s.replace(old, updated[old])
		out = append(out, old.ImportPath)
	}
	s.sortPackages()
	return out, nil
}

// errNeedGoList says that a change needs the go command to list it.
var errNeedGoList = errors.New("the go command must list this change")

// rootIn returns the listed root package in dir, or nil.
func (s *Snapshot) rootIn(dir string) *listed {
	for _, p := range s.pkgs {
		if !p.DepOnly && p.Dir == dir {
			return p
		}
	}
	return nil
}

// refile returns a copy of p with the changed files added or removed,
// and its imports read again from all its files.
func (s *Snapshot) refile(p *listed, changed []string, overlay map[string][]byte) (*listed, error) {
	if p.Error != nil || len(p.CgoFiles) > 0 || len(p.ImportMap) > 0 || len(p.OtherFiles) > 0 {
		return nil, errNeedGoList
	}
	ctxt := s.buildContext(overlay)
	isChanged := map[string]bool{}
	for _, f := range changed {
		isChanged[filepath.Base(f)] = true
	}
	in := map[string]bool{}
	for _, f := range p.GoFiles {
		if filepath.IsAbs(f) {
			return nil, errNeedGoList
		}
		in[f] = true
		// The listing's other files must be the ones go/build chooses for
		// the GOOS, GOARCH, cgo setting and tags assumed here, or the go
		// command builds for another configuration.
		if ok, _ := ctxt.MatchFile(p.Dir, f); !ok && !isChanged[f] {
			return nil, errNeedGoList
		}
	}
	for _, f := range changed {
		name := filepath.Base(f)
		src, err := readFile(f, overlay)
		if os.IsNotExist(err) {
			delete(in, name) // deleted (or it was never in the package)
			continue
		}
		if err != nil {
			return nil, errNeedGoList
		}
		if strings.HasSuffix(name, "_test.go") || !strings.HasSuffix(name, ".go") || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
			return nil, errNeedGoList
		}
		hdr, err := parser.ParseFile(token.NewFileSet(), f, src, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil || hdr.Name.Name != p.Name || hasConstraint(src, hdr) {
			return nil, errNeedGoList
		}
		if ok, _ := ctxt.MatchFile(p.Dir, name); !ok {
			return nil, errNeedGoList // named for another GOOS or GOARCH
		}
		in[name] = true
	}
	if len(in) == 0 {
		return nil, errNeedGoList // no Go files left
	}
	np := *p
	np.GoFiles = np.GoFiles[:0:0]
	imports := map[string]bool{}
	for name := range in {
		np.GoFiles = append(np.GoFiles, name)
		src, err := readFile(filepath.Join(p.Dir, name), overlay)
		if err != nil {
			return nil, errNeedGoList
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
		if err != nil {
			return nil, errNeedGoList // the go command says what is wrong
		}
		for _, spec := range f.Imports {
			path, err := strconv.Unquote(spec.Path.Value)
			if err != nil || path == "C" {
				return nil, errNeedGoList
			}
			imports[path] = true
		}
	}
	sort.Strings(np.GoFiles)
	np.Imports = make([]string, 0, len(imports))
	var unknown []string
	for path := range imports {
		np.Imports = append(np.Imports, path)
		if _, ok := s.index[path]; !ok && path != "unsafe" {
			unknown = append(unknown, path)
		}
	}
	sort.Strings(np.Imports)
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, &UnknownImportsError{Importer: p.ImportPath, Imports: unknown}
	}
	return &np, nil
}

// hasConstraint reports whether a file's header (the comments before its
// package clause) holds a //go:build or // +build line.
func hasConstraint(src []byte, f interface{ Pos() token.Pos }) bool {
	header := src
	if off := int(f.Pos()) - 1; off >= 0 && off <= len(src) {
		header = src[:off]
	}
	for _, line := range strings.Split(string(header), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "//go:build") || strings.HasPrefix(line, "// +build") || strings.HasPrefix(line, "//+build") {
			return true
		}
	}
	return false
}

// buildContext is go/build's context for the listing's GOOS, GOARCH,
// CGO_ENABLED and tags, reading the editor's text where it has some. It
// decides the file-name rule (_GOOS, _GOARCH suffixes) of the changed
// files, and checks that the listing's files are the ones it would choose.
func (s *Snapshot) buildContext(overlay map[string][]byte) build.Context {
	ctxt := build.Default
	ctxt.GOOS, ctxt.GOARCH = runtime.GOOS, runtime.GOARCH
	for _, kv := range s.cfg.Env {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "GOOS":
			if v != "" {
				ctxt.GOOS = v
			}
		case "GOARCH":
			if v != "" {
				ctxt.GOARCH = v
			}
		case "CGO_ENABLED":
			ctxt.CgoEnabled = v == "1"
		}
	}
	ctxt.BuildTags = s.cfg.Tags
	ctxt.OpenFile = func(path string) (io.ReadCloser, error) {
		src, err := readFile(path, overlay)
		if err != nil {
			return nil, err
		}
		return io.NopCloser(bytes.NewReader(src)), nil
	}
	return ctxt
}

// readFile returns the editor's text of a file, or what is on disk.
func readFile(path string, overlay map[string][]byte) ([]byte, error) {
	if src, ok := overlay[path]; ok {
		return src, nil
	}
	return os.ReadFile(path)
}
