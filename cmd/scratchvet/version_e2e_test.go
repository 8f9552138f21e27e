package main_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

// go install ./cmd/scratchvet in a git checkout: scratchvet version names
// the commit and the Go version; -json has the same.
func TestVersionFromCheckout(t *testing.T) {
	if testing.Short() {
		t.Skip("builds scratchvet in a fresh clone")
	}
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skipf("not in a git checkout: %v", err)
	}
	// A clone, not this directory: the go command reads VCS information
	// only where .git is a directory (not in a git worktree).
	clone := filepath.Join(t.TempDir(), "src")
	if out, err := exec.Command("git", "clone", "--quiet", strings.TrimSpace(string(top)), clone).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	head, err := exec.Command("git", "-C", clone, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	gobin := t.TempDir()
	// -buildvcs=true: GOFLAGS may turn it off (and "auto" is off under
	// some CI checkouts).
	install := exec.Command("go", "install", "-buildvcs=true", "./cmd/scratchvet")
	install.Dir = clone
	install.Env = append(os.Environ(), "GOBIN="+gobin)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install: %v\n%s", err, out)
	}
	installed := filepath.Join(gobin, "scratchvet")
	r := run(t, clone, nil, installed, "version")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	want := []string{"scratchvet ", "commit " + strings.TrimSpace(string(head)), "built with " + runtime.Version() + " for " + runtime.GOOS + "/" + runtime.GOARCH}
	if r.code != 0 || len(lines) != 3 {
		t.Fatalf("scratchvet version: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for i, prefix := range want {
		if !strings.HasPrefix(lines[i], prefix) {
			t.Errorf("line %d: %q, want it to start with %q", i+1, lines[i], prefix)
		}
	}
	r = run(t, clone, nil, installed, "version", "-json")
	var info struct{ Version, Commit, Go, Platform string }
	if err := json.Unmarshal([]byte(r.stdout), &info); err != nil || info.Version == "" || info.Commit != strings.TrimSpace(string(head)) || info.Go != runtime.Version() {
		t.Errorf("version -json: %v\n%s", err, r.stdout)
	}
}

// go vet asks a vet tool for -V=full and keys its cache on the answer: a
// "devel" version must end with the binary's Go build ID, which changes
// whenever the binary does.
func TestVetToolVersionHandshake(t *testing.T) {
	r := run(t, ".", nil, binary, "-V=full")
	f := strings.Fields(r.stdout)
	if r.code != 0 || len(f) < 4 || f[0] != binary || f[1] != "version" || f[2] != "devel" {
		t.Fatalf("-V=full: exit %d: %q", r.code, r.stdout)
	}
	id, err := exec.Command("go", "tool", "buildid", binary).Output()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f[len(f)-1], "buildID="+strings.TrimSpace(string(id)); got != want {
		t.Errorf("-V=full ends with %q, want %q", got, want)
	}
	if r := run(t, ".", nil, binary, "version", "extra"); r.code != 2 || !strings.Contains(r.stderr, `unexpected argument "extra"`) {
		t.Errorf("version extra: exit %d %s", r.code, r.stderr)
	}
}

// go install github.com/scratchvet/scratchvet/cmd/scratchvet@vX.Y.Z: the
// binary reports vX.Y.Z. The module is served at a version it never had
// (v0.0.1-versiontest) by a GOPROXY directory made from HEAD, in front of
// the real proxy for the dependencies, with a module cache of its own so
// that the made-up version never reaches the shared one.
func TestVersionFromGoInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("downloads the dependencies into a new module cache and builds scratchvet")
	}
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skipf("not in a git checkout: %v", err)
	}
	const path, version = "github.com/scratchvet/scratchvet", "v0.0.1-versiontest"
	proxy := t.TempDir()
	dir := filepath.Join(proxy, path, "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// A clone: x/mod, like the go command, wants .git to be a directory.
	clone := filepath.Join(t.TempDir(), "src")
	if out, err := exec.Command("git", "clone", "--quiet", strings.TrimSpace(string(top)), clone).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	var zipped bytes.Buffer
	if err := modzip.CreateFromVCS(&zipped, module.Version{Path: path, Version: version}, clone, "HEAD", ""); err != nil {
		t.Fatal(err)
	}
	gomod, err := exec.Command("git", "-C", clone, "show", "HEAD:go.mod").Output()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"list":            []byte(version + "\n"),
		version + ".info": []byte(`{"Version":"` + version + `","Time":"2026-12-04T00:00:00Z"}`),
		version + ".mod":  gomod,
		version + ".zip":  zipped.Bytes(),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	modcache, gobin := t.TempDir(), t.TempDir()
	t.Cleanup(func() { // the module cache's files are read-only
		clean := exec.Command("go", "clean", "-modcache")
		clean.Env = append(os.Environ(), "GOMODCACHE="+modcache)
		clean.Run()
	})
	upstream, _ := exec.Command("go", "env", "GOPROXY").Output()
	install := exec.Command("go", "install", "-trimpath", path+"/cmd/scratchvet@"+version)
	install.Dir = t.TempDir()
	install.Env = append(os.Environ(), "GOBIN="+gobin, "GOMODCACHE="+modcache, "GOFLAGS=-mod=mod",
		"GOPROXY=file://"+filepath.ToSlash(proxy)+","+strings.TrimSpace(string(upstream)),
		"GONOSUMDB="+path, "GONOSUMCHECK=1", "GOTOOLCHAIN=local")
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install: %v\n%s", err, out)
	}
	r := run(t, ".", nil, filepath.Join(gobin, "scratchvet"), "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "scratchvet "+version+"\nbuilt with "+runtime.Version()) {
		t.Errorf("scratchvet version:\n%s%s", r.stdout, r.stderr)
	}
}
