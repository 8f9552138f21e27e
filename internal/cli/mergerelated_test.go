package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A finding true on deployments of two load configurations is reported
// once naming both, and keeps where each is declared: the related
// location of every deployment it names, once each — with each load on
// its own file set and with the loads sharing one.
func TestMergedFindingKeepsEveryDeployment(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/zones\n\ngo 1.23\n",
		"main.go": `package main

import "time"

func main() { time.LoadLocation("Europe/Paris") }
`,
		// Two load configurations (cgo off, cgo on), so two loads.
		"scratchvet.toml": `[[deployment]]
target = "scratch"
build = { cgo = false }

[[deployment]]
target = "alpine"
build = { cgo = true }
`,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	toml := filepath.Join(dir, "scratchvet.toml")
	for _, noShare := range []bool{true, false} {
		got := judgeFixture(t, dir, "", noShare)
		var tz []string
		for _, line := range got.lines {
			if strings.Contains(line, "(tzdata)") {
				tz = append(tz, line)
			}
		}
		if len(tz) != 1 {
			t.Fatalf("noShare=%v: %d tzdata findings, want 1 (merged):\n%s", noShare, len(tz), strings.Join(got.lines, "\n"))
		}
		line := tz[0]
		if !strings.Contains(line, "fails on scratch and alpine") {
			t.Errorf("noShare=%v: the finding does not name both deployments:\n%s", noShare, line)
		}
		for _, want := range []string{
			"related " + toml + ":1:1: deployment scratch",
			"related " + toml + ":5:1: deployment alpine",
		} {
			if n := strings.Count(line, want); n != 1 {
				t.Errorf("noShare=%v: %q appears %d times, want once, in\n%s", noShare, want, n, line)
			}
		}
	}
}
