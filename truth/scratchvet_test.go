//go:build linux

package truth

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// diagnostic is one finding in scratchvet's -json output.
type diagnostic struct {
	Check   string `json:"check"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
	Target  string `json:"target"`
}

func (d diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: [%s] %s", d.File, d.Line, d.Column, d.Check, d.Message)
}

// scratchvetOutput is scratchvet's -json output.
type scratchvetOutput struct {
	Diagnostics []diagnostic      `json:"diagnostics"`
	Errors      []json.RawMessage `json:"errors"`
}

// checkNotInMatrix is reported on every target alike: a code smell, not a
// run-time failure, so the matrix cannot judge it.
const checkNotInMatrix = "skipverify"

// listChecks returns the check names that `scratchvet checks` prints, one
// "name<TAB>summary" per line.
func listChecks(bin string) ([]string, error) {
	out, err := exec.Command(bin, "checks").Output()
	if err != nil {
		return nil, fmt.Errorf("scratchvet checks: %v", err)
	}
	var names []string
	for _, line := range strings.Split(string(out), "\n") {
		name, _, _ := strings.Cut(line, "\t")
		if name = strings.TrimSpace(name); name != "" {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil, errors.New("scratchvet checks listed no check")
	}
	return names, nil
}

// vetGroup is one scratchvet invocation: the packages of one build group,
// judged against one target.
type vetGroup struct {
	build  buildGroup
	target string
}

// vetResult is a vetGroup's findings, attributed to cases.
type vetResult struct {
	command string
	byCase  map[string][]diagnostic
	err     error // scratchvet failed, or a finding could not be attributed
}

// runScratchvet runs scratchvet as a developer would on the fixture module,
// with the configuration's environment and flags, and attributes each
// finding to the case whose directory holds its file.
func runScratchvet(bin string, g vetGroup) vetResult {
	args := append([]string{"-json", "-target", g.target}, buildFlags(g.build.config, g.build.tags)...)
	args = append(args, g.build.packages()...)
	cmd := exec.Command(bin, args...)
	cmd.Dir = fixtureModule()
	cmd.Env = append(baseEnv(), g.build.config.env()...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	res := vetResult{
		command: strings.Join(append(g.build.config.env(), shellQuote(append([]string{"scratchvet"}, args...))...), " "),
		byCase:  map[string][]diagnostic{},
	}
	err := cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !(errors.As(err, &exitErr) && exitErr.ExitCode() == 1) {
		res.err = fmt.Errorf("%s: %v\nstdout: %s\nstderr: %s", res.command, err, stdout.Bytes(), stderr.Bytes())
		return res
	}
	var out scratchvetOutput
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		res.err = fmt.Errorf("%s: parsing -json output: %v\n%s", res.command, err, stdout.Bytes())
		return res
	}
	if len(out.Errors) > 0 {
		var errs []string
		for _, e := range out.Errors {
			errs = append(errs, string(e))
		}
		res.err = fmt.Errorf("%s: errors: %s", res.command, strings.Join(errs, "; "))
		return res
	}
	if (exitErr != nil) != (len(out.Diagnostics) > 0) {
		res.err = fmt.Errorf("%s: exit status %v disagrees with %d diagnostics", res.command, err, len(out.Diagnostics))
		return res
	}
	module, _ := filepath.EvalSymlinks(fixtureModule())
	for _, d := range out.Diagnostics {
		owner, err := owningCase(g.build.cases, module, d)
		if err != nil {
			res.err = fmt.Errorf("%s: %v", res.command, err)
			return res
		}
		res.byCase[owner] = append(res.byCase[owner], d)
	}
	return res
}

// owningCase returns the name of the only case of cases whose directories
// hold d's file.
func owningCase(cases []fixtureCase, module string, d diagnostic) (string, error) {
	file, err := filepath.EvalSymlinks(d.File)
	if err != nil {
		file = d.File
	}
	rel, err := filepath.Rel(module, file)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", fmt.Errorf("finding outside the fixture module, cannot tell which program it is about: %v", d)
	}
	dir := filepath.ToSlash(filepath.Dir(rel))
	var owners []string
	for _, fc := range cases {
		if fc.ownsDir(dir) {
			owners = append(owners, fc.Name)
		}
	}
	if len(owners) != 1 {
		return "", fmt.Errorf("finding in %s belongs to %d programs %v (want one; give each its own directory): %v", dir, len(owners), owners, d)
	}
	return owners[0], nil
}

// shellQuote quotes the arguments that need it, for messages a developer
// can paste into a shell.
func shellQuote(args []string) []string {
	quoted := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t\"'$\\") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		quoted[i] = a
	}
	return quoted
}
