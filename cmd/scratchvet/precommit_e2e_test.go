package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommit runs the hooks of .pre-commit-hooks.yaml for real, with
// pre-commit's try-repo (Debian package pre-commit): pre-commit builds
// scratchvet from a snapshot of this repository (go install ./..., as for
// any golang hook) and runs it in a git repository holding a copy of
// testdata/demo, then in a clean one.
func TestPreCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the hook with go install: not in -short")
	}
	if _, err := exec.LookPath("pre-commit"); err != nil {
		msg := "pre-commit is not installed (apt-get install pre-commit)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg + "; CI must run this test")
		}
		t.Skip(msg)
	}
	hooks := hookRepo(t)
	env := []string{
		"PRE_COMMIT_HOME=" + t.TempDir(),
		// pre-commit sets GOPATH to its own environment; share the
		// module cache instead of downloading the dependencies again.
		"GOMODCACHE=" + goEnv(t, "GOMODCACHE"),
		"GOFLAGS=", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
	}

	// A module with findings, at the root: the hook fails and prints them.
	demo := copyModule(t, "demo")
	gitRepo(t, demo, env)
	var r result
	for _, hook := range []string{"scratchvet", "scratchvet-root"} {
		r = run(t, demo, env, "pre-commit", "try-repo", hooks, hook, "--all-files", "--verbose")
		if r.code == 0 || !strings.Contains(r.stdout, "./cmd/server/main.go:12:2:") || !strings.Contains(r.stdout, "(tzdata)") {
			t.Errorf("%s hook on demo: exit %d, want failure with the findings\n%s%s", hook, r.code, r.stdout, r.stderr)
		}
	}

	// A clean module in a subdirectory, and a module with findings under
	// testdata/, which the hook leaves alone as go does: it passes.
	clean := t.TempDir()
	write(t, filepath.Join(clean, "svc", "go.mod"), "module example.com/svc\n\ngo 1.23\n")
	write(t, filepath.Join(clean, "svc", "main.go"), "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"ok\") }\n")
	copyDir(t, filepath.Join("..", "..", "testdata", "demo"), filepath.Join(clean, "testdata", "demo"))
	gitRepo(t, clean, env)
	r = run(t, clean, env, "pre-commit", "try-repo", hooks, "scratchvet", "--all-files", "--verbose")
	if r.code != 0 || !strings.Contains(r.stdout, "Passed") {
		t.Errorf("scratchvet hook on a clean module: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// hookRepo snapshots this repository's files (tracked or not, as in the
// work tree) into a fresh git repository: try-repo clones its argument, so
// it must see .pre-commit-hooks.yaml and the current source committed.
func hookRepo(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("git", "-C", root, "ls-files", "--cached", "--others", "--exclude-standard", "-z").Output()
	if err != nil {
		t.Skipf("listing the repository's files: %v", err)
	}
	dst := t.TempDir()
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			continue // deleted in the work tree
		}
		write(t, filepath.Join(dst, name), string(data))
	}
	gitRepo(t, dst, nil)
	return dst
}

// gitRepo makes dir a git repository with everything committed.
func gitRepo(t *testing.T, dir string, env []string) {
	t.Helper()
	env = append(env, "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"commit", "-q", "-m", "snapshot"}} {
		if r := run(t, dir, env, "git", args...); r.code != 0 {
			t.Fatalf("git %v: %s", args, r.stderr)
		}
	}
}

func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		data, err := os.ReadFile(path)
		if err == nil {
			write(t, filepath.Join(dst, rel), string(data))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
