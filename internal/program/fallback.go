package program

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// fallbackCache holds closures summarised from `go list` for packages the
// analysis driver did not analyse (a driver that skips the standard
// library). The environment does not change within a process.
var fallbackCache struct {
	sync.Mutex
	closures map[string]*Closure
}

// fallbackClosures summarises packages from `go list -deps` in the current
// environment. The closures say so in Inferred.
func fallbackClosures(paths []string) map[string]*Closure {
	fallbackCache.Lock()
	defer fallbackCache.Unlock()
	if fallbackCache.closures == nil {
		fallbackCache.closures = map[string]*Closure{}
	}
	var todo []string
	for _, p := range paths {
		if _, ok := fallbackCache.closures[p]; !ok {
			todo = append(todo, p)
		}
	}
	if len(todo) > 0 {
		pkgs, err := GoListDeps(".", os.Environ(), todo)
		note := "summarised with `go list` in the environment (" + envDescription() + ") because these packages were not analysed"
		if err != nil {
			note = "not summarised: " + err.Error()
		}
		closures, _ := ScanGraph(pkgs)
		for _, p := range todo {
			c := closures[p]
			if c == nil {
				c = &Closure{Has: map[string][]string{}}
			}
			c.Inferred = note
			fallbackCache.closures[p] = c
		}
	}
	out := map[string]*Closure{}
	for _, p := range paths {
		out[p] = fallbackCache.closures[p]
	}
	return out
}

func envDescription() string {
	var parts []string
	for _, k := range []string{"CGO_ENABLED", "GOFLAGS", "CC"} {
		if v, ok := os.LookupEnv(k); ok {
			parts = append(parts, k+"="+v)
		}
	}
	if len(parts) == 0 {
		return "go env defaults"
	}
	return strings.Join(parts, " ")
}

// listedPackage is the subset of `go list -json` output ScanGraph needs.
type listedPackage struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	CgoFiles   []string
	Imports    []string
	Standard   bool
	Error      *struct{ Err string }
}

// GoListDeps lists patterns and their dependencies as Packages, in
// dependency order.
func GoListDeps(dir string, env []string, patterns []string) ([]*Package, error) {
	args := append([]string{"list", "-e", "-deps", "-json=ImportPath,Dir,GoFiles,CgoFiles,Imports,Standard,Error", "--"}, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(env, "GOTOOLCHAIN=local")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go list: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	var pkgs []*Package
	dec := json.NewDecoder(&stdout)
	for {
		var lp listedPackage
		if err := dec.Decode(&lp); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list output: %w", err)
		}
		pkgs = append(pkgs, FromList(lp.ImportPath, lp.Dir, lp.GoFiles, lp.CgoFiles, lp.Imports, lp.Standard))
	}
	return pkgs, nil
}

// FromList builds a Package from `go list` fields (file names relative to dir).
func FromList(importPath, dir string, goFiles, cgoFiles, imports []string, standard bool) *Package {
	p := &Package{ImportPath: importPath, Cgo: len(cgoFiles) > 0, Standard: standard}
	for _, f := range append(append([]string(nil), goFiles...), cgoFiles...) {
		p.GoFiles = append(p.GoFiles, filepath.Join(dir, f))
	}
	for _, imp := range imports {
		if imp != "C" && imp != "unsafe" {
			p.Imports = append(p.Imports, imp)
		}
	}
	return p
}
