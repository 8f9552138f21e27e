package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// step is one step of the composite action in action.yml.
type step struct {
	name, cond, run string
}

// actionSteps reads the steps of action.yml: their names, if: conditions
// and run: scripts (block scalars), enough for the tests below; actionlint
// (make lint) checks the metadata itself.
func actionSteps(t *testing.T) []step {
	src := string(read(t, filepath.Join("..", "..", "action.yml")))
	_, body, ok := strings.Cut(src, "\n  steps:\n")
	if !ok {
		t.Fatal("action.yml has no runs.steps")
	}
	var steps []step
	var cur *step
	inRun := false
	for _, line := range strings.Split(body, "\n") {
		switch {
		case strings.HasPrefix(line, "    - name: "):
			steps = append(steps, step{name: strings.TrimPrefix(line, "    - name: ")})
			cur, inRun = &steps[len(steps)-1], false
		case cur == nil:
		case inRun && (strings.HasPrefix(line, "        ") || strings.TrimSpace(line) == ""):
			cur.run += strings.TrimPrefix(line, "        ") + "\n"
		case strings.HasPrefix(line, "      if: "):
			cur.cond, inRun = strings.TrimPrefix(line, "      if: "), false
		case line == "      run: |":
			inRun = true
		default:
			inRun = false
		}
	}
	return steps
}

// The action uploads the SARIF log before it fails the job, and only then;
// its scripts are valid bash (and clean for shellcheck, when installed)
// and take inputs from the environment, never expanded into the script.
func TestActionSteps(t *testing.T) {
	steps := actionSteps(t)
	var names []string
	for _, s := range steps {
		names = append(names, s.name)
	}
	if strings.Join(names, "|") != "Install scratchvet|Run scratchvet|Upload SARIF to code scanning|Fail on findings" {
		t.Fatalf("steps: %q", names)
	}
	upload, fail := steps[2], steps[3]
	if strings.Contains(upload.cond, "success()") || strings.Contains(upload.cond, "failure()") || !strings.Contains(upload.cond, "steps.run.outputs.exit-code != ''") {
		t.Errorf("the upload must run whatever scratchvet found: if: %s", upload.cond)
	}
	if !strings.Contains(fail.cond, "steps.run.outputs.exit-code != '0'") {
		t.Errorf("fail step: if: %s", fail.cond)
	}
	for _, s := range steps {
		if s.name == "Upload SARIF to code scanning" {
			continue
		}
		if s.run == "" {
			t.Errorf("%s: no run script", s.name)
			continue
		}
		if strings.Contains(s.run, "${{") {
			t.Errorf("%s: an expression in the script (script injection): pass it through env", s.name)
		}
		if out, err := exec.Command("bash", "-n", "-c", s.run).CombinedOutput(); err != nil {
			t.Errorf("%s: bash -n: %v\n%s", s.name, err, out)
		}
		if shellcheck, err := exec.LookPath("shellcheck"); err == nil {
			cmd := exec.Command(shellcheck, "-s", "bash", "-")
			cmd.Stdin = strings.NewReader(s.run)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s: shellcheck: %v\n%s", s.name, err, out)
			}
		}
	}
}

// The run and fail steps' scripts, run as the runner would, with the real
// scratchvet on testdata/demo: one run writes the SARIF log and prints the
// findings, the outputs carry the exit status, and the last step fails the
// job on findings only when asked, and always on an error.
func TestActionScripts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds scratchvet")
	}
	steps := actionSteps(t)
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "scratchvet"), "./cmd/scratchvet")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	work := filepath.Join(copyTree(t, root), "testdata", "demo")
	run := func(script string, env ...string) (string, string, error) {
		outputs := filepath.Join(t.TempDir(), "github_output")
		os.WriteFile(outputs, nil, 0o644)
		cmd := exec.Command("bash", "-e", "-c", script)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), append(env, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "GITHUB_OUTPUT="+outputs)...)
		out, err := cmd.CombinedOutput()
		return string(out), string(read(t, outputs)), err
	}
	out, outputs, err := run(steps[1].run, "TARGET=scratch", "EXTRA_ARGS=-checks skipverify,tzdata ./...", "SARIF_FILE=scratchvet.sarif", "WORKDIR=testdata/demo")
	if err != nil {
		t.Fatalf("the run step failed: %v\n%s", err, out)
	}
	if !strings.Contains(outputs, "exit-code=1\n") || !strings.Contains(outputs, "sarif-file=testdata/demo/scratchvet.sarif\n") {
		t.Errorf("outputs:\n%s", outputs)
	}
	if !regexp.MustCompile(`main\.go:\d+:\d+: .*\(skipverify\)`).MatchString(out) || strings.Contains(out, "(dynlink)") {
		t.Errorf("text output (-checks from args):\n%s", out)
	}
	if sarif := string(read(t, filepath.Join(work, "scratchvet.sarif"))); !strings.Contains(sarif, `"ruleId": "skipverify"`) {
		t.Errorf("SARIF log:\n%s", sarif)
	}
	_, outputs, _ = run(steps[1].run, "TARGET=nowhere", "EXTRA_ARGS=./...", "SARIF_FILE=scratchvet.sarif", "WORKDIR=.")
	if !strings.Contains(outputs, "exit-code=2\n") {
		t.Errorf("bad target: outputs\n%s", outputs)
	}
	for _, c := range []struct {
		code, fail string
		fails      bool
	}{{"1", "true", true}, {"1", "false", false}, {"2", "false", true}, {"2", "true", true}} {
		_, _, err := run(steps[3].run, "CODE="+c.code, "FAIL_ON_FINDINGS="+c.fail)
		if (err != nil) != c.fails {
			t.Errorf("exit %s, fail-on-findings %s: step failed %v, want %v", c.code, c.fail, err != nil, c.fails)
		}
	}
}
