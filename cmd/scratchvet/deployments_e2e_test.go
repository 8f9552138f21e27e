package main_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestDeploymentsCommand runs `scratchvet deployments` on corpus modules:
// text with a file:line for each fact, -json that parses, and the exit
// statuses of misuse.
func TestDeploymentsCommand(t *testing.T) {
	corpus, err := filepath.Abs("../../internal/deploy/testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(corpus, "make-disagree")
	// From a subdirectory: the module root is found above it.
	r := run(t, filepath.Join(dir, "cmd", "svc"), nil, binary, "deployments")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"./cmd/svc (example.com/makedisagree/cmd/svc)\n  on distroless-static (../../Dockerfile:7)\n",
		"image     gcr.io/distroless/static-debian12  (../../Dockerfile:7)",
		"CGO_ENABLED=0  (../../Dockerfile:2)",
		"../../Dockerfile:2: declarations disagree: CGO_ENABLED=0 at ../../Dockerfile:2; CGO_ENABLED=1 at ../../Makefile:2",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}

	r = run(t, filepath.Join(corpus, "broken"), nil, binary, "deployments", "-json")
	if r.code != 0 {
		t.Fatalf("-json: exit %d, stderr %s", r.code, r.stderr)
	}
	var res struct {
		Deployments []struct {
			Main  string
			Build struct{ Cgo struct{ Value string } }
		}
		Problems []struct {
			Pos struct {
				File string
				Line int
			}
			Message string
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatalf("-json output does not parse: %v\n%s", err, r.stdout)
	}
	if len(res.Deployments) != 2 || len(res.Problems) != 3 || res.Problems[1].Pos.File != "Dockerfile" || res.Problems[1].Pos.Line != 4 {
		t.Errorf("broken corpus: %+v", res)
	}

	if r := run(t, t.TempDir(), nil, binary, "deployments"); r.code != 2 || !strings.Contains(r.stderr, "not in a Go module") {
		t.Errorf("outside a module: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := run(t, dir, nil, binary, "deployments", "a", "b"); r.code != 2 || !strings.Contains(r.stderr, "usage: scratchvet deployments") {
		t.Errorf("two directories: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestUnreadableDeploymentFile: a check run on a module whose Dockerfile
// and goreleaser file do not parse says so at their lines, does not fail,
// and judges the deployments the rest declares (./cmd/ok on Alpine).
func TestUnreadableDeploymentFile(t *testing.T) {
	dir, err := filepath.Abs("../../internal/deploy/testdata/corpus/broken")
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, filepath.Join(dir, "cmd"), nil, binary, "./...")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
	}
	for _, want := range []string{
		`scratchvet: note: ../Dockerfile:4: unknown instruction "FORM" (skipped; the other deployment declarations still count)`,
		`scratchvet: note: ../.goreleaser.yaml:5: YAML: did not find expected '-' indicator`,
		`scratchvet: note: ../Dockerfile.heredoc:2: here-document <<EOF is not terminated`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	r = run(t, filepath.Join(dir, "cmd"), nil, binary, "-json", "./...")
	var out struct{ Target string }
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if !strings.Contains(out.Target, "alpine (Dockerfile:7)") {
		t.Errorf("judged %q, want the Alpine deployment the Dockerfile still declares", out.Target)
	}
}
