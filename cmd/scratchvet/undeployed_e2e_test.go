package main_test

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestUndeployedMainPackage runs the standalone checker and go vet on
// testdata/undeployed: ./cmd/api ships on Alpine (Dockerfile), ./cmd/relay
// is copied prebuilt into Alpine with no declared build (Dockerfile.relay),
// ./cmd/devtool ships nowhere. Both front ends judge devtool only by the
// checks that judge the code alone (skipverify), say so in a note, judge
// it against a target given explicitly, and hedge relay's dynlink finding,
// whose verdict is the undeclared CGO_ENABLED.
func TestUndeployedMainPackage(t *testing.T) {
	dir := copyModule(t, "undeployed")
	const note = "scratchvet: note: ./cmd/devtool: no deployment declared; not judged against an image (set -target or a [[deployment]])"
	want := []string{
		`./cmd/api/main.go:11:14 tzdata: time.LoadLocation fails on alpine (Dockerfile:7): "unknown time zone" (no zoneinfo; time/tzdata not embedded)`,
		`./cmd/devtool/main.go:18:26 skipverify: InsecureSkipVerify: true accepts any certificate for any host, an attacker's included`,
		`./cmd/relay/main.go:6:2 dynlink: the binary fails to start on alpine (Dockerfile.relay:3): "exec /app: no such file or directory" (cgo in net) (may not apply: CGO_ENABLED not declared)`,
	}

	// The standalone checker, CGO_ENABLED left to the go command (cgo on:
	// gcc is installed).
	unset := []string{"CGO_ENABLED="}
	r := run(t, dir, unset, binary, "-json", "./...")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	var out struct {
		Diagnostics []struct {
			Check, File, Message string
			Line, Column         int
			Related              []struct{ Message string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	var got []string
	for _, d := range out.Diagnostics {
		rel, err := filepath.Rel(dir, d.File)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, "./"+filepath.ToSlash(rel)+":"+itoa(d.Line)+":"+itoa(d.Column)+" "+d.Check+": "+d.Message)
		if d.Check == "dynlink" && (len(d.Related) == 0 || !strings.Contains(d.Related[0].Message, "declares no CGO_ENABLED: judged as the go command builds here (CGO_ENABLED=1")) {
			t.Errorf("dynlink's first related note should name the go command's default: %+v", d.Related)
		}
	}
	equal(t, "standalone findings", sorted(got), want)
	r = run(t, dir, unset, binary, "./...")
	if n := strings.Count(r.stderr, note); n != 1 {
		t.Errorf("the note appears %d times, want once:\n%s", n, r.stderr)
	}

	// go vet: the same findings, the same messages, the same note.
	r = run(t, dir, unset, "go", "vet", "-vettool="+binary, "./...")
	if r.code != 1 {
		t.Fatalf("go vet exit %d, want 1\n%s", r.code, r.stderr)
	}
	equal(t, "go vet findings", vetMessages(r.stderr), want)
	if !strings.Contains(r.stderr, note) {
		t.Errorf("go vet's output lacks the note:\n%s", r.stderr)
	}

	// A target given explicitly judges devtool against it, with every
	// check; so does a repository that declares no deployment (TestGoVet,
	// demoFindings).
	for _, explicit := range [][]string{{"-target=scratch"}, {"SCRATCHVET_TARGET=scratch"}} {
		args, env := []string{"./cmd/devtool"}, unset
		if strings.HasPrefix(explicit[0], "-") {
			args = append(explicit, args...)
		} else {
			env = append(env, explicit...)
		}
		r := run(t, dir, env, binary, args...)
		for _, check := range []string{"(tzdata)", "(userlookup)", "(caroots)", "(skipverify)"} {
			if !strings.Contains(r.stdout, check) {
				t.Errorf("%v: no %s finding on devtool:\n%s", explicit, check, r.stdout)
			}
		}
		if strings.Contains(r.stderr, "no deployment declared") {
			t.Errorf("%v: the note should not appear:\n%s", explicit, r.stderr)
		}
	}
}

// vetMessages are go vet's findings as "./file:line:col check: message",
// sorted; go vet names the check in a "-json" run only, so the check is
// read from the message's subject.
func vetMessages(stderr string) []string {
	var got []string
	for _, line := range strings.Split(stderr, "\n") {
		m := vetMessage.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		check := "?"
		switch {
		case strings.HasPrefix(m[2], "InsecureSkipVerify"):
			check = "skipverify"
		case strings.HasPrefix(m[2], "the binary fails to start"):
			check = "dynlink"
		case strings.HasPrefix(m[2], "time.LoadLocation"):
			check = "tzdata"
		}
		got = append(got, "./"+m[1]+" "+check+": "+m[2])
	}
	sort.Strings(got)
	return got
}

var vetMessage = regexp.MustCompile(`^(\S+\.go:\d+:\d+): ([^\t].*)$`)

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
