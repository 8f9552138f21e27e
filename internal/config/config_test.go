package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var checks = []string{"dynlink", "tzdata", "caroots", "skipverify"}

func TestParse(t *testing.T) {
	src := `# scratchvet.toml
target = "alpine" # the image we ship

[target-overrides]
zoneinfo = true
kernel = "4.19"

[build]
tags = ["netgo", "osusergo"]
cgo = false
ldflags = "-s -w"
buildmode = "pie"
libc = "musl"

[checks]
skipverify = false
`
	f, err := Parse("scratchvet.toml", src, checks)
	if err != nil {
		t.Fatal(err)
	}
	if f.Target != "alpine" || f.TargetLine != 2 {
		t.Errorf("target %q at line %d", f.Target, f.TargetLine)
	}
	if f.Overrides["zoneinfo"] != "true" || f.Overrides["kernel"] != "4.19" {
		t.Errorf("overrides %v", f.Overrides)
	}
	b := f.Build
	if strings.Join(b.Tags, ",") != "netgo,osusergo" || b.Cgo == nil || *b.Cgo || b.Ldflags != "-s -w" || b.BuildMode != "pie" || b.Libc != "musl" {
		t.Errorf("build %+v", b)
	}
	if on, ok := f.Checks["skipverify"]; !ok || on {
		t.Errorf("checks %v", f.Checks)
	}
}

// Every error names the file and the line.
func TestErrors(t *testing.T) {
	for src, want := range map[string]string{
		"tragets = \"scratch\"":                     `x.toml:1: unknown key "tragets"`,
		"\n\ntarget = \"scrach\"":                   `x.toml:3: target: unknown target "scrach"`,
		"target = scratch":                          `x.toml:1: target: unrecognised value scratch (strings need double quotes)`,
		"target = 3":                                `x.toml:1: target must be a string`,
		"[target-overrides]\nzoneinfo = maybe":      `x.toml:2: zoneinfo: unrecognised value maybe`,
		"[target-overrides]\nzonefino = true":       `x.toml:2: unknown target property "zonefino"`,
		"[build]\nlibc = \"uclibc\"":                `x.toml:2: build.libc must be "glibc" or "musl"`,
		"[build]\ntags = \"netgo\"":                 `x.toml:2: build.tags must be an array of strings`,
		"[build]\nbuildmode = \"c-shared\"":         `x.toml:2: build.buildmode "c-shared"`,
		"[checks]\ntzdatum = false":                 `x.toml:2: unknown check "tzdatum" in [checks]`,
		"[checks]\ntzdata = \"off\"":                `x.toml:2: checks.tzdata must be a boolean`,
		"[chekcs]\ntzdata = false":                  `x.toml:2: unknown table [chekcs]`,
		"target = \"scratch\"\ntarget = \"alpine\"": `x.toml:2: target is already set at line 1`,
		"[build\n":                       `x.toml:1: malformed table header`,
		"just words":                     `x.toml:1: expected key = value`,
		"[build]\ntags = [\"a\" \"b\"]":  `x.toml:2: tags: expected , between array elements`,
		"[build]\n[build]":               `x.toml:2: table [build] already defined at line 1`,
		"[exclude]\ntzdatum = [\"a\"]":   `x.toml:2: unknown check "tzdatum" in [exclude] (keys: all, caroots`,
		"[exclude]\nall = \"examples\"":  `x.toml:2: exclude.all must be an array of strings`,
		"[exclude]\nall = [\"/abs\"]":    `x.toml:2: exclude.all: pattern "/abs" must be relative`,
		"[exclude]\nall = [\"../up\"]":   `x.toml:2: exclude.all: pattern "../up" must not leave`,
		"[exclude]\nall = [\"a/[b\"]":    `x.toml:2: exclude.all: pattern "a/[b": malformed element "[b"`,
		"[exclude]\nall = [\"\"]":        `x.toml:2: exclude.all: empty pattern`,
		"[severity]\ntzdata = \"fatal\"": `x.toml:2: severity.tzdata must be one of error, warning, info, not "fatal"`,
		"[severity]\ntzdata = 1":         `x.toml:2: severity.tzdata must be a string`,
		"[severity]\ntz = \"info\"":      `x.toml:2: unknown check "tz" in [severity]`,
	} {
		_, err := Parse("x.toml", src, checks)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", src, err, want)
		}
	}
}

func TestCommentsAndStrings(t *testing.T) {
	f, err := Parse("x.toml", `target = "glibc" # "quoted # not a comment"`+"\n[build]\nldflags = \"-X main.v=#1\" # real comment\n", checks)
	if err != nil {
		t.Fatal(err)
	}
	if f.Target != "glibc" || f.Build.Ldflags != "-X main.v=#1" {
		t.Errorf("%+v", f)
	}
}

func TestLiteralString(t *testing.T) {
	f, err := Parse("x.toml", "[build]\nldflags = '-linkmode external -extldflags \"-static\"' # static\n", checks)
	if err != nil {
		t.Fatal(err)
	}
	if f.Build.Ldflags != `-linkmode external -extldflags "-static"` {
		t.Errorf("ldflags %q", f.Build.Ldflags)
	}
	if _, err := Parse("x.toml", "target = 'scratch", checks); err == nil || !strings.Contains(err.Error(), "x.toml:1: target: malformed literal string") {
		t.Errorf("unterminated literal: %v", err)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "cmd", "app")
	os.MkdirAll(sub, 0o755)
	os.WriteFile(filepath.Join(root, "go.mod"), []byte("module m\n"), 0o644)
	if p, err := Find(sub); err != nil || p != "" {
		t.Fatalf("no config: got %q, %v", p, err)
	}
	cfg := filepath.Join(root, "scratchvet.toml")
	os.WriteFile(cfg, []byte(`target = "alpine"`), 0o644)
	if p, err := Find(sub); err != nil || p != cfg {
		t.Fatalf("got %q, %v; want %s", p, err, cfg)
	}
	os.WriteFile(filepath.Join(root, ".scratchvet.toml"), nil, 0o644)
	if _, err := Find(sub); err == nil || !strings.Contains(err.Error(), "keep one") {
		t.Errorf("two config files: got %v", err)
	}
	// The search stops at the module root: a config above it is not used.
	inner := filepath.Join(root, "nested")
	os.MkdirAll(inner, 0o755)
	os.WriteFile(filepath.Join(inner, "go.mod"), []byte("module n\n"), 0o644)
	if p, err := Find(inner); err != nil || p != "" {
		t.Errorf("nested module: got %q, %v", p, err)
	}
}

func TestExcludeAndSeverity(t *testing.T) {
	src := `[exclude]
all = ["examples/**", "internal/e2e"]
skipverify = ["**/testserver/*.go"]

[severity]
all = "error"
caroots = "info"
`
	f, err := Parse("scratchvet.toml", src, checks)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.Exclude[AllChecks], " "); got != "examples/** internal/e2e" {
		t.Errorf("exclude.all = %q", got)
	}
	if got := strings.Join(f.Exclude["skipverify"], " "); got != "**/testserver/*.go" {
		t.Errorf("exclude.skipverify = %q", got)
	}
	if f.Severity[AllChecks] != "error" || f.Severity["caroots"] != "info" || len(f.Severity) != 2 {
		t.Errorf("severity %v", f.Severity)
	}
}

func TestMatchPath(t *testing.T) {
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{
		{"examples", "examples/a/main.go", true},
		{"examples/", "examples/main.go", true},
		{"examples/**", "examples/a/b/main.go", true},
		{"examples", "examples2/main.go", false},
		{"examples", "cmd/examples/main.go", false},
		{"**/examples", "cmd/examples/main.go", true},
		{"**/examples", "examples/main.go", true},
		{"cmd/*/main.go", "cmd/app/main.go", true},
		{"cmd/*/main.go", "cmd/app/sub/main.go", false},
		{"cmd/**/main.go", "cmd/app/sub/main.go", true},
		{"cmd/**/main.go", "cmd/main.go", true},
		{"**/*_gen.go", "a/b/c_gen.go", true},
		{"**/*_gen.go", "c_gen.go", true},
		{"**/*_gen.go", "a/b/c.go", false},
		{"main.go", "main.go", true},
		{"main.go", "cmd/main.go", false},
		{"./internal", "internal/x.go", true},
		{"[ab]pp/*.go", "app/x.go", true},
	} {
		if got := MatchPath(c.pattern, c.path); got != c.want {
			t.Errorf("MatchPath(%q, %q) = %v, want %v", c.pattern, c.path, got, c.want)
		}
		if err := ValidPattern(c.pattern); err != nil {
			t.Errorf("ValidPattern(%q): %v", c.pattern, err)
		}
	}
}
