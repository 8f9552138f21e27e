package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/target"
)

var checks = []string{"dynlink", "tzdata", "skipverify"}

func module(t *testing.T, config string) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module m\n"), 0o644)
	if config != "" {
		os.WriteFile(filepath.Join(dir, "scratchvet.toml"), []byte(config), 0o644)
	}
	return dir
}

// resolve resolves the settings of dir with opts in the environment env
// (nothing else of the process's).
func resolve(t *testing.T, dir string, opts Options, env map[string]string) (*Settings, error) {
	t.Helper()
	opts.KnownChecks = checks
	opts.Getenv = func(k string) string { return env[k] }
	r, err := NewResolver(opts)
	if err != nil {
		t.Fatal(err)
	}
	return r.ForDir(dir)
}

func TestTargetPrecedence(t *testing.T) {
	t.Parallel()
	dir := module(t, "target = \"alpine\"\n[target-overrides]\nzoneinfo = true\n")
	s, err := resolve(t, dir, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := s.Deployments[0]
	if d.Name != "alpine,zoneinfo=true" || !d.Target.Zoneinfo || !strings.HasSuffix(d.Origin, "scratchvet.toml:1 with [target-overrides]") {
		t.Errorf("config: %s from %s", d.Name, d.Origin)
	}

	env := map[string]string{EnvTarget: "glibc"}
	if s, _ := resolve(t, dir, Options{}, env); s.Deployments[0].Name != "glibc" || s.Deployments[0].Origin != "$SCRATCHVET_TARGET" {
		t.Errorf("env: %+v", s.Deployments[0])
	}
	if s, _ := resolve(t, dir, Options{Target: "bare,kernel=5.10"}, env); s.Deployments[0].Name != "bare,kernel=5.10" || s.Deployments[0].Origin != "-target flag" {
		t.Errorf("flag: %+v", s.Deployments[0])
	}
}

func TestDefault(t *testing.T) {
	t.Parallel()
	s, err := resolve(t, module(t, ""), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Deployments) != 1 {
		t.Fatalf("%d deployments, want 1", len(s.Deployments))
	}
	d := s.Deployments[0]
	if d.Name != target.Default || d.Target.Name != target.Default || d.Origin != "default" || s.ConfigPath != "" {
		t.Errorf("%s from %s (%s)", d.Name, d.Origin, s.ConfigPath)
	}
}

func TestInvalidConfigNamesFileAndLine(t *testing.T) {
	t.Parallel()
	dir := module(t, "target = \"scratch\"\n[checks]\nnope = false\n")
	_, err := resolve(t, dir, Options{}, nil)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "scratchvet.toml")+":3:1: unknown check \"nope\"") {
		t.Errorf("got %v", err)
	}
	if _, err := resolve(t, module(t, ""), Options{}, map[string]string{EnvTarget: "nowhere"}); err == nil || !strings.Contains(err.Error(), `$SCRATCHVET_TARGET: unknown target "nowhere"`) {
		t.Errorf("bad env: got %v", err)
	}
}

func TestBuild(t *testing.T) {
	t.Parallel()
	dir := module(t, "[build]\nbuildmode = \"pie\"\n[checks]\nskipverify = false\n")
	s, _ := resolve(t, dir, Options{}, nil)
	b := s.Deployments[0].Build
	if !b.PIE || b.Static || b.Libc != target.Glibc || !s.Disabled["skipverify"] || s.Enabled("skipverify") || !s.Enabled("tzdata") {
		t.Errorf("%+v disabled=%v", b, s.Disabled)
	}
	env := map[string]string{"GOFLAGS": `-mod=mod '-ldflags=-linkmode external -extldflags "-static"'`, "CC": "/usr/bin/musl-gcc"}
	s, _ = resolve(t, module(t, ""), Options{}, env)
	b = s.Deployments[0].Build
	if !b.Static || b.Libc != target.Musl || !strings.Contains(b.From, "GOFLAGS") || b.Ldflags != `-linkmode external -extldflags "-static"` {
		t.Errorf("GOFLAGS/CC: %+v", b)
	}
}

// The link-mode rule (docs/FACTS.md#a-static-link-that-is-not-one): -extldflags -static is static
// only with -linkmode external, or when a cgo package outside the
// internal linker's list forces the external linker.
func TestLinksStatically(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		ldflags        string
		static, forced bool // Build.Static, Build.StaticIfForced
	}{
		{`-linkmode external -extldflags "-static"`, true, false},
		{`-linkmode=external -extldflags=-static-pie`, true, false},
		{`-extldflags "-static"`, false, true},
		{`-linkmode internal -extldflags "-static"`, false, false},
		{`-s -w`, false, false},
		{`-X main.version=static -extldflags -Wl,-z,now`, false, false},
		{``, false, false},
	} {
		s, err := resolve(t, module(t, ""), Options{Ldflags: tt.ldflags}, nil)
		if err != nil {
			t.Fatal(err)
		}
		b := s.Deployments[0].Build
		if b.Static != tt.static || b.StaticIfForced != tt.forced {
			t.Errorf("-ldflags %q: Static %v StaticIfForced %v, want %v %v", tt.ldflags, b.Static, b.StaticIfForced, tt.static, tt.forced)
		}
		stdOnly := []string{"net", "os/user", "runtime/cgo"}
		if got := b.LinksStatically(stdOnly); got != tt.static {
			t.Errorf("-ldflags %q with net and os/user only: LinksStatically %v, want %v", tt.ldflags, got, tt.static)
		}
		withSqlite := append(stdOnly, "github.com/mattn/go-sqlite3")
		if got := b.LinksStatically(withSqlite); got != (tt.static || tt.forced) {
			t.Errorf("-ldflags %q with go-sqlite3: LinksStatically %v, want %v", tt.ldflags, got, tt.static || tt.forced)
		}
	}
}

// Options override the environment and the config file, each with the
// same precedence as its flag; Origin names them in messages. Two
// resolvers in one process do not share settings.
func TestOptions(t *testing.T) {
	t.Parallel()
	dir := module(t, "target = \"alpine\"\n[build]\nbuildmode = \"exe\"\n")
	opts := Options{Target: "glibc", Buildmode: "pie", Ldflags: `-linkmode external -extldflags "-static"`, Origin: "golangci-lint settings"}
	s, err := resolve(t, dir, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := s.Deployments[0]
	if d.Name != "glibc" || d.Origin != "target in golangci-lint settings" {
		t.Errorf("target %s from %s", d.Name, d.Origin)
	}
	if !d.Build.PIE || !d.Build.Static || d.Build.From != "-ldflags from ldflags in golangci-lint settings, -buildmode=pie from buildmode in golangci-lint settings" {
		t.Errorf("build %+v", d.Build)
	}
	if s, _ := resolve(t, dir, Options{}, nil); s.Deployments[0].Name != "alpine" || s.Deployments[0].Build.PIE {
		t.Errorf("another resolver: %+v, want the config's", s.Deployments[0])
	}
}

// The one selection rule: a list (-checks) replaces [checks]; on/off
// choices override it check by check; unknown names are errors.
func TestEnabled(t *testing.T) {
	t.Parallel()
	dir := module(t, "[checks]\nskipverify = false\ntzdata = false\n")
	for _, tc := range []struct {
		opts Options
		want map[string]bool
	}{
		{Options{}, map[string]bool{"dynlink": true, "tzdata": false, "skipverify": false}},
		{Options{Only: []string{"skipverify"}}, map[string]bool{"dynlink": false, "tzdata": false, "skipverify": true}},
		{Options{Enable: map[string]bool{"tzdata": true, "dynlink": false}}, map[string]bool{"dynlink": false, "tzdata": true, "skipverify": false}},
	} {
		s, err := resolve(t, dir, tc.opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		for check, want := range tc.want {
			if got := s.Enabled(check); got != want {
				t.Errorf("%+v: Enabled(%s) = %v, want %v", tc.opts, check, got, want)
			}
		}
	}
	for _, opts := range []Options{{Only: []string{"tzdat"}}, {Enable: map[string]bool{"tzdat": true}}} {
		opts.KnownChecks = checks
		if _, err := NewResolver(opts); err == nil || !strings.Contains(err.Error(), `unknown check "tzdat"`) {
			t.Errorf("NewResolver(%+v) = %v", opts, err)
		}
	}
}

func TestJoinNames(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a and b"}, {[]string{"a", "b", "c"}, "a, b and c"},
	} {
		if got := JoinNames(tc.in); got != tc.want {
			t.Errorf("JoinNames(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
