package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// There is no container engine here: this test reads the repository's
// Dockerfile as a builder would for what matters, and runs its build step.
// The final stage is the golang image (scratchvet needs the go command),
// it copies the binary the build stage writes, and that build command,
// run on the tree as the Dockerfile's context sees it, gives a binary
// that reports the version passed as a build argument.
func TestDockerfile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds scratchvet")
	}
	root, _ := filepath.Abs("../..")
	src := string(read(t, filepath.Join(root, "Dockerfile")))
	// Join continuation lines, drop comments.
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(src, "\\\n", " "), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	var froms []string
	var buildRun, copyFrom string
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "FROM "):
			froms = append(froms, l)
		case strings.HasPrefix(l, "RUN ") && strings.Contains(l, "go build"):
			buildRun = strings.TrimPrefix(l, "RUN ")
		case strings.HasPrefix(l, "COPY --from=build "):
			copyFrom = l
		}
	}
	if len(froms) != 2 || !strings.HasPrefix(froms[1], "FROM golang:") || !strings.HasSuffix(froms[0], " AS build") {
		t.Fatalf("stages: %q", froms)
	}
	out := regexp.MustCompile(`-o (\S+)`).FindStringSubmatch(buildRun)
	if out == nil || !strings.HasPrefix(copyFrom, "COPY --from=build "+out[1]+" /usr/local/bin/scratchvet") {
		t.Fatalf("the final stage does not copy what the build writes:\n%s\n%s", buildRun, copyFrom)
	}
	for _, want := range []string{"CGO_ENABLED=0 ", "-trimpath", "./cmd/scratchvet"} {
		if !strings.Contains(buildRun, want) {
			t.Errorf("the build step lacks %s: %s", want, buildRun)
		}
	}
	if !strings.Contains(src, `ENTRYPOINT ["scratchvet"]`) {
		t.Error("no ENTRYPOINT scratchvet")
	}

	// The build step, on the context .dockerignore leaves.
	context := copyTree(t, root)
	for _, l := range strings.Split(string(read(t, filepath.Join(root, ".dockerignore"))), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") && !strings.Contains(l, "*") {
			os.RemoveAll(filepath.Join(context, l))
		}
	}
	bin := filepath.Join(t.TempDir(), "scratchvet")
	cmd := exec.Command("sh", "-c", strings.Replace(buildRun, "-o "+out[1], "-o "+bin, 1))
	cmd.Dir = context
	cmd.Env = append(buildEnv(os.Environ()), "VERSION=v0.0.0-dockertest", "COMMIT=abc123", "GOFLAGS=-mod=readonly")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", buildRun, err, b)
	}
	b, err := exec.Command(bin, "version").Output()
	if err != nil || !strings.HasPrefix(string(b), "scratchvet v0.0.0-dockertest\ncommit abc123\n") {
		t.Errorf("version: %v\n%s", err, b)
	}
}
