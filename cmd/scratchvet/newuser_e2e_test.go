package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestNewUserMatchesConfigured: on modules shaped like real projects
// (testdata/newuser: a promu exporter on busybox and distroless, a
// Makefile-built web app on alpine and distroless, two binaries built in
// Dockerfiles, one with cgo on musl), scratchvet run as a new user runs it
// (no flags, no config, the default environment with gcc present and
// CGO_ENABLED unset) reports exactly what it reports when the deployments
// are written out by hand in scratchvet.toml. Without discovery
// (-discover=false, what it did before) the same run reports findings that
// the real builds and images do not have.
func TestNewUserMatchesConfigured(t *testing.T) {
	for _, name := range []string{"exporter", "webapp", "worker"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := copyModule(t, filepath.Join("newuser", name))
			env := newUserEnv()
			newUser := jsonFindings(t, runAs(t, dir, env, binary, "-json", "./..."))
			old := jsonFindings(t, runAs(t, dir, env, binary, "-json", "-discover=false", "./..."))

			conf, err := os.ReadFile(filepath.Join("..", "..", "testdata", "newuser", name+".configured.toml"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "scratchvet.toml"), conf, 0o644); err != nil {
				t.Fatal(err)
			}
			configured := jsonFindings(t, runAs(t, dir, env, binary, "-json", "./..."))
			if !reflect.DeepEqual(newUser, configured) {
				t.Errorf("no flags:\n%s\nconfigured by hand:\n%s", strings.Join(newUser, "\n"), strings.Join(configured, "\n"))
			}
			if reflect.DeepEqual(newUser, old) {
				t.Errorf("discovery changed nothing: %s", strings.Join(old, "\n"))
			}
		})
	}
}

// newUserEnv is a developer's environment: nothing selects the target or
// the build; the go command decides CGO_ENABLED (1: gcc is installed).
func newUserEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "SCRATCHVET_TARGET", "GOFLAGS", "CGO_ENABLED", "CC":
			continue
		}
		env = append(env, kv)
	}
	return env
}

// jsonFindings renders a -json run's findings one a line: position,
// check, the deployments they hold on, message.
func jsonFindings(t *testing.T, r result) []string {
	t.Helper()
	if r.code != 0 && r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		Diagnostics []struct {
			File, Check, Message, Target string
			Line, Column                 int
		}
		Errors []json.RawMessage
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if len(out.Errors) > 0 {
		t.Fatalf("errors: %s", out.Errors)
	}
	var lines []string
	for _, d := range out.Diagnostics {
		lines = append(lines, fmt.Sprintf("%s:%d:%d [%s] on %s: %s", filepath.Base(d.File), d.Line, d.Column, d.Check, d.Target, d.Message))
	}
	return lines
}

// TestReadmeExample: README.md's first example is what scratchvet prints
// on testdata/shipdemo with no flags, no configuration and the default
// environment: the deployments come from its Dockerfiles and Makefile.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const prompt = "$ cd testdata/shipdemo && scratchvet ./...\n"
	_, rest, ok := strings.Cut(string(readme), prompt)
	want, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatalf("README.md has no %q block", strings.TrimSpace(prompt))
	}
	dir := copyModule(t, "shipdemo")
	r := runAs(t, dir, newUserEnv(), binary, "./...")
	if r.code != 1 || r.stdout != want {
		t.Errorf("exit %d, output:\n%s\nREADME.md says:\n%s", r.code, r.stdout, want)
	}
}

// runAs runs a command with exactly the environment env (run adds
// CGO_ENABLED=1: an explicit choice, which a new user has not made).
func runAs(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return result{stdout.String(), stderr.String(), code}
}
