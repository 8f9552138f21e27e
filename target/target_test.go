package target

import (
	"strings"
	"testing"
)

func TestPresetsFromFacts(t *testing.T) {
	// The properties that decide failures, per preset (docs/targets.md).
	tests := []struct {
		name                         string
		libc, loader                 Libc
		passwd, ca, zoneinfo, resolv bool
		getrandom, urandom           bool
	}{
		{"scratch", NoLibc, NoLibc, false, false, false, true, false, true},
		{"bare", NoLibc, NoLibc, false, false, false, false, false, false},
		{"distroless-static", NoLibc, NoLibc, true, true, true, true, false, true},
		{"distroless-base", Glibc, Glibc, true, true, true, true, false, true},
		{"alpine", Musl, Musl, true, true, false, true, false, true},
		{"glibc", Glibc, Glibc, true, true, true, true, false, true},
	}
	for _, tt := range tests {
		tgt, ok := Lookup(tt.name)
		if !ok {
			t.Fatalf("no preset %s", tt.name)
		}
		if tgt.Libc != tt.libc || tgt.Loader != tt.loader || tgt.Passwd != tt.passwd || tgt.CABundle != tt.ca ||
			tgt.Zoneinfo != tt.zoneinfo || tgt.ResolvConf != tt.resolv || tgt.DevURandom != tt.urandom {
			t.Errorf("%s: %+v", tt.name, tgt)
		}
	}
	if b, _ := Lookup("bare"); b.HasGetrandom() {
		t.Error("bare: kernel may predate getrandom")
	}
	if s, _ := Lookup("scratch"); s.HasGetrandom() {
		t.Error("scratch: Docker's minimum kernel 3.10 predates getrandom (3.17)")
	}
}

func TestParseOverrides(t *testing.T) {
	tgt, err := Parse("alpine, zoneinfo=true ,kernel=4.19")
	if err != nil {
		t.Fatal(err)
	}
	if !tgt.Zoneinfo || tgt.Kernel != "4.19" || !tgt.HasGetrandom() {
		t.Errorf("overrides not applied: %+v", tgt)
	}
	if tgt.Name != "alpine,zoneinfo=true,kernel=4.19" {
		t.Errorf("name %q does not record the overrides", tgt.Name)
	}
	if v, _ := tgt.Get("libc"); v != "musl" {
		t.Errorf("libc = %q", v)
	}
}

func TestParseErrors(t *testing.T) {
	for spec, want := range map[string]string{
		"scrach":                 `unknown target "scrach" (known: scratch, bare`,
		"scratch,zoneinfo":       `want key=value`,
		"scratch,zoneinf=true":   `unknown target property "zoneinf"`,
		"scratch,zoneinfo=maybe": `want true or false`,
		"scratch,libc=uclibc":    `want none, glibc or musl`,
		"scratch,kernel=three":   `want a kernel version`,
		"scratch,kernel=1.0":     `want a kernel version`,
	} {
		_, err := Parse(spec)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want error containing %q", spec, err, want)
		}
	}
}

func TestCanLoad(t *testing.T) {
	base, _ := Lookup("distroless-base")
	alpine, _ := Lookup("alpine")
	static, _ := Lookup("distroless-static")
	loaderOnly := static
	loaderOnly.Loader = Glibc // a rootfs with only the glibc loader (docs/FACTS.md#starting-at-all-loader-and-libc, f-cgo0-pie)
	cases := []struct {
		t         Target
		loader    Libc
		needsLibc bool
		want      bool
	}{
		{static, NoLibc, false, true},
		{static, Glibc, true, false},
		{base, Glibc, true, true},
		{alpine, Glibc, true, false},
		{alpine, Musl, true, true},
		{loaderOnly, Glibc, false, true},
		{loaderOnly, Glibc, true, false},
	}
	for _, c := range cases {
		if got := c.t.CanLoad(c.loader, c.needsLibc); got != c.want {
			t.Errorf("%s.CanLoad(%s, %v) = %v, want %v", c.t.Name, c.loader, c.needsLibc, got, c.want)
		}
	}
}

func TestWithOverrides(t *testing.T) {
	s, _ := Lookup("scratch")
	got, err := s.WithOverrides(map[string]string{"zoneinfo": "true", "ca-bundle": "yes"})
	if err != nil {
		t.Fatal(err)
	}
	if !got.Zoneinfo || !got.CABundle || got.Name != "scratch,ca-bundle=yes,zoneinfo=true" {
		t.Errorf("%+v", got)
	}
	if _, err := s.WithOverrides(map[string]string{"nope": "1"}); err == nil {
		t.Error("unknown property accepted")
	}
}
