package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An invalid config stopped the run before any output: -json and SARIF
// printed nothing (an empty SARIF file breaks the upload step). Each
// error is now an entry of JSON's errors and a SARIF notification, with
// executionSuccessful false (issue 14 item 7).
func TestErrorsAsDataBeforeLoading(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"go.mod":          "module e\n\ngo 1.23\n",
		"main.go":         "package main\n\nfunc main() {}\n",
		"scratchvet.toml": "target = 3\n[checks]\nnope = true\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var out, errb bytes.Buffer
	if code := check([]string{"-json", "./..."}, &out, &errb); code != ExitError {
		t.Fatalf("exit %d, want %d", code, ExitError)
	}
	var j struct{ Errors []string }
	if err := json.Unmarshal(out.Bytes(), &j); err != nil {
		t.Fatalf("-json output %q: %v", out.String(), err)
	}
	if len(j.Errors) != 2 || !strings.Contains(j.Errors[0], "scratchvet.toml:1:10: target must be a string") ||
		!strings.Contains(j.Errors[1], `scratchvet.toml:3:1: unknown check "nope"`) {
		t.Errorf("errors = %q", j.Errors)
	}
	if errb.Len() != 0 {
		t.Errorf("stderr %q: the JSON output carries the errors", errb.String())
	}

	out.Reset()
	if code := check([]string{"-format", "sarif", "./..."}, &out, &errb); code != ExitError {
		t.Fatalf("sarif: exit %d", code)
	}
	var s struct {
		Runs []struct {
			Invocations []struct {
				ExecutionSuccessful bool
				Notifications       []struct{ Message struct{ Text string } } `json:"toolExecutionNotifications"`
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &s); err != nil || len(s.Runs) != 1 || len(s.Runs[0].Invocations) != 1 {
		t.Fatalf("SARIF output %q: %v", out.String(), err)
	}
	inv := s.Runs[0].Invocations[0]
	if inv.ExecutionSuccessful || len(inv.Notifications) != 2 {
		t.Errorf("invocation = %+v", inv)
	}

	// Text output: one line per error, each prefixed (no orphan lines).
	out.Reset()
	errb.Reset()
	check([]string{"./..."}, &out, &errb)
	for _, line := range strings.Split(strings.TrimSpace(errb.String()), "\n") {
		if !strings.HasPrefix(line, "scratchvet: ") {
			t.Errorf("orphan line %q in\n%s", line, errb.String())
		}
	}
}
