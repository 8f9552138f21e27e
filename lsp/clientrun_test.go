package lsp

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// How the real-client tests (Neovim, Emacs, Node) run an editor and tell a
// server that hangs from a machine that is only slow.
//
// A test has one budget (clientBudget) for everything the client waits
// for, passed to the client script as CLIENT_DEADLINE_MS; each script
// prints, with the time since it started, each step it reaches. If the
// budget runs out, the test first records what the server is doing: the
// processes under the editor with their CPU time (a server waiting for a
// `go list` that is still compiling is slow, not stuck) and a goroutine
// dump of each server (SIGQUIT; the server's stderr goes to a log file
// through a wrapper script), and only then lets the client fail; the
// editor itself is killed if it has not exited shortly after. The failure
// message carries all of it. A real hang thus fails with the server's
// stacks; a slow machine can be given more time with
// SCRATCHVET_CLIENT_TIMEOUT (a Go duration).

// clientBudget is how long a real-client test waits for the server in all.
// Under the race detector and on a machine shared by many builds a first
// load of testdata/demo has been seen to take over a minute.
func clientBudget(t *testing.T) time.Duration {
	if v := os.Getenv("SCRATCHVET_CLIENT_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			t.Fatalf("SCRATCHVET_CLIENT_TIMEOUT=%q: want a positive duration such as 10m", v)
		}
		return d
	}
	return 5 * time.Minute
}

var built struct {
	once sync.Once
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// buildBinary builds scratchvet once per test process, into a file named
// scratchvet (the editor configurations run it from PATH).
func buildBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		built.dir, built.err = os.MkdirTemp("", "scratchvet-lsp-test-")
		if built.err != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", filepath.Join(built.dir, "scratchvet"), "github.com/scratchvet/scratchvet/cmd/scratchvet")
		if out, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return filepath.Join(built.dir, "scratchvet")
}

// wrapServer returns a script named scratchvet, in a directory of its own,
// that runs bin with its standard error appended to log: the server's
// panics and goroutine dumps, whatever the editor does with stderr.
func wrapServer(t *testing.T, bin string) (wrapper, log string) {
	t.Helper()
	dir := t.TempDir()
	wrapper, log = filepath.Join(dir, "scratchvet"), filepath.Join(dir, "server.log")
	script := fmt.Sprintf("#!/bin/sh\nexec %s \"$@\" 2>>%s\n", shellQuote(bin), shellQuote(log))
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return wrapper, log
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// runClient runs a client script that waits at most until
// CLIENT_DEADLINE_MS (set here from clientBudget), and fails the test
// with its output, the server's log and, if the budget ran out, what the
// server was doing then.
func runClient(t *testing.T, cmd *exec.Cmd, serverLog string) {
	t.Helper()
	budget := clientBudget(t)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// The client's own deadline comes after the snapshot below, so that the
	// servers' stacks are in the log when it fails; the editor is killed if
	// it outlives its deadline by a minute (it hangs itself).
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, "CLIENT_DEADLINE_MS="+strconv.FormatInt((budget+10*time.Second).Milliseconds(), 10))
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", cmd.Path, err)
	}
	var snapshot string
	var snapMu sync.Mutex
	watchdog := time.AfterFunc(budget, func() {
		s := processSnapshot(cmd.Process.Pid)
		snapMu.Lock()
		snapshot = s
		snapMu.Unlock()
	})
	killer := time.AfterFunc(budget+70*time.Second, func() { cmd.Process.Kill() })
	err := cmd.Wait()
	watchdog.Stop()
	killer.Stop()
	t.Logf("stdout:\n%s", stdout.String())
	if err == nil {
		return
	}
	snapMu.Lock()
	defer snapMu.Unlock()
	msg := fmt.Sprintf("%s: %v (budget %v; SCRATCHVET_CLIENT_TIMEOUT sets it)\nstderr:\n%s", filepath.Base(cmd.Path), err, budget, stderr.String())
	if snapshot != "" {
		msg += "\nthe budget ran out; processes under the client then (pid, state, CPU s, command):\n" + snapshot
	}
	if serverLog != "" {
		data, _ := os.ReadFile(serverLog)
		msg += "\nserver stderr (goroutine dumps if the budget ran out):\n" + tail(string(data), 3000)
	}
	t.Fatal(msg)
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > n {
		lines = append([]string{fmt.Sprintf("[%d lines before]\n", len(lines)-n)}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "")
}

// processSnapshot describes the processes descending from root (from
// /proc) and sends SIGQUIT to the scratchvet servers among them, which
// makes each print its goroutines and exit.
func processSnapshot(root int) string {
	type proc struct {
		pid, ppid int
		state     string
		cpu       float64
		args      string
	}
	entries, _ := os.ReadDir("/proc")
	children := map[int][]proc{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ... utime(14) stime(15), after the comm's ')'.
		s := string(stat)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) < 13 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		utime, _ := strconv.ParseFloat(f[11], 64)
		stime, _ := strconv.ParseFloat(f[12], 64)
		cmdline, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		args := strings.TrimSpace(strings.ReplaceAll(string(cmdline), "\x00", " "))
		children[ppid] = append(children[ppid], proc{pid, ppid, f[0], (utime + stime) / 100, args})
	}
	var b strings.Builder
	var servers []int
	var walk func(pid, depth int)
	walk = func(pid, depth int) {
		for _, p := range children[pid] {
			args := p.args
			if len(args) > 160 {
				args = args[:160] + "..."
			}
			fmt.Fprintf(&b, "%s%d %s %.1f %s\n", strings.Repeat("  ", depth), p.pid, p.state, p.cpu, args)
			if f := strings.Fields(p.args); len(f) >= 2 && filepath.Base(f[0]) == "scratchvet" && f[1] == "lsp" {
				servers = append(servers, p.pid)
			}
			walk(p.pid, depth+1)
		}
	}
	walk(root, 0)
	for _, pid := range servers {
		syscall.Kill(pid, syscall.SIGQUIT)
	}
	if len(servers) == 0 {
		b.WriteString("(no scratchvet lsp process)\n")
	}
	return b.String()
}
