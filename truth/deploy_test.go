//go:build linux

package truth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/internal/deploy"
)

// A deployCase is a fixture program shipped the way a Dockerfile of
// testdata/deploy says: the binary is built as its RUN builds it, the root
// filesystem holds what its final stage declares (the base image's preset
// with the files the stage copies or installs), and scratchvet judges it
// as a new user would.
type deployCase struct {
	Name    string // testdata/deploy/NAME.Dockerfile; PROGRAM in it names the fixture
	Program string // fixture directory in testdata/runtime
	Args    []string
	Checks  []string // the checks whose operations the program performs
}

var deployCases = []deployCase{
	{Name: "scratch-tz-zoneinfo", Program: "tz", Checks: []string{"tzdata"}},
	{Name: "scratch-tz", Program: "tz", Checks: []string{"tzdata"}},
	{Name: "alpine-tz", Program: "tz", Checks: []string{"tzdata"}},
	{Name: "alpine-tzdata", Program: "tz", Checks: []string{"tzdata"}},
	{Name: "scratch-tls-certs", Program: "tls", Checks: []string{"caroots", "cryptorand"}},
	{Name: "scratch-tls", Program: "tls", Checks: []string{"caroots", "cryptorand"}},
	{Name: "alpine-cgo-musl", Program: "userlookup", Checks: []string{"userlookup"}},
	{Name: "distroless-cgo-musl", Program: "userlookup", Checks: []string{"userlookup"}},
	{Name: "scratch-extldflags-static", Program: "userlookup", Checks: []string{"userlookup"}},
	{Name: "scratch-extldflags-static-owncgo", Program: "cgo", Checks: []string{"dynlink"}},
	{Name: "distroless-linkmode-external", Program: "cgo", Checks: []string{"dynlink"}},
}

// TestDeploymentTruth: for each case, discovery reads the Dockerfile; the
// program is built and its root filesystem assembled from what discovery
// found, run, and compared with scratchvet's findings: a judged check
// reports exactly where its operation failed.
func TestDeploymentTruth(t *testing.T) {
	if skipReason != "" {
		t.Skip(skipReason)
	}
	for _, tool := range []string{"gcc", "musl-gcc"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: install Debian's gcc, libc6-dev and musl-tools", tool)
		}
	}
	ca, err := newTestCA()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := startServers(ca)
	if err != nil {
		t.Fatalf("%v (is another run of the suite sharing this network namespace?)", err)
	}
	t.Cleanup(srv.stop)
	work := t.TempDir()
	launcher, err := buildLauncher(work)
	if err != nil {
		t.Fatal(err)
	}
	judged := map[string]bool{}
	if scratchvetBin != "" {
		checks, err := listChecks(scratchvetBin)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range checks {
			if c != checkNotInMatrix {
				judged[c] = true
			}
		}
	}
	for _, dc := range deployCases {
		t.Run(dc.Name, func(t *testing.T) {
			runDeployCase(t, dc, filepath.Join(work, dc.Name), ca, launcher, judged)
		})
	}
	if scratchvetBuildErr != nil {
		t.Errorf("scratchvet is not built, so no case was judged: %v", scratchvetBuildErr)
	}
}

func runDeployCase(t *testing.T, dc deployCase, dir string, ca *testCA, launcher string, judged map[string]bool) {
	mod := filepath.Join(dir, "module")
	if err := copyModule(fixtureModule(), mod); err != nil {
		t.Fatal(err)
	}
	df, err := os.ReadFile(filepath.Join(repoRoot(), "truth", "testdata", "deploy", dc.Name+".Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mod, "Dockerfile"), bytes.ReplaceAll(df, []byte("PROGRAM"), []byte(dc.Program)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := deploy.Discover(mod)
	if err != nil {
		t.Fatal(err)
	}
	deps := res.For("example.com/runtime/" + dc.Program)
	if len(deps) != 1 || deps[0].Image == nil || deps[0].Build == nil {
		t.Fatalf("want one deployment with an image and a build, got %+v (problems %v)", deps, res.Problems)
	}
	d := deps[0]
	tgt, err := d.Image.Target()
	if err != nil {
		t.Fatal(err)
	}
	imageEnv := map[string]string{}
	for k, f := range d.Image.Env {
		imageEnv[k] = f.Value
	}
	tgt = tgt.WithImage(d.Image.User.Value, imageEnv)
	t.Logf("%s on %s (%s), build %s CGO_ENABLED=%s libc=%s -ldflags %q", dc.Program, d.Image.Ref.Value, tgt.Name,
		d.Build.Via, d.Build.Cgo.Value, d.Build.Libc.Value, d.Build.Ldflags.Value)

	bin := filepath.Join(dir, "app")
	env, args := declaredBuild(d.Build)
	build := goCommand(mod, env, append(append([]string{"build", "-o", bin}, args...), "./"+dc.Program)...)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building as %s declares: %v\n%s", d.Build.Pos, err, out)
	}

	root := filepath.Join(dir, "rootfs")
	additions := map[string]string{
		"/etc/hosts":                         "127.0.0.1\t" + hostsOnlyName + "\n",
		"/etc/ssl/certs/ca-certificates.crt": string(ca.certPEM),
	}
	release, err := assembleRootfs(root, tgt, additions)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if err := os.MkdirAll(filepath.Join(root, appDir), 0o755); err != nil {
		t.Fatal(err)
	}
	for src, dst := range map[string]string{bin: appDir + "/app", launcher: appLauncher} {
		if err := copyFile(src, filepath.Join(root, dst), 0o755, false); err != nil {
			t.Fatal(err)
		}
	}
	env, err = truthTarget{Spec: tgt.Name, Target: tgt}.environment(root)
	if err != nil {
		t.Fatal(err)
	}
	run := runFixture(context.Background(), root, tgt, env, append([]string{appDir + "/app"}, dc.Args...))

	c := cell{fc: fixtureCase{Name: dc.Name, Dir: dc.Program, Checks: dc.Checks}, target: tgt.Name, run: run}
	if scratchvetBin != "" {
		diags, cmd, err := judgeDeployment(mod, dc.Program)
		c.vetCmd = cmd
		if err != nil {
			t.Fatalf("scratchvet: %v", err)
		}
		for _, diag := range diags {
			if judged[diag.Check] {
				c.diags = append(c.diags, diag)
			}
		}
	}
	judge(&c, judged, scratchvetBin != "")
	for _, p := range c.problems {
		t.Errorf("%s\n  run (exit %d): %s\n  diagnostics: %s\n  judged by: %s", p, run.Exit, indent(run.Output), indent(describeDiags(c.diags)), c.vetCmd)
	}
}

// declaredBuild turns a discovered build into the go command's
// environment and flags: the build a Dockerfile's RUN runs. A golang
// Alpine builder's C library is musl: musl-gcc builds against it here.
func declaredBuild(b *deploy.Build) (env, args []string) {
	if b.Cgo.Set() {
		env = append(env, "CGO_ENABLED="+b.Cgo.Value)
	}
	if b.Libc.Value == "musl" && b.Cgo.Value == "1" {
		env = append(env, "CC=musl-gcc")
	}
	if len(b.Tags) > 0 {
		args = append(args, "-tags", strings.Join(b.Tags, ","))
	}
	if b.Ldflags.Set() {
		args = append(args, "-ldflags", b.Ldflags.Value)
	}
	if b.Buildmode.Set() {
		args = append(args, "-buildmode", b.Buildmode.Value)
	}
	return env, args
}

// judgeDeployment runs scratchvet on the module as a new user does: no
// flags, no configuration, the default environment (gcc present,
// CGO_ENABLED unset), and returns the findings on the program.
func judgeDeployment(mod, program string) ([]diagnostic, string, error) {
	args := []string{"-json", "./" + program}
	cmd := exec.Command(scratchvetBin, args...)
	cmd.Dir = mod
	cmd.Env = baseEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	line := "cd " + mod + " && " + strings.Join(shellQuote(append([]string{"scratchvet"}, args...)), " ")
	err := cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !(errors.As(err, &exitErr) && exitErr.ExitCode() == 1) {
		return nil, line, fmt.Errorf("%s: %v\n%s%s", line, err, stdout.Bytes(), stderr.Bytes())
	}
	var out scratchvetOutput
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return nil, line, fmt.Errorf("%s: %v\n%s", line, err, stdout.Bytes())
	}
	if len(out.Errors) > 0 {
		return nil, line, fmt.Errorf("%s: errors %s", line, out.Errors)
	}
	return out.Diagnostics, line, nil
}

// copyModule copies the fixture module (Go sources and go.mod) to dst.
func copyModule(src, dst string) error {
	return filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if e.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !e.Type().IsRegular() {
			return nil
		}
		return copyFile(p, filepath.Join(dst, rel), 0o644, false)
	})
}
