package main_test

import (
	"strings"
	"testing"
)

// suppressedFindings are what remains of testdata/suppressed: every
// finding there is silenced except the one whose directive lacks a reason,
// and that directive is reported too.
var suppressedFindings = []string{
	"./cmd/server/main.go:34:14 (tzdata)",
	"./cmd/server/main.go:34:48 (tzdata)",
}

// The directives are applied inside the checks, so the standalone checker
// and go vet honour them alike; -unused-suppressions adds the stale one.
func TestSuppressions(t *testing.T) {
	dir := copyModule(t, "suppressed")
	r := run(t, dir, nil, binary, "./...")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	equal(t, "standalone", findingsOf(t, r.stdout), suppressedFindings)
	if !strings.Contains(r.stdout, "needs a reason") {
		t.Errorf("the directive without a reason is not explained:\n%s", r.stdout)
	}

	withUnused := append(append([]string(nil), suppressedFindings...),
		"./cmd/server/main.go:40:26 (dns)", "./cmd/server/main.go:46:31 (scratchvet)")
	r = run(t, dir, nil, binary, "-unused-suppressions", "./...")
	equal(t, "standalone -unused-suppressions", findingsOf(t, r.stdout), withUnused)
	if !strings.Contains(r.stdout, "//nolint:scratchvet suppresses no finding of any check") {
		t.Errorf("the unused //nolint:scratchvet is not explained:\n%s", r.stdout)
	}
	// With some checks only, a directive for all of them may serve one
	// that did not run: it is not reported.
	r = run(t, dir, nil, binary, "-unused-suppressions", "-checks", "tzdata,dns", "./...")
	if strings.Contains(r.stdout, "(scratchvet)") {
		t.Errorf("-checks tzdata,dns: //nolint:scratchvet reported unused:\n%s", r.stdout)
	}

	r = run(t, dir, nil, "go", "vet", "-vettool="+binary, "./...")
	var want []string
	for _, f := range suppressedFindings {
		want = append(want, strings.Fields(f)[0])
	}
	equal(t, "go vet", sorted(vetFindings(r.stderr)), sorted(want))
	r = run(t, dir, nil, "go", "vet", "-vettool="+binary, "-unused-suppressions", "./...")
	if got := vetFindings(r.stderr); len(got) != 4 || !strings.Contains(r.stderr, "//nolint:dns suppresses no dns finding") ||
		!strings.Contains(r.stderr, "//nolint:scratchvet suppresses no finding of any check") {
		t.Errorf("go vet -unused-suppressions: %v\n%s", got, r.stderr)
	}
}

// scratchvet.toml's [exclude] is applied inside the checks, so go vet
// leaves out the excluded paths as the standalone checker does.
func TestExcludeUnderGoVet(t *testing.T) {
	dir := copyModule(t, "configured")
	want := []string{"./cmd/app/main.go:14:14", "./cmd/app/main.go:17:22", "./cmd/app/main.go:6:2"}
	r := run(t, dir, nil, "go", "vet", "-vettool="+binary, "./...")
	equal(t, "go vet", sorted(vetFindings(r.stderr)), want)
	r = run(t, dir, nil, binary, "./...")
	var standalone []string
	for _, f := range findingsOf(t, r.stdout) {
		standalone = append(standalone, strings.Fields(f)[0])
	}
	equal(t, "standalone", sorted(standalone), want)
}
