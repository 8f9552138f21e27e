package load_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/load"
	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/settings"
)

// TestSourceImporterFindings checks every fixture of the repository twice:
// with the dependencies imported from export data (go list -export, which
// compiles them: how Load worked before) and from source (declarations
// only, the default). Every check runs on every package, on a few targets;
// the findings, their related information and their fixes must be the
// same, and so must the packages that load.
func TestSourceImporterFindings(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	type fixture struct {
		dir    string
		gopath bool // an analysistest tree (GOPATH layout, testdata/src)
	}
	var fixtures []fixture
	mods, _ := filepath.Glob(filepath.Join(root, "testdata", "*", "go.mod"))
	more, _ := filepath.Glob(filepath.Join(root, "internal", "deploy", "testdata", "corpus", "*", "go.mod"))
	mods = append(mods, more...)
	mods = append(mods, filepath.Join(root, "analyzers", "tmpdir", "testdata", "mod", "go.mod"))
	for _, m := range mods {
		fixtures = append(fixtures, fixture{dir: filepath.Dir(m)})
	}
	trees, _ := filepath.Glob(filepath.Join(root, "analyzers", "*", "testdata", "src"))
	for _, tree := range trees {
		fixtures = append(fixtures, fixture{dir: tree, gopath: true})
	}
	if len(fixtures) < 20 {
		t.Fatalf("found %d fixtures; the layout changed?", len(fixtures))
	}
	// SCRATCHVET_COMPARE_MODULES=DIR,DIR compares those module directories
	// instead (real projects, for docs/PERFORMANCE.md; their export-data
	// half compiles every dependency, so give it a GOCACHE of its own).
	if dirs := os.Getenv("SCRATCHVET_COMPARE_MODULES"); dirs != "" {
		fixtures = nil
		for _, dir := range strings.Split(dirs, ",") {
			fixtures = append(fixtures, fixture{dir: dir})
		}
	}
	for _, fx := range fixtures {
		name, err := filepath.Rel(root, fx.dir)
		if err != nil || strings.HasPrefix(name, "..") {
			name = filepath.Base(fx.dir)
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := append(os.Environ(), "GOFLAGS=", "GOWORK=off", "CGO_ENABLED=1")
			if fx.gopath {
				env = append(env, "GO111MODULE=off", "GOPATH="+filepath.Dir(fx.dir))
			}
			export := findingsOf(t, load.Config{Dir: fx.dir, Env: env, Patterns: []string{"./..."}, ExportData: true})
			source := findingsOf(t, load.Config{Dir: fx.dir, Env: env, Patterns: []string{"./..."}})
			if !reflect.DeepEqual(export, source) {
				t.Errorf("findings differ\nexport data:\n%s\nsource:\n%s",
					strings.Join(export, "\n"), strings.Join(source, "\n"))
			}
			if len(export) == 0 {
				t.Logf("no findings and no packages: compared nothing")
			}
			t.Logf("%d findings and unloaded packages with export data, %d from source", len(export), len(source))
			if os.Getenv("SCRATCHVET_COMPARE_MODULES") != "" {
				t.Logf("from source:\n%s", strings.Join(source, "\n"))
			}
		})
	}
}

// findingsOf loads cfg and runs every check on every root on a few
// targets, and describes what it got: one line a finding (position,
// check, message, related information, fixes) and one a root that did
// not load.
func findingsOf(t *testing.T, cfg load.Config) []string {
	prog, err := load.Load(cfg)
	if err != nil {
		return []string{"load: " + err.Error()}
	}
	var out []string
	for _, target := range []string{"scratch", "alpine", "glibc"} {
		resolver, err := suite.Resolver(settings.Options{Target: target})
		if err != nil {
			t.Fatal(err)
		}
		analyzers := suite.New(resolver)
		closures := copyClosures(prog)
		prog.Each(func(r *load.Root) {
			if r.Package == nil {
				out = append(out, fmt.Sprintf("%s: %s does not load", target, r.PkgPath))
				return
			}
			ps, err := resolver.ForPackage(r.Dir, r.PkgPath)
			if err != nil {
				t.Fatal(err)
			}
			r.Package.Closures = closures
			r.Package.Settings = ps
			res := driver.Run(r.Package, suite.Enabled(analyzers, ps))
			if res.Closure != nil {
				closures[r.PkgPath] = res.Closure
			}
			for _, err := range res.Errors {
				out = append(out, fmt.Sprintf("%s: %s: error %v", target, r.PkgPath, err))
			}
			fset := r.Package.Fset
			for _, f := range res.Findings {
				line := fmt.Sprintf("%s: %s: %s (%s)", target, fset.Position(f.Pos), f.Message, f.Check)
				for _, rel := range f.Related {
					line += fmt.Sprintf("\n\trelated %s: %s", fset.Position(rel.Pos), rel.Message)
				}
				for _, fix := range f.SuggestedFixes {
					line += "\n\tfix " + fix.Message
					for _, e := range fix.TextEdits {
						line += fmt.Sprintf("\n\t\t%s-%s %q", fset.Position(e.Pos), fset.Position(e.End), e.NewText)
					}
				}
				out = append(out, line)
			}
		})
	}
	sort.Strings(out)
	return out
}

func copyClosures(prog *load.Program) map[string]*program.Closure {
	out := make(map[string]*program.Closure, len(prog.Closures))
	for k, v := range prog.Closures {
		out[k] = v
	}
	return out
}
