package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/settings"
)

// threeBuilds declares three deployments, each a build configuration of
// its own, for every main package.
const threeBuilds = `
[[deployment]]
target = "scratch"
build = { cgo = false }

[[deployment]]
target = "glibc"
build = { cgo = true }

[[deployment]]
target = "alpine"
build = { cgo = false, tags = ["netgo", "osusergo"] }
`

// TestSharedLoads judges every fixture module as its deployments say and
// on three build configurations, once with the loads of the run sharing
// the packages that are the same in several configurations (load.Shared)
// and once with each load on its own: the findings (position, check,
// message, related information, fixes, deployments) and the errors must
// be the same. With three configurations, the loads must have shared
// something (else this compares nothing).
func TestSharedLoads(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	mods, _ := filepath.Glob(filepath.Join(root, "testdata", "*", "go.mod"))
	more, _ := filepath.Glob(filepath.Join(root, "internal", "deploy", "testdata", "corpus", "*", "go.mod"))
	mods = append(mods, more...)
	// testdata/configs: a package whose files are the same everywhere
	// (mid) reaches exec.Command only in the netgo configuration, through
	// an import whose files differ (dep).
	configs := filepath.Join(root, "internal", "cli", "testdata", "configs")
	mods = append(mods, filepath.Join(configs, "go.mod"))
	if len(mods) < 20 {
		t.Fatalf("found %d fixture modules; the layout changed?", len(mods))
	}
	three := filepath.Join(t.TempDir(), "three.toml")
	if err := os.WriteFile(three, []byte(threeBuilds), 0o644); err != nil {
		t.Fatal(err)
	}
	shared, canonical := 0, 0
	for _, mod := range mods {
		dir := filepath.Dir(mod)
		name, _ := filepath.Rel(root, dir)
		for _, config := range []string{"", three} {
			got := judgeFixture(t, dir, config, false)
			want := judgeFixture(t, dir, config, true)
			if !reflect.DeepEqual(got.lines, want.lines) {
				t.Errorf("%s (config %q): shared loads found\n%s\nloads on their own found\n%s",
					name, config, strings.Join(got.lines, "\n"), strings.Join(want.lines, "\n"))
			}
			if dir == configs && config != "" && !strings.Contains(strings.Join(got.lines, "\n"), `exec.Command("git") in dep fails on alpine:`) {
				t.Errorf("testdata/configs on three configurations: no exec finding on alpine (the netgo build) in\n%s", strings.Join(got.lines, "\n"))
			}
			if config != "" && got.loads > 1 {
				shared++
				canonical += got.canonical
				if got.reused == 0 {
					t.Errorf("%s: %d loads shared nothing", name, got.loads)
				}
			}
		}
	}
	if shared < 5 {
		t.Errorf("only %d fixtures were loaded in several configurations", shared)
	}
	if canonical == 0 {
		t.Errorf("no package checked again had the API of an earlier load's (net with and without cgo should)")
	}
}

type judged struct {
	lines  []string
	loads  int // load configurations of the run
	reused int // summaries and declarations taken from an earlier load
	// canonical counts packages checked again whose API was an earlier
	// load's.
	canonical int
}

func judgeFixture(t *testing.T, dir, config string, noShare bool) judged {
	t.Helper()
	resolver, err := suite.Resolver(settings.Options{Config: config})
	if err != nil {
		t.Fatal(err)
	}
	base, err := resolver.ForDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	r := &checkRun{resolver: resolver, analyzers: suite.New(resolver), cwd: dir, env: env, noShare: noShare}
	var out judged
	if err := r.run([]string{"./..."}, base); err != nil {
		return judged{lines: []string{"run: " + err.Error()}}
	}
	for _, f := range r.findings {
		line := fmt.Sprintf("%s: %s (%s) [%s %s]", f.fset.Position(f.Pos), f.Message, f.Check, f.target, f.severity)
		for _, rel := range f.Related {
			line += fmt.Sprintf("\n\trelated %s: %s", f.fset.Position(rel.Pos), rel.Message)
		}
		for _, fix := range f.SuggestedFixes {
			line += "\n\tfix " + fix.Message
			for _, e := range fix.TextEdits {
				line += fmt.Sprintf("\n\t\t%s-%s %q", f.fset.Position(e.Pos), f.fset.Position(e.End), e.NewText)
			}
		}
		out.lines = append(out.lines, line)
	}
	for _, e := range r.errs {
		out.lines = append(out.lines, "error: "+e)
	}
	for _, p := range r.unloaded {
		out.lines = append(out.lines, "unloaded: "+p)
	}
	sort.Strings(out.lines)
	if r.shared != nil {
		reusedScans, _ := r.shared.ScansReused()
		out.reused = reusedScans + r.shared.DeclsReused
		out.canonical = r.shared.Canonical
		out.loads = 2 // at least
	}
	return out
}
