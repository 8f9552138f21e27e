//go:build linux

package truth

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scratchvet/scratchvet/target"
)

// cell is one (case, configuration, target) of the matrix.
type cell struct {
	fc     fixtureCase
	config buildConfig
	target string
	run    runResult
	diags  []diagnostic // findings of judged checks on this case
	vetCmd string       // the scratchvet command line that judged the cell
	vetErr bool         // scratchvet failed on the cell's packages
	// judged is filled by judge.
	verdicts []verdict
	problems []string // disagreements between run and diagnostics
}

// verdict is the comparison of one check in one cell.
type verdict struct {
	check    string
	failed   bool // the program failed because of the check's risk
	reported bool // scratchvet reported the check on the case
	masked   bool // the operation never ran (no-exec or an earlier crash)
}

func (v verdict) agrees() bool { return v.masked || v.failed == v.reported }

func TestRuntimeTruth(t *testing.T) {
	if skipReason != "" {
		t.Skip(skipReason)
	}
	for _, tool := range []string{"gcc", "musl-gcc"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: install Debian's gcc, libc6-dev and musl-tools (apt-get install -y gcc libc6-dev musl-tools)", tool)
		}
	}
	start := time.Now()
	ctx := context.Background()
	work := t.TempDir()

	ca, err := newTestCA()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := startServers(ca)
	if err != nil {
		t.Fatalf("%v (is another run of the suite sharing this network namespace?)", err)
	}
	t.Cleanup(srv.stop)

	targets := truthTargets()
	// scratchvet needs none of the builds: judge while they run.
	var judging sync.WaitGroup
	var checks []string
	var vet map[vetKey]vetResult
	judging.Add(1)
	go func() {
		defer judging.Done()
		vetStart := time.Now()
		checks, vet = runAllScratchvet(targets)
		t.Logf("scratchvet judged %d invocations in %v", len(vet), time.Since(vetStart).Round(time.Second))
	}()
	defer judging.Wait() // also on t.Fatal

	launcher, err := buildLauncher(work)
	if err != nil {
		t.Fatal(err)
	}
	built := buildFixtures(filepath.Join(work, "bin"))
	for _, e := range built.errs {
		t.Error(e)
	}
	t.Logf("built %d fixture binaries and %d plugins in %v", len(built.binary), len(built.plugin), time.Since(start).Round(time.Second))

	roots := map[string]string{}
	envs := map[string][]string{}
	for _, tt := range targets {
		root, release, err := setUpRootfs(filepath.Join(work, "rootfs"), tt, ca, built, launcher)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(release) // before the work directory is removed
		if envs[tt.Spec], err = tt.environment(root); err != nil {
			t.Fatal(err)
		}
		roots[tt.Spec] = root
	}
	runStart := time.Now()
	cells := runAll(ctx, targets, roots, envs, built)
	t.Logf("ran %d cells in %v", len(cells), time.Since(runStart).Round(time.Second))
	judging.Wait()

	judgedChecks := map[string]bool{}
	for _, c := range checks {
		if c != checkNotInMatrix {
			judgedChecks[c] = true
		}
	}
	for i := range cells {
		c := &cells[i]
		if vet != nil {
			res := vet[vetKey{c.config.Name, strings.Join(c.fc.Tags, ","), c.target}]
			c.vetCmd, c.vetErr = res.command, res.err != nil
			for _, d := range res.byCase[c.fc.Name] {
				if judgedChecks[d.Check] {
					c.diags = append(c.diags, d)
				}
			}
		}
		judge(c, judgedChecks, vet != nil)
		for _, p := range c.problems {
			t.Errorf("%s/%s/%s: %s\n  run (exit %d): %s\n  diagnostics: %s\n  judged by: cd testdata/runtime && %s",
				c.fc.Name, c.config.Name, c.target, p, c.run.Exit, indent(c.run.Output), indent(describeDiags(c.diags)), c.vetCmd)
		}
	}
	for _, key := range sortedVetKeys(vet) {
		if err := vet[key].err; err != nil {
			t.Errorf("scratchvet failed, so these cells are not judged: %v", err)
		}
	}
	if scratchvetBuildErr != nil {
		t.Errorf("scratchvet is not built, so no cell was judged: %v", scratchvetBuildErr)
	}

	matrix := renderMatrix(cells, checks, targets)
	t.Log("\n" + matrix)
	if os.Getenv("SCRATCHVET_WRITE_TRUTH") == "1" {
		path := filepath.Join(repoRoot(), "docs", "TRUTH.md")
		if err := os.WriteFile(path, []byte(matrix), 0o644); err != nil {
			t.Error(err)
		} else {
			t.Logf("wrote %s", path)
		}
	}
	if path := os.Getenv(outputsEnv); path != "" {
		if err := os.WriteFile(path, []byte(renderOutputs(cells)), 0o644); err != nil {
			t.Error(err)
		}
	}
	t.Logf("total %v", time.Since(start).Round(time.Second))
}

// outputsEnv names a file to write every cell's run output to, for
// comparing runs with docs/FACTS.md.
const outputsEnv = "SCRATCHVET_TRUTH_OUTPUTS"

func renderOutputs(cells []cell) string {
	var b strings.Builder
	for _, c := range cells {
		fmt.Fprintf(&b, "## %s/%s/%s (exit %d, %v)\n%s\n\n", c.fc.Name, c.config.Name, c.target,
			c.run.Exit, c.run.Duration.Round(time.Millisecond), c.run.Output)
	}
	return b.String()
}

// setUpRootfs assembles the target's root filesystem under dir from the
// target model and installs the application in it. release unmounts what
// the assembly mounted.
func setUpRootfs(dir string, tt truthTarget, ca *testCA, built *builtFixtures, launcher string) (root string, release func(), err error) {
	root = filepath.Join(dir, tt.dirName())
	additions := map[string]string{
		"/etc/hosts":                         "127.0.0.1\t" + hostsOnlyName + "\n",
		"/etc/ssl/certs/ca-certificates.crt": string(ca.certPEM),
	}
	release, err = assembleRootfs(root, tt.Target, additions)
	if err != nil {
		return "", release, err
	}
	return root, release, installApp(root, built, launcher, ca.certPEM)
}

// runAll runs every built case under every configuration in every root
// filesystem that runs it, several at a time.
func runAll(ctx context.Context, targets []truthTarget, roots map[string]string, envs map[string][]string, built *builtFixtures) []cell {
	var cells []cell
	for _, fc := range fixtureCases {
		for _, cfg := range buildConfigs {
			if _, ok := built.binary[[2]string{fc.Name, cfg.Name}]; !ok {
				continue
			}
			for _, tt := range targets {
				if tt.runs(fc) {
					cells = append(cells, cell{fc: fc, config: cfg, target: tt.Spec})
				}
			}
		}
	}
	byName := map[string]target.Target{}
	for _, tt := range targets {
		byName[tt.Spec] = tt.Target
	}
	var wg sync.WaitGroup
	slots := make(chan struct{}, 4*runtime.NumCPU())
	for i := range cells {
		c := &cells[i]
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			dir := appDir + "/" + c.config.Name
			argv := []string{dir + "/" + c.fc.Name}
			for _, a := range c.fc.Args {
				argv = append(argv, strings.ReplaceAll(a, "{dir}", dir))
			}
			c.run = runFixture(ctx, roots[c.target], byName[c.target], envs[c.target], argv)
		}()
	}
	wg.Wait()
	return cells
}

// vetKey identifies a scratchvet invocation's result: configuration, extra
// tags, target.
type vetKey struct{ config, tags, target string }

// runAllScratchvet lists the checks and runs scratchvet for every build
// group and target, on the group's cases that run there. Both results are
// nil when scratchvet is not built.
func runAllScratchvet(targets []truthTarget) ([]string, map[vetKey]vetResult) {
	if scratchvetBin == "" {
		return nil, nil
	}
	checks, err := listChecks(scratchvetBin)
	results := map[vetKey]vetResult{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.NumCPU())
	for _, g := range buildGroups() {
		for _, tt := range targets {
			group := g
			group.cases = nil
			for _, fc := range g.cases {
				if tt.runs(fc) {
					group.cases = append(group.cases, fc)
				}
			}
			if len(group.cases) == 0 {
				continue
			}
			key := vetKey{g.config.Name, strings.Join(g.tags, ","), tt.Spec}
			if err != nil {
				results[key] = vetResult{err: err}
				continue
			}
			wg.Add(1)
			go func(g vetGroup) {
				defer wg.Done()
				slots <- struct{}{}
				defer func() { <-slots }()
				res := runScratchvet(scratchvetBin, g)
				mu.Lock()
				results[key] = res
				mu.Unlock()
			}(vetGroup{build: group, target: tt.Spec})
		}
	}
	wg.Wait()
	return checks, results
}

// judge compares the run with the findings, check by check: a judged check
// must be reported exactly when an operation of its risk failed. dynlink's
// risk is not starting at all. A check the case never exercises must stay
// silent even where the program could not start. A check whose operation
// never ran (no-exec, or a crash before it) is not judged.
func judge(c *cell, judgedChecks map[string]bool, haveVet bool) {
	r := c.run
	if r.HarnessErr != nil {
		c.problems = append(c.problems, "harness: "+r.HarnessErr.Error())
		return
	}
	failed := r.failed()
	if r.Exit != 0 && !r.NoExec && len(failed) == 0 {
		c.problems = append(c.problems, "the program failed, but no operation reported a failure: fix the fixture")
	}
	if nm := c.fc.NearMissOf; nm != "" && r.Checks[nm] {
		c.problems = append(c.problems, fmt.Sprintf("near-miss fixture failed on %s, the risk it must avoid: fix the fixture", nm))
	}
	if !haveVet {
		return
	}
	if c.vetErr {
		return // reported once for all cells of the invocation
	}
	reported := map[string]bool{}
	for _, d := range c.diags {
		reported[d.Check] = true
	}
	for _, check := range sortedKeys(judgedChecks) {
		v := verdict{check: check, reported: reported[check]}
		failedOp, ran := r.Checks[check]
		switch {
		case check == "dynlink":
			v.failed = r.NoExec
		case ran:
			v.failed = failedOp
		case c.fc.hasCheck(check) && !r.Completed:
			v.masked = true
		}
		c.verdicts = append(c.verdicts, v)
		if !v.agrees() {
			if v.failed {
				c.problems = append(c.problems, fmt.Sprintf("check %s is silent, but the program failed on its risk", check))
			} else {
				c.problems = append(c.problems, fmt.Sprintf("check %s reported, but the program did not fail on its risk", check))
			}
		}
	}
}

func sortedVetKeys(m map[vetKey]vetResult) []vetKey {
	keys := make([]vetKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.config != b.config {
			return a.config < b.config
		}
		if a.tags != b.tags {
			return a.tags < b.tags
		}
		return a.target < b.target
	})
	return keys
}

func describeDiags(diags []diagnostic) string {
	if len(diags) == 0 {
		return "(none)"
	}
	var lines []string
	for _, d := range diags {
		lines = append(lines, d.String())
	}
	return strings.Join(lines, "\n")
}

func indent(s string) string {
	return strings.ReplaceAll(s, "\n", "\n    ")
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
