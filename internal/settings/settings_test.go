package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/target"
)

func module(t *testing.T, config string) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module m\n"), 0o644)
	if config != "" {
		os.WriteFile(filepath.Join(dir, "scratchvet.toml"), []byte(config), 0o644)
	}
	return dir
}

func clean(t *testing.T) {
	for _, k := range []string{EnvTarget, "GOFLAGS", "CC"} {
		t.Setenv(k, "")
	}
	for _, f := range []string{"target", "config", "ldflags", "buildmode"} {
		SetFlag(f, "")
	}
	Reset()
	t.Cleanup(func() {
		for _, f := range []string{"target", "config", "ldflags", "buildmode"} {
			SetFlag(f, "")
		}
		Reset()
	})
}

func TestTargetPrecedence(t *testing.T) {
	clean(t)
	dir := module(t, "target = \"alpine\"\n[target-overrides]\nzoneinfo = true\n")
	s, err := ForDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Target.Name != "alpine,zoneinfo=true" || !s.Target.Zoneinfo || !strings.HasSuffix(s.TargetFrom, "scratchvet.toml:1 with [target-overrides]") {
		t.Errorf("config: %s from %s", s.Target.Name, s.TargetFrom)
	}

	t.Setenv(EnvTarget, "glibc")
	Reset()
	if s, _ := ForDir(dir); s.Target.Name != "glibc" || s.TargetFrom != "$SCRATCHVET_TARGET" {
		t.Errorf("env: %s from %s", s.Target.Name, s.TargetFrom)
	}

	SetFlag("target", "bare,kernel=5.10")
	Reset()
	if s, _ := ForDir(dir); s.Target.Name != "bare,kernel=5.10" || s.TargetFrom != "-target flag" {
		t.Errorf("flag: %s from %s", s.Target.Name, s.TargetFrom)
	}
}

func TestDefault(t *testing.T) {
	clean(t)
	s, err := ForDir(module(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	if s.Target.Name != target.Default || s.TargetFrom != "default" || s.ConfigPath != "" {
		t.Errorf("%s from %s (%s)", s.Target.Name, s.TargetFrom, s.ConfigPath)
	}
}

func TestInvalidConfigNamesFileAndLine(t *testing.T) {
	clean(t)
	dir := module(t, "target = \"scratch\"\n[checks]\nnope = false\n")
	_, err := ForDir(dir)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "scratchvet.toml")+":3:1: unknown check \"nope\"") {
		t.Errorf("got %v", err)
	}
	t.Setenv(EnvTarget, "nowhere")
	Reset()
	if _, err := ForDir(module(t, "")); err == nil || !strings.Contains(err.Error(), `$SCRATCHVET_TARGET: unknown target "nowhere"`) {
		t.Errorf("bad env: got %v", err)
	}
}

func TestBuild(t *testing.T) {
	clean(t)
	dir := module(t, "[build]\nbuildmode = \"pie\"\n[checks]\nskipverify = false\n")
	s, _ := ForDir(dir)
	if !s.Build.PIE || s.Build.Static || s.Build.Libc != target.Glibc || !s.Disabled["skipverify"] {
		t.Errorf("%+v disabled=%v", s.Build, s.Disabled)
	}
	t.Setenv("GOFLAGS", `-mod=mod '-ldflags=-linkmode external -extldflags "-static"'`)
	t.Setenv("CC", "/usr/bin/musl-gcc")
	Reset()
	s, _ = ForDir(module(t, ""))
	if !s.Build.Static || s.Build.Libc != target.Musl || !strings.Contains(s.Build.From, "GOFLAGS") {
		t.Errorf("GOFLAGS/CC: %+v", s.Build)
	}
}

// The link-mode rule (docs/FACTS.md#a-static-link-that-is-not-one): -extldflags -static is static
// only with -linkmode external, or when a cgo package outside the
// internal linker's list forces the external linker.
func TestLinksStatically(t *testing.T) {
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
		clean(t)
		t.Setenv("GOFLAGS", "")
		s, err := ForDirWith(module(t, ""), Options{Ldflags: tt.ldflags})
		if err != nil {
			t.Fatal(err)
		}
		if s.Build.Static != tt.static || s.Build.StaticIfForced != tt.forced {
			t.Errorf("-ldflags %q: Static %v StaticIfForced %v, want %v %v", tt.ldflags, s.Build.Static, s.Build.StaticIfForced, tt.static, tt.forced)
		}
		stdOnly := []string{"net", "os/user", "runtime/cgo"}
		if got := s.Build.LinksStatically(stdOnly); got != tt.static {
			t.Errorf("-ldflags %q with net and os/user only: LinksStatically %v, want %v", tt.ldflags, got, tt.static)
		}
		withSqlite := append(stdOnly, "github.com/mattn/go-sqlite3")
		if got := s.Build.LinksStatically(withSqlite); got != (tt.static || tt.forced) {
			t.Errorf("-ldflags %q with go-sqlite3: LinksStatically %v, want %v", tt.ldflags, got, tt.static || tt.forced)
		}
	}
}

// Options stand in for the flags, with the same precedence, without
// touching them; Origin names them in messages.
func TestForDirWith(t *testing.T) {
	clean(t)
	dir := module(t, "target = \"alpine\"\n[build]\nbuildmode = \"exe\"\n")
	opts := Options{Target: "glibc", Buildmode: "pie", Ldflags: `-linkmode external -extldflags "-static"`, Origin: "golangci-lint settings"}
	s, err := ForDirWith(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if s.Target.Name != "glibc" || s.TargetFrom != "target in golangci-lint settings" {
		t.Errorf("target %s from %s", s.Target.Name, s.TargetFrom)
	}
	if !s.Build.PIE || !s.Build.Static || s.Build.From != "-ldflags from ldflags in golangci-lint settings, -buildmode=pie from buildmode in golangci-lint settings" {
		t.Errorf("build %+v", s.Build)
	}
	if s, _ := ForDir(dir); s.Target.Name != "alpine" || s.Build.PIE {
		t.Errorf("ForDir after ForDirWith: %s %+v, want the config's", s.Target.Name, s.Build)
	}
}
