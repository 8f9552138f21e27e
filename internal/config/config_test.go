package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
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

// Every error names the file, the line and the column, and keeps what the
// hand-written parser's messages said.
func TestErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"tragets = \"scratch\"", `x.toml:1:1: unknown key "tragets" (top-level keys: target; tables: [target-overrides]`},
		{"\n\ntarget = \"scrach\"", `x.toml:3:10: target: unknown target "scrach" (known: scratch,`},
		{"target = scratch", `x.toml:1:10: target: unrecognised value scratch (strings need quotes)`},
		{"[checks]\ntzdata =\n", `x.toml:2:9: tzdata: missing value`},
		{"[checks]\ntzdata = # off", `x.toml:2:10: tzdata: missing value`},
		{"[checks]\ntzdata =", `x.toml:2:8: tzdata: missing value`},
		{"target = 3", `x.toml:1:10: target must be a string, not an integer`},
		{"[target-overrides]\nzoneinfo = maybe", `x.toml:2:12: zoneinfo: unrecognised value maybe (strings need quotes)`},
		{"[target-overrides]\nzonefino = true", `x.toml:2:1: unknown target property "zonefino"`},
		{"[target-overrides]\nzoneinfo = 1", `x.toml:2:12: target-overrides.zoneinfo must be a boolean or a string, not an integer`},
		{"[build]\nlibc = \"uclibc\"", `x.toml:2:8: build.libc must be "glibc" or "musl", not "uclibc"`},
		{"[build]\ntags = \"netgo\"", `x.toml:2:8: build.tags must be an array of strings, not a string`},
		{"[build]\ntags = [\"netgo\", 1]", `x.toml:2:18: build.tags must be an array of strings, not hold an integer`},
		{"[build]\nbuildmode = \"c-shared\"", `x.toml:2:13: build.buildmode "c-shared": scratchvet judges exe and pie binaries`},
		{"[build]\ncgo = \"0\"", `x.toml:2:7: build.cgo must be a boolean, not a string`},
		{"[build]\nstatic = true", `x.toml:2:1: unknown key "static" in [build] (keys: tags, cgo, ldflags, buildmode, libc)`},
		{"build = \"static\"", `x.toml:1:9: build must be a table ([build]), not a string`},
		{"[checks]\ntzdatum = false", `x.toml:2:1: unknown check "tzdatum" in [checks] (checks: caroots, dynlink, skipverify, tzdata)`},
		{"[checks]\ntzdata = \"off\"", `x.toml:2:10: checks.tzdata must be a boolean, not a string`},
		{"[chekcs]\ntzdata = false", `x.toml:1:2: unknown table [chekcs] (tables: [target-overrides], [build], [checks], [exclude], [severity], [[deployment]])`},
		{"target = \"scratch\"\ntarget = \"alpine\"", `x.toml:2:1: key target is already defined at line 1`},
		{"[build\n", `x.toml:1:7: expected ']' to close table name`},
		{"just words", `x.toml:1:6: expected '=' after key`},
		{"[build]\ntags = [\"a\" \"b\"]", `x.toml:2:13: tags: expected ',' or ']' after array value`},
		{"[build]\n[build]", `x.toml:2:2: table build already exists (first defined at line 1)`},
		{"[exclude]\ntzdatum = [\"a\"]", `x.toml:2:1: unknown check "tzdatum" in [exclude] (keys: all, caroots, dynlink, skipverify, tzdata)`},
		{"[exclude]\nall = \"examples\"", `x.toml:2:7: exclude.all must be an array of strings, not a string`},
		{"[exclude]\nall = [\"/abs\"]", `x.toml:2:8: exclude.all: pattern "/abs" must be relative`},
		{"[exclude]\nall = [\"../up\"]", `x.toml:2:8: exclude.all: pattern "../up" must not leave`},
		{"[exclude]\nall = [\"a/[b\"]", `x.toml:2:8: exclude.all: pattern "a/[b": malformed element "[b"`},
		{"[exclude]\nall = [\"\"]", `x.toml:2:8: exclude.all: empty pattern`},
		{"[exclude]\nall = [\n  \"examples\",\n  \"../up\",\n]", `x.toml:4:3: exclude.all: pattern "../up" must not leave`},
		{"[severity]\ntzdata = \"fatal\"", `x.toml:2:10: severity.tzdata must be one of error, warning, info, not "fatal"`},
		{"[severity]\ntzdata = 1", `x.toml:2:10: severity.tzdata must be a string, not an integer`},
		{"[severity]\ntz = \"info\"", `x.toml:2:1: unknown check "tz" in [severity] (keys: all, caroots, dynlink, skipverify, tzdata)`},
		{"target = 'scratch", `x.toml:1:17: target: unterminated literal string`},
		{"target = \"a\" junk", `x.toml:1:14: target: expected newline but got U+006A 'j'`},
		{"[[checks]]\ntzdata = false", `x.toml:1:3: checks must be a table ([checks]), not an array`},
		{"[[deployment]]\nmain = \"./cmd/app\"", `x.toml:1:3: [[deployment]] needs a target (a preset, as for -target)`},
		// A dotted key and an inline table are tables too.
		{"build.libc = \"bionic\"", `x.toml:1:14: build.libc must be "glibc" or "musl", not "bionic"`},
		{"checks = {tzdatum = false}", `x.toml:1:11: unknown check "tzdatum" in [checks]`},
		{"x = {a = 1}\nx.b = 2", `x.toml:2:1: key x is already defined at line 1`},
		{"[build]\ntags = 'netgo'\ntags = []", `x.toml:3:1: key tags is already defined at line 2`},
	} {
		_, err := Parse("x.toml", c.src, checks)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q:\n got %v\nwant %s", c.src, err, c.want)
		}
	}
}

// All of a file's errors are reported, in the order of the file.
func TestAllErrors(t *testing.T) {
	src := "[severity]\ntz = \"info\"\n[checks]\ntzdata = \"no\"\n[build]\nlibc = \"x\"\ncgo = 1\n"
	_, err := Parse("x.toml", src, checks)
	if err == nil {
		t.Fatal("no error")
	}
	var lines []string
	for _, l := range strings.Split(err.Error(), "\n") {
		lines = append(lines, strings.SplitN(l, ":", 4)[1]+":"+strings.SplitN(l, ":", 4)[2])
	}
	if got := strings.Join(lines, " "); got != "2:1 4:10 6:8 7:7" {
		t.Errorf("error positions %s; errors:\n%v", got, err)
	}
}

// A bad build tag names the file, the line and the column of the tag
// (issue 14): the go command would split "a b" into two tags, fail on an
// unterminated quote without naming the config, and accept "!x", which no
// file can test.
func TestBuildTags(t *testing.T) {
	for _, tag := range []string{"net go", "it's", "a,b", "!x", "-x", "", "a\"b"} {
		src := "[build]\ntags = [\n  \"netgo\",\n  " + strconv.Quote(tag) + ",\n]\n"
		_, err := Parse("x.toml", src, checks)
		want := fmt.Sprintf(`x.toml:4:3: build.tags: %q is not a build tag`, tag)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("tag %q: got %v, want %s", tag, err, want)
		}
	}
	f, err := Parse("x.toml", "[build]\ntags = ['netgo', \"osusergo\", \"go1.21\", \"linux_amd64\", \"été\"]", checks)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.Build.Tags, ","); got != "netgo,osusergo,go1.21,linux_amd64,été" {
		t.Errorf("tags %s", got)
	}
}

// The TOML forms the hand-written subset rejected: multi-line arrays with
// comments and a trailing comma, literal strings in arrays, dotted keys,
// inline tables; and a byte order mark, CRLF line ends, quoted keys.
func TestTOMLForms(t *testing.T) {
	src := "\ufeff" + `target = "alpine"
target-overrides = { zoneinfo = true, kernel = "4.19" }
build.tags = [
  'netgo',        # literal strings: no escapes
  "osusergo",
]
build.ldflags = '-linkmode external -extldflags "-static"'

[exclude]
all = [
  'examples\**',   # not a valid pattern: see below
]
"skipverify" = ["**/testserver/*.go"]

[severity]
all."" = "x"
`
	// The pattern with a backslash is rejected at its own line.
	if _, err := Parse("x.toml", src, checks); err == nil || !strings.HasPrefix(err.Error(), `x.toml:11:3: exclude.all: pattern "examples\**": use / to separate`) {
		t.Errorf("got %v", err)
	}
	src = strings.Replace(src, `'examples\**'`, `'examples/**'`, 1)
	if _, err := Parse("x.toml", src, checks); err == nil || !strings.HasPrefix(err.Error(), `x.toml:16:1: severity.all must be a string, not a table`) {
		t.Errorf("got %v", err)
	}
	src = strings.Replace(src, `all."" = "x"`, `severity.all = "error"`, 1)
	src = strings.Replace(src, "[severity]\n", "", 1)
	f, err := Parse("x.toml", strings.ReplaceAll(src, "\n", "\r\n"), checks)
	if err == nil || !strings.HasPrefix(err.Error(), `x.toml:15:1: unknown check "severity" in [exclude]`) {
		// severity.all after [exclude] belongs to [exclude]: TOML's rule.
		t.Errorf("got %v, %+v", err, f)
	}
	src = strings.Replace(src, "severity.all = \"error\"\n", "", 1)
	src = strings.Replace(src, "[exclude]\n", "severity = { all = \"error\" }\n[exclude]\n", 1)
	f, err = Parse("x.toml", strings.ReplaceAll(src, "\n", "\r\n"), checks)
	if err != nil {
		t.Fatal(err)
	}
	if f.Target != "alpine" || f.TargetLine != 1 {
		t.Errorf("target %q at line %d", f.Target, f.TargetLine)
	}
	if f.Overrides["zoneinfo"] != "true" || f.Overrides["kernel"] != "4.19" {
		t.Errorf("overrides %v", f.Overrides)
	}
	if got := strings.Join(f.Build.Tags, ","); got != "netgo,osusergo" {
		t.Errorf("tags %q", got)
	}
	if f.Build.Ldflags != `-linkmode external -extldflags "-static"` {
		t.Errorf("ldflags %q", f.Build.Ldflags)
	}
	if got := strings.Join(f.Exclude[AllChecks], " "); got != "examples/**" {
		t.Errorf("exclude.all %q", got)
	}
	if got := strings.Join(f.Exclude["skipverify"], " "); got != "**/testserver/*.go" {
		t.Errorf("exclude.skipverify %q", got)
	}
	if f.Severity[AllChecks] != "error" {
		t.Errorf("severity %v", f.Severity)
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
}

// A file larger than MaxSize is refused without being parsed.
func TestLoadSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "scratchvet.toml")
	big := "target = \"alpine\"\n" + strings.Repeat("# padding\n", MaxSize/10+1)
	if err := os.WriteFile(path, []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path, checks); err == nil || !strings.Contains(err.Error(), path+": larger than") {
		t.Errorf("got %v", err)
	}
	if err := os.WriteFile(path, []byte(big[:MaxSize]), 0o644); err != nil {
		t.Fatal(err)
	}
	if f, err := Load(path, checks); err != nil || f.Target != "alpine" {
		t.Errorf("at the limit: %v", err)
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

func TestDeployments(t *testing.T) {
	src := `target = "scratch"

[[deployment]]
main = "./cmd/api"
target = "distroless-static"
user = "65532"
env = { TZ = "Europe/Paris", TMPDIR = "/dev/shm" }
build.cgo = false
build.tags = ["netgo"]

[[deployment]]
name = "platform base"
main = ["./cmd/worker", "example.com/app/cmd/cron"]
target = "glibc,ca-bundle=false"

[deployment.build]
ldflags = '-linkmode external -extldflags "-static"'
`
	f, err := Parse("scratchvet.toml", src, checks)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Deployments) != 2 {
		t.Fatalf("%d deployments", len(f.Deployments))
	}
	api, worker := f.Deployments[0], f.Deployments[1]
	if api.Line != 3 || len(api.Main) != 1 || api.Main[0] != "./cmd/api" || api.Target != "distroless-static" || api.TargetLine != 5 ||
		api.User != "65532" || api.Env["TZ"] != "Europe/Paris" || api.Env["TMPDIR"] != "/dev/shm" ||
		api.Build.Cgo == nil || *api.Build.Cgo || len(api.Build.Tags) != 1 {
		t.Errorf("first deployment: %+v", api)
	}
	if worker.Name != "platform base" || len(worker.Main) != 2 || worker.Target != "glibc,ca-bundle=false" ||
		worker.Build.Ldflags != `-linkmode external -extldflags "-static"` {
		t.Errorf("second deployment: %+v", worker)
	}

	for src, want := range map[string]string{
		"[[deployment]]\nmain = \"./x\"\n":                                        "scratchvet.toml:1:3: [[deployment]] needs a target",
		"[[deployment]]\ntarget = \"nowhere\"\n":                                  "scratchvet.toml:2:10: deployment.target: unknown target \"nowhere\"",
		"[[deployment]]\ntarget = \"alpine\"\nimage = \"alpine\"\n":               "scratchvet.toml:3:1: unknown key \"image\" in [[deployment]]",
		"[[deployment]]\ntarget = \"alpine\"\n[deployment.build]\ncgo = \"no\"\n": "scratchvet.toml:4:7: deployment.build.cgo must be a boolean",
		"[[deployment]]\ntarget = \"alpine\"\n[deployment.env]\nTZ = 1\n":         "scratchvet.toml:4:6: deployment.env.TZ must be a string",
		"deployment = \"alpine\"\n":                                               "scratchvet.toml:1:1: deployment must be an array of tables",
		"[[deployment]]\ntarget = \"alpine\"\nmain = [\"./a\", 2]\n":              "scratchvet.toml:3:16: deployment.main must be an array of strings, not hold",
	} {
		_, err := Parse("scratchvet.toml", src, checks)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", src, err, want)
		}
	}
}
