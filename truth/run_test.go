//go:build linux

package truth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/scratchvet/scratchvet/target"
)

// Inside every root filesystem the application lives in appDir: one
// directory per configuration with its binaries and plugin, the getrandom
// launcher, and the CA file that the tlspool fixture ships.
const (
	appDir       = "/app"
	appLauncher  = appDir + "/nogetrandom"
	appCAPath    = appDir + "/truth-ca.pem"
	runTimeout   = 60 * time.Second
	pluginSoName = "greeter.so"
)

// installApp places the built binaries, plugins, launcher and CA file in the
// root filesystem.
func installApp(root string, b *builtFixtures, launcher string, caPEM []byte) error {
	for key, bin := range b.binary {
		caseName, config := key[0], key[1]
		dst := filepath.Join(root, appDir, config, caseName)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := copyFile(bin, dst, 0o755, true); err != nil {
			return err
		}
	}
	for config, so := range b.plugin {
		dst := filepath.Join(root, appDir, config, pluginSoName)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := copyFile(so, dst, 0o755, true); err != nil {
			return err
		}
	}
	if err := copyFile(launcher, filepath.Join(root, appLauncher), 0o755, true); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(root, appCAPath), caPEM, 0o644)
}

// runResult is what one fixture did in one root filesystem.
type runResult struct {
	Exit   int    // exit status; -1 when killed by a signal
	Output string // stdout and stderr, interleaved
	// NoExec: the kernel or the ELF interpreter could not start it (the
	// loader or a needed library is missing).
	NoExec bool
	// Completed: the program reached its end (exit 0, or 1 after
	// reporting a failed operation), so every operation ran.
	Completed bool
	// Checks maps each check that the output names to whether one of its
	// operations failed.
	Checks map[string]bool
	// HarnessErr is a failure of the harness, not of the program.
	HarnessErr error
	Duration   time.Duration
}

// failed lists the checks whose operations failed, sorted.
func (r runResult) failed() []string {
	var checks []string
	for c, failed := range r.Checks {
		if failed {
			checks = append(checks, c)
		}
	}
	sort.Strings(checks)
	return checks
}

// runFixture runs argv (paths inside root) chrooted in root, as the
// target's user, with env as its whole environment (what a container
// runtime gives: see truthTarget.environment; never $USER). A target whose
// kernel may predate getrandom(2) runs it under the seccomp launcher.
func runFixture(ctx context.Context, root string, tgt target.Target, env []string, argv []string) runResult {
	if !tgt.HasGetrandom() {
		argv = append([]string{appLauncher}, argv...)
	}
	ctx, cancel := context.WithTimeout(ctx, runTimeout)
	defer cancel()
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = env
	cmd.Dir = "/"
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Chroot: root}
	if !tgt.IsRoot() {
		uid, gid, ok := tgt.Credential()
		if !ok {
			return runResult{Checks: map[string]bool{}, HarnessErr: fmt.Errorf("target user %q has no uid the suite can run as", tgt.User)}
		}
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	err := cmd.Run()
	r := runResult{Output: strings.TrimSpace(out.String()), Duration: time.Since(start), Checks: map[string]bool{}}

	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr):
		r.Exit = exitErr.ExitCode()
	case errors.Is(err, syscall.ENOENT):
		// execve(2) says ENOENT for a missing ELF interpreter too; the
		// binary itself was installed, so that is what it means.
		r.Exit, r.NoExec = 127, true
		r.Output = strings.TrimSpace(r.Output + "\nexec: " + err.Error() + " (the ELF interpreter is missing)")
	default:
		r.HarnessErr = fmt.Errorf("running %s: %v", strings.Join(argv, " "), err)
	}
	if ctx.Err() != nil {
		r.HarnessErr = fmt.Errorf("running %s: no result after %v", strings.Join(argv, " "), runTimeout)
	}
	if r.Exit == 127 && loaderFailed(r.Output) {
		r.NoExec = true
	}
	r.Completed = !r.NoExec && (r.Exit == 0 || r.Exit == 1)
	for _, line := range strings.Split(r.Output, "\n") {
		// "OK <check> <operation>: ..." or "ERR <check> <operation>: ..."
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		switch fields[0] {
		case "OK":
			if _, seen := r.Checks[fields[1]]; !seen {
				r.Checks[fields[1]] = false
			}
		case "ERR":
			r.Checks[fields[1]] = true
		}
	}
	if r.Exit != 0 && !r.NoExec {
		// Go 1.24+ crypto/rand cannot return an error: it kills the process.
		if strings.Contains(r.Output, "fatal error: crypto/rand:") {
			r.Checks["cryptorand"] = true
		}
	}
	return r
}

// loaderFailed reports whether the output is the launcher's or a dynamic
// loader's refusal to start the program.
func loaderFailed(output string) bool {
	for _, msg := range []string{
		"nogetrandom: cannot exec",             // the launcher's execve failed
		"error while loading shared libraries", // glibc's ld.so
		"Error loading shared library",         // musl's ld.so
	} {
		if strings.Contains(output, msg) {
			return true
		}
	}
	return false
}
