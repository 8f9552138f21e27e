//go:build linux

package truth

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func caseNamed(t *testing.T, name string) fixtureCase {
	t.Helper()
	for _, fc := range fixtureCases {
		if fc.Name == name {
			return fc
		}
	}
	t.Fatalf("no case %s", name)
	return fixtureCase{}
}

// The suite must fail when a check reports where the program works or is
// silent where it fails; these cells stand in for such analyzer mutations.
func TestJudge(t *testing.T) {
	judged := map[string]bool{"dynlink": true, "tzdata": true, "caroots": true}
	ran := func(exit int, checks map[string]bool) runResult {
		return runResult{Exit: exit, Completed: exit == 0 || exit == 1, Checks: checks}
	}
	noExec := runResult{Exit: 127, NoExec: true, Checks: map[string]bool{}}
	crashed := runResult{Exit: 2, Checks: map[string]bool{"cryptorand": true}}
	tests := []struct {
		name, fixture string
		run           runResult
		reported      []string
		wantProblems  int
	}{
		{"failure reported", "tz", ran(1, map[string]bool{"tzdata": true}), []string{"tzdata"}, 0},
		{"failure missed", "tz", ran(1, map[string]bool{"tzdata": true}), nil, 1},
		{"works, silent", "tz", ran(0, map[string]bool{"tzdata": false}), nil, 0},
		{"works, false positive", "tz", ran(0, map[string]bool{"tzdata": false}), []string{"tzdata"}, 1},
		{"near-miss flagged", "tzconst", ran(0, map[string]bool{"tzdata": false}), []string{"tzdata"}, 1},
		{"near-miss failed", "tzconst", ran(1, map[string]bool{"tzdata": true}), []string{"tzdata"}, 1},
		{"unrelated check reports", "tz", ran(0, map[string]bool{"tzdata": false}), []string{"caroots"}, 1},
		{"no-exec reported", "tz", noExec, []string{"dynlink"}, 0},
		{"no-exec missed", "tz", noExec, nil, 1},
		{"dynlink where it starts", "nocgo", ran(0, map[string]bool{"dynlink": false}), []string{"dynlink"}, 1},
		{"no-exec masks the case's own check", "tz", noExec, []string{"dynlink", "tzdata"}, 0},
		{"no-exec does not excuse other checks", "tz", noExec, []string{"dynlink", "caroots"}, 1},
		{"crash masks a later operation", "tls", crashed, []string{"caroots"}, 0},
		{"unjudged check failing is not a disagreement", "userlookup", ran(1, map[string]bool{"userlookup": true}), nil, 0},
		{"unexplained failure", "tz", ran(2, map[string]bool{}), nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cell{fc: caseNamed(t, tt.fixture), run: tt.run}
			for _, check := range tt.reported {
				c.diags = append(c.diags, diagnostic{Check: check})
			}
			judge(&c, judged, true)
			if len(c.problems) != tt.wantProblems {
				t.Errorf("problems = %q, want %d", c.problems, tt.wantProblems)
			}
		})
	}
}

// runScratchvet must pass the configuration as scratchvet's contract says
// and attribute findings to the program whose directory holds the file.
func TestScratchvetInvocation(t *testing.T) {
	fake := filepath.Join(t.TempDir(), "scratchvet")
	script := `#!/bin/sh
args=$(printf '%s' "$*" | sed 's/"/\\"/g')
printf '{"diagnostics":[{"check":"tzdata","file":"%s/tz/main.go","line":3,"column":2,"message":"args=%s cgo=%s cc=%s","target":"alpine"}],"errors":[]}' "$PWD" "$args" "$CGO_ENABLED" "$CC"
exit 1
`
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	var group buildGroup
	for _, g := range buildGroups() {
		if g.config.Name == "e2-musl-static" && len(g.tags) == 0 {
			group = g
		}
	}
	res := runScratchvet(fake, vetGroup{build: group, target: "alpine"})
	if res.err != nil {
		t.Fatal(res.err)
	}
	diags := res.byCase["tz"]
	if len(diags) != 1 || len(res.byCase) != 1 {
		t.Fatalf("findings by case = %v, want one on tz", res.byCase)
	}
	for _, want := range []string{"-json -target alpine -ldflags " + staticLink, "./tz ", "cgo=1 cc=musl-gcc"} {
		if !strings.Contains(diags[0].Message, want) {
			t.Errorf("scratchvet saw %q, want it to contain %q", diags[0].Message, want)
		}
	}
}
