package main_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
)

// A finding whose cause main reaches only conservatively says so, the same
// in the standalone checker and in go vet -vettool (whose summaries travel
// in .vetx files); one reached directly is a plain claim (issue 20).
func TestHedgedInEveryDriver(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/hedge\n\ngo 1.23\n",
		"lib/lookup/lookup.go": `package lookup

import "os/user"

type Resolver struct{ UID string }

func (r Resolver) Resolve() (string, error) {
	u, err := user.LookupId(r.UID)
	if err != nil {
		return "", err
	}
	return u.Username, nil
}
`,
		"lib/runner/runner.go": `package runner

import "os/exec"

func Git() error { return exec.Command("git", "status").Run() }
`,
		"cmd/registry/main.go": `package main

import (
	"fmt"

	"example.com/hedge/lib/lookup"
	"example.com/hedge/lib/runner"
)

var plugins []any

var commands = map[string]func() error{"git": runner.Git}

func main() {
	plugins = append(plugins, lookup.Resolver{UID: "0"})
	fmt.Println(len(plugins), commands["git"]())
}
`,
		"cmd/direct/main.go": `package main

import (
	"fmt"

	"example.com/hedge/lib/lookup"
	"example.com/hedge/lib/runner"
)

func main() {
	fmt.Println(lookup.Resolver{UID: "0"}.Resolve())
	fmt.Println(runner.Git())
}
`,
	}
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{"CGO_ENABLED=0"}
	want := []string{
		`cmd/direct/main.go:6:2: user.LookupId in lib/lookup fails on scratch: "[^"]*" \([^()]*\)$`,
		`cmd/direct/main.go:7:2: exec.Command\("git"\) in lib/runner fails on scratch: \x60exec: "git": executable file not found in \$PATH\x60$`,
		`cmd/registry/main.go:6:2: user.LookupId in lib/lookup fails on scratch: .* \(may be unreachable: via a method\)$`,
		`cmd/registry/main.go:7:2: exec.Command\("git"\) in lib/runner fails on scratch: .* \(may be unreachable: via a table\)$`,
	}
	standalone := run(t, dir, env, binary, "-discover=false", "-target=scratch", "-checks=userlookup,exec", "./...")
	vet := run(t, dir, env, "go", "vet", "-vettool="+binary, "-target=scratch", "-checks=userlookup,exec", "./...")
	for name, out := range map[string]string{"standalone": standalone.stdout, "go vet": vet.stderr} {
		var got []string
		for _, line := range regexp.MustCompile(`(?m)^\S+\.go:\d+:\d+: [^\t].*$`).FindAllString(out, -1) {
			got = append(got, regexp.MustCompile(`^\./|^.*?(cmd/)`).ReplaceAllString(line, "$1"))
		}
		sort.Strings(got)
		if len(got) != len(want) {
			t.Errorf("%s: %d findings, want %d:\n%s", name, len(got), len(want), out)
			continue
		}
		for i, w := range want {
			if !regexp.MustCompile(`^` + w).MatchString(trimCheck(got[i])) {
				t.Errorf("%s: finding %q does not match %q", name, got[i], w)
			}
		}
	}
}

// trimCheck drops the standalone checker's " (check)" suffix.
func trimCheck(line string) string {
	return regexp.MustCompile(` \((userlookup|exec)\)$`).ReplaceAllString(line, "")
}
