package load

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/scratchvet/scratchvet/internal/program"
)

// The go/analysis drivers that do not analyse the standard library
// (golangci-lint) leave program.Analyzer without summaries of std imports;
// it asks for them through the lister registered here, so that the go
// command runs from this package, never from internal/program.
func init() {
	program.SetDependencyLister(listDependencies)
}

// listDependencies lists paths and their dependencies with `go list -deps`
// in the process's environment and working directory.
func listDependencies(paths []string) ([]*program.Package, string, error) {
	pkgs, err := GoListDeps(".", os.Environ(), paths)
	return pkgs, "summarised with `go list` in the environment (" + envDescription(os.LookupEnv) + ")", err
}

// envDescription names the variables that decide what the go command
// compiles, as set in the environment.
func envDescription(lookup func(string) (string, bool)) string {
	var parts []string
	for _, k := range []string{"CGO_ENABLED", "GOFLAGS", "CC"} {
		if v, ok := lookup(k); ok {
			parts = append(parts, k+"="+v)
		}
	}
	if len(parts) == 0 {
		return "go env defaults"
	}
	return strings.Join(parts, " ")
}

// GoListDeps lists patterns and their dependencies as program Packages, in
// dependency order.
func GoListDeps(dir string, env []string, patterns []string) ([]*program.Package, error) {
	args := append([]string{"list", "-e", "-deps", "-json=ImportPath,Dir,GoFiles,CgoFiles,Imports,Standard,Error", "--"}, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(env, "GOTOOLCHAIN=local")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go list: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	var pkgs []*program.Package
	dec := json.NewDecoder(&stdout)
	for {
		var lp struct {
			ImportPath string
			Dir        string
			GoFiles    []string
			CgoFiles   []string
			Imports    []string
			Standard   bool
		}
		if err := dec.Decode(&lp); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list output: %w", err)
		}
		pkgs = append(pkgs, program.FromList(lp.ImportPath, lp.Dir, lp.GoFiles, lp.CgoFiles, lp.Imports, lp.Standard))
	}
	return pkgs, nil
}
