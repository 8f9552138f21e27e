package main_test

// End-to-end tests: they build the scratchvet binary and run it, standalone
// and as a real `go vet -vettool`, on copies of the modules in testdata/.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "scratchvet-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "scratchvet")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building scratchvet: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// run runs a command in dir with a controlled environment: the variables
// that select the target or the build configuration are cleared unless
// given in env.
func run(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return result{stdout.String(), stderr.String(), code}
}

func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "SCRATCHVET_TARGET", "GOFLAGS", "CGO_ENABLED", "CC":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "CGO_ENABLED=1", "GOFLAGS=-mod=mod")
}

// copyModule copies testdata/NAME into a temporary directory.
func copyModule(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", name)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// demoFindings are the findings on testdata/demo for target scratch with
// CGO_ENABLED=1, as "file:line:col (check)".
var demoFindings = []string{
	"./cmd/server/main.go:6:2 (dynlink)",
	"./cmd/server/main.go:12:2 (tzdata)",
	"./cmd/server/main.go:22:13 (caroots)",
	"./cmd/server/main.go:23:32 (skipverify)",
}

// withUserLookup adds the user.Current finding, reported when os/user is
// pure Go or linked statically (a dynamic cgo build does not start at all).
func withUserLookup(findings []string) []string {
	out := append([]string{findings[0]}, "./cmd/server/main.go:16:12 (userlookup)")
	return append(out, findings[1:]...)
}

var textLine = regexp.MustCompile(`^(\S+:\d+:\d+): .* \((\w+)\)$`)

func findingsOf(t *testing.T, out string) []string {
	t.Helper()
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" || strings.HasPrefix(line, "\t") {
			continue // related information, indented below its finding
		}
		m := textLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("line not in file:line:col: message (check) form: %q", line)
		}
		got = append(got, m[1]+" ("+m[2]+")")
	}
	return got
}

func equal(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot\n\t%s\nwant\n\t%s", what, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestStandaloneText(t *testing.T) {
	dir := copyModule(t, "demo")
	r := run(t, dir, nil, binary, "./...")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (findings)\n%s%s", r.code, r.stdout, r.stderr)
	}
	equal(t, "findings", findingsOf(t, r.stdout), demoFindings)
	for _, want := range []string{
		`cgo in net and os/user needs /lib64/ld-linux-x86-64.so.2`,
		"\t" + filepath.Join(runtime.GOROOT(), "src", "crypto", "tls", "common.go") + ":24:2: crypto/tls imports net\n",
		`import "C" in net`,
		"\t./cmd/server/main.go:10:2: example.com/demo/cmd/server imports os/user\n",
		`time.LoadLocation in internal/schedule fails on scratch: "unknown time zone"`,
		`x509: certificate signed by unknown authority`,
		"\t./internal/schedule/schedule.go:8:14: time.LoadLocation(...) in example.com/demo/internal/schedule\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// The same program judged against other targets and build configurations.
func TestTargetsAndBuildConfigs(t *testing.T) {
	dir := copyModule(t, "demo")
	cases := []struct {
		name string
		env  []string
		args []string
		want []string
	}{
		{"distroless-static", nil, []string{"-target", "distroless-static"},
			[]string{demoFindings[0], demoFindings[3]}},
		{"distroless-base", nil, []string{"-target=distroless-base"}, []string{demoFindings[3]}},
		{"env target", []string{"SCRATCHVET_TARGET=glibc"}, nil, []string{demoFindings[3]}},
		{"CGO_ENABLED=0", []string{"CGO_ENABLED=0"}, nil, withUserLookup(demoFindings[1:])},
		// net no longer links cgo: the binary's one dynlink finding moves
		// to the import of os/user.
		{"netgo tag", nil, []string{"-tags", "netgo"}, []string{"./cmd/server/main.go:10:2 (dynlink)", demoFindings[1], demoFindings[2], demoFindings[3]}},
		{"static link", nil, []string{"-ldflags", `-linkmode external -extldflags "-static"`}, withUserLookup(demoFindings[1:])},
		{"one check", nil, []string{"-checks", "tzdata"}, []string{demoFindings[1]}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, dir, c.env, binary, append(c.args, "./...")...)
			equal(t, "findings", findingsOf(t, r.stdout), c.want)
			if want := map[bool]int{true: 1, false: 0}[len(c.want) > 0]; r.code != want {
				t.Errorf("exit %d, want %d\n%s", r.code, want, r.stderr)
			}
		})
	}
}

func TestJSON(t *testing.T) {
	dir := copyModule(t, "demo")
	r := run(t, dir, nil, binary, "-json", "./...")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	var out struct {
		Target      string
		Diagnostics []struct {
			Check, File, Message, Target, URL string
			Line, Column                      int
			Related                           []struct {
				File         string
				Line, Column int
				Message      string
			}
			Fixes []struct {
				Message string
				Edits   []struct {
					File        string
					Offset, End int
					NewText     string
				}
			}
		}
		Errors []string
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if out.Target != "scratch" || len(out.Diagnostics) != len(demoFindings) || len(out.Errors) != 0 {
		t.Fatalf("target %q, %d diagnostics, errors %v", out.Target, len(out.Diagnostics), out.Errors)
	}
	tz := out.Diagnostics[1]
	if tz.Check != "tzdata" || !strings.HasSuffix(tz.File, "cmd/server/main.go") || tz.Line != 12 ||
		!strings.HasSuffix(tz.URL, "docs/checks/tzdata.md") || tz.Target != "scratch" {
		t.Errorf("tzdata diagnostic: %+v", tz)
	}
	if len(tz.Fixes) != 1 || len(tz.Fixes[0].Edits) != 1 || tz.Fixes[0].Edits[0].NewText != "\t_ \"time/tzdata\"\n" {
		t.Errorf("tzdata fix: %+v", tz.Fixes)
	}
	// The cause is a related location, not text in the message.
	if len(tz.Related) != 1 || !strings.HasSuffix(tz.Related[0].File, "internal/schedule/schedule.go") ||
		tz.Related[0].Line != 8 || tz.Related[0].Column != 14 || tz.Related[0].Message != "time.LoadLocation(...) in example.com/demo/internal/schedule" {
		t.Errorf("tzdata related: %+v", tz.Related)
	}
	// A note without a position (the remedy) has no file.
	if ca := out.Diagnostics[2]; ca.Check != "caroots" || len(ca.Related) != 1 || ca.Related[0].File != "" || !strings.HasPrefix(ca.Related[0].Message, "fix: ") {
		t.Errorf("caroots related: %+v", ca.Related)
	}
}

func TestFixAndDiff(t *testing.T) {
	dir := copyModule(t, "demo")
	main := filepath.Join(dir, "cmd", "server", "main.go")
	before, _ := os.ReadFile(main)
	want, err := os.ReadFile(filepath.Join("testdata", "demo-main.go.fixed"))
	if err != nil {
		t.Fatal(err)
	}

	r := run(t, dir, nil, binary, "-diff", "./...")
	if after, _ := os.ReadFile(main); !bytes.Equal(after, before) {
		t.Fatal("-diff changed the file")
	}
	for _, line := range []string{"+\t_ \"time/tzdata\"", "+\t_ \"golang.org/x/crypto/x509roots/fallback\"", "-\t\tTLSClientConfig: &tls.Config{InsecureSkipVerify: true},", "+\t\tTLSClientConfig: &tls.Config{},"} {
		if !strings.Contains(r.stdout, line+"\n") {
			t.Errorf("-diff output lacks %q:\n%s", line, r.stdout)
		}
	}

	r = run(t, dir, nil, binary, "-fix", "./...")
	got, _ := os.ReadFile(main)
	if !bytes.Equal(got, want) {
		t.Errorf("-fix result differs from testdata/demo-main.go.fixed:\n%s", got)
	}
	// The dynlink findings have no fix: they remain, and the exit says so.
	if r.code != 1 || !strings.Contains(r.stderr, "fixed 3 finding(s) in 1 file(s)") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	equal(t, "left after -fix", findingsOf(t, withoutToolLines(r.stderr)), demoFindings[:1])

	// The fallback roots need the module in go.mod: until `go get`, the
	// package does not load, and scratchvet says so clearly.
	r = run(t, dir, []string{"GOFLAGS=-mod=readonly", "GOPROXY=off"}, binary, "./...")
	if r.code != 2 || !strings.Contains(r.stderr, "golang.org/x/crypto/x509roots/fallback") {
		t.Errorf("after -fix without go get: exit %d\n%s", r.code, r.stderr)
	}
}

func TestGoVet(t *testing.T) {
	dir := copyModule(t, "demo")
	vettool := "-vettool=" + binary
	r := run(t, dir, nil, "go", "vet", vettool, "./...")
	if r.code != 1 {
		t.Fatalf("go vet exit %d, want 1\n%s", r.code, r.stderr)
	}
	got := vetFindings(r.stderr)
	var want []string
	for _, f := range demoFindings {
		want = append(want, strings.Fields(f)[0])
	}
	equal(t, "go vet findings", sorted(got), sorted(want))

	// Flags pass through go vet; the build configuration is the go
	// command's own (its -tags, CGO_ENABLED), seen in the analysed std.
	r = run(t, dir, nil, "go", "vet", vettool, "-target=glibc", "./...")
	if r.code != 1 || len(vetFindings(r.stderr)) != 1 || !strings.Contains(r.stderr, "InsecureSkipVerify") {
		t.Errorf("-target=glibc: exit %d\n%s", r.code, r.stderr)
	}
	r = run(t, dir, []string{"CGO_ENABLED=0"}, "go", "vet", vettool, "./...")
	if strings.Contains(r.stderr, "cgo resolver") || len(vetFindings(r.stderr)) != 4 || !strings.Contains(r.stderr, "user: Current requires cgo or $USER set") {
		t.Errorf("CGO_ENABLED=0: exit %d\n%s", r.code, r.stderr)
	}
	r = run(t, dir, nil, "go", "vet", vettool, "-tags=netgo,osusergo", "./...")
	if strings.Contains(r.stderr, "cgo resolver") || len(vetFindings(r.stderr)) != 4 {
		t.Errorf("-tags netgo,osusergo: exit %d\n%s", r.code, r.stderr)
	}
}

func TestGoVetFix(t *testing.T) {
	dir := copyModule(t, "demo")
	r := run(t, dir, nil, "go", "vet", "-vettool="+binary, "-fix", "-checks=tzdata,skipverify", "./...")
	got, _ := os.ReadFile(filepath.Join(dir, "cmd", "server", "main.go"))
	if !strings.Contains(string(got), "\t_ \"time/tzdata\"\n") || strings.Contains(string(got), "InsecureSkipVerify") {
		t.Errorf("go vet -fix: exit %d\n%s\n%s", r.code, r.stderr, got)
	}
	if r := run(t, dir, nil, "go", "vet", "-vettool="+binary, "-checks=tzdata,skipverify", "./..."); r.code != 0 {
		t.Errorf("after go vet -fix: exit %d\n%s", r.code, r.stderr)
	}
}

func TestConfigFile(t *testing.T) {
	dir := copyModule(t, "demo")
	config := filepath.Join(dir, "scratchvet.toml")
	os.WriteFile(config, []byte("target = \"distroless-base\"\n\n[checks]\nskipverify = false\n"), 0o644)
	if r := run(t, dir, nil, binary, "./..."); r.code != 0 || r.stdout != "" {
		t.Errorf("distroless-base, skipverify off: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	os.WriteFile(config, []byte("target = \"distroless-base\"\n[checks]\nskipverfy = false\n"), 0o644)
	wantErr := "scratchvet.toml:3:1: unknown check \"skipverfy\" in [checks]"
	r := run(t, dir, nil, binary, "./...")
	if r.code != 2 || !strings.Contains(r.stderr, wantErr) {
		t.Errorf("bad config, standalone: exit %d\n%s", r.code, r.stderr)
	}
	r = run(t, dir, nil, "go", "vet", "-vettool="+binary, "./...")
	if r.code == 0 || !strings.Contains(r.stderr, wantErr) {
		t.Errorf("bad config, go vet: exit %d\n%s", r.code, r.stderr)
	}
}

func TestBrokenCode(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
	}
	write("go.mod", "module broken\n\ngo 1.23\n")
	write("ok/main.go", "package main\n\nimport \"time\"\n\nfunc main() { time.LoadLocation(\"Asia/Tokyo\") }\n")
	write("syntax/bad.go", "package syntax\n\nfunc f( {\n")
	write("types/bad.go", "package types\n\nfunc f() int { return \"x\" }\n")
	// The C compiler names files relative to the package: the package
	// that does not build is named first.
	write("cgo/cgo.go", "package cgo\n\n// #include <nosuch.h>\nimport \"C\"\n\nfunc F() {}\n")
	r := run(t, dir, []string{"CGO_ENABLED=1"}, binary, "./...")
	if r.code != 2 {
		t.Errorf("exit %d, want 2 (load errors)", r.code)
	}
	equal(t, "findings in the packages that load", findingsOf(t, r.stdout), []string{"./ok/main.go:5:15 (tzdata)"})
	// The syntax error is go/parser's (nothing is compiled): "expected ')', found '{'".
	for _, want := range []string{"syntax/bad.go:3:9: expected ')'", "types/bad.go:3:23: cannot use \"x\"",
		"scratchvet: broken/cgo: does not build:\nscratchvet: cgo/cgo.go:3:11: fatal error: nosuch.h"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "panic") {
		t.Errorf("panic:\n%s", r.stderr)
	}
}

// TestCgoImport: the finding of a command's own import "C" is at that
// import (the package is checked from its files, not from cgo's output,
// which has no import "C"), and the other findings of the file are at their
// places.
func TestCgoImport(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
	}
	write("go.mod", "module cgoapp\n\ngo 1.23\n")
	write("main.go", "package main\n\n// #include <stdlib.h>\nimport \"C\"\n\nimport \"crypto/tls\"\n\n"+
		"var cfg = &tls.Config{InsecureSkipVerify: true}\n\nfunc main() { println(C.rand(), cfg) }\n")
	r := run(t, dir, nil, binary, "./...")
	if r.code != 1 {
		t.Errorf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	// One dynlink finding for the binary, at its own import "C"; net's cgo
	// (through crypto/tls) is among its related information.
	equal(t, "findings", findingsOf(t, r.stdout), []string{"./main.go:4:8 (dynlink)", "./main.go:8:23 (skipverify)"})
	for _, want := range []string{"./main.go:4:8: import \"C\" in cgoapp\n", "/net/cgo_linux.go:", "./main.go:6:8: cgoapp imports crypto/tls\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the dynlink finding's related information lacks %q:\n%s", want, r.stdout)
		}
	}
	// import "C" is no package to summarise: nothing was left out, so no
	// message says the build configuration was inferred.
	if strings.Contains(r.stdout, "inferred") {
		t.Errorf("a finding says the build configuration was inferred:\n%s", r.stdout)
	}
}

func TestUsage(t *testing.T) {
	dir := copyModule(t, "demo")
	cases := []struct {
		args []string
		code int
		out  string // in stdout or stderr
	}{
		{[]string{"checks"}, 0, "tzdata\ttime zones without zoneinfo or embedded tzdata"},
		{[]string{"help", "caroots"}, 0, "caroots: TLS clients without CA roots on the target"},
		{[]string{"help", "nope"}, 2, `unknown check "nope"`},
		{[]string{"targets"}, 0, "distroless-static"},
		{[]string{"-h"}, 0, "Exit status: 0 no findings, 1 findings, 2 usage"},
		{[]string{"-nosuchflag", "./..."}, 2, "flag provided but not defined: -nosuchflag"},
		{[]string{"-target", "scrach", "./..."}, 2, `-target flag: unknown target "scrach"`},
		{[]string{"-checks", "nope", "./..."}, 2, `-checks: unknown check "nope"`},
		{[]string{"-fix", "-diff", "./..."}, 2, "-fix and -diff exclude each other"},
		{[]string{"-format", "xml", "./..."}, 2, `-format "xml": unknown format "xml" (want text, json, sarif, checkstyle, junit, gitlab, each optionally =FILE)`},
		{[]string{"-format", "text,json", "./..."}, 2, `-format "text,json": only one output can go to standard output`},
		{[]string{"-json", "-format", "sarif", "./..."}, 2, "-json is -format json; it excludes -format sarif"},
		{[]string{"-format", "sarif", "-fix", "./..."}, 2, "-format sarif prints the findings; it excludes -fix and -diff"},
		{[]string{"./nonexistent/..."}, 2, "pattern ./nonexistent/...: lstat ./nonexistent/: no such file or directory"},
	}
	for _, c := range cases {
		r := run(t, dir, nil, binary, c.args...)
		if r.code != c.code || !strings.Contains(r.stdout+r.stderr, c.out) {
			t.Errorf("scratchvet %v: exit %d (want %d), output lacks %q:\n%s%s", c.args, r.code, c.code, c.out, r.stdout, r.stderr)
		}
	}
}

// vetFindings returns the positions go vet printed diagnostics at.
func vetFindings(stderr string) []string {
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if m := vetLine.FindStringSubmatch(line); m != nil {
			got = append(got, "./"+m[1])
		}
	}
	return got
}

// vetLine is a finding in go vet's output; go vet prints related
// information as "posn: \tmessage".
var vetLine = regexp.MustCompile(`^(\S+\.go:\d+:\d+): [^\t]`)

// withoutToolLines drops scratchvet's own "scratchvet: ..." lines.
func withoutToolLines(s string) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		if !strings.HasPrefix(line, "scratchvet: ") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

func sorted(ss []string) []string {
	out := append([]string(nil), ss...)
	sort.Strings(out)
	return out
}

// The checks of an initramfs-style program (testdata/initramfs), built
// with CGO_ENABLED=0, in both front ends: bare lacks /dev, resolv.conf
// and getrandom; scratch has the first two and a container's /dev.
func TestInitramfsChecks(t *testing.T) {
	dir := copyModule(t, "initramfs")
	cgo0 := []string{"CGO_ENABLED=0"}
	bare := []string{
		"./cmd/agent/main.go:17:2 (cryptorand)",
		"./cmd/agent/main.go:18:16 (dns)",
		"./cmd/agent/main.go:20:16 (userlookup)",
		"./cmd/agent/main.go:22:12 (plugin)",
		"./internal/store/store.go:4:8 (cgostub)",
	}
	r := run(t, dir, cgo0, binary, "-target", "bare", "./...")
	if r.code != 1 {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	equal(t, "bare", findingsOf(t, r.stdout), bare)

	r = run(t, dir, cgo0, binary, "-target", "scratch", "./...")
	equal(t, "scratch", findingsOf(t, r.stdout), bare[2:])

	r = run(t, dir, cgo0, "go", "vet", "-vettool="+binary, "-target=bare", "./...")
	var want []string
	for _, f := range bare {
		want = append(want, strings.Fields(f)[0])
	}
	equal(t, "go vet, bare", sorted(vetFindings(r.stderr)), sorted(want))
}
