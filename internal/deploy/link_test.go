package deploy

import "testing"

// TestLinkRule: -extldflags -static gives a static binary only with
// -linkmode external, or when a non-standard cgo package forces the
// external linker (docs/FACTS.md#a-static-link-that-is-not-one).
func TestLinkRule(t *testing.T) {
	for _, tt := range []struct {
		ldflags            string
		forced, wantStatic bool
		wantIgnored        bool
	}{
		{`-s -w`, false, false, false},
		{`-extldflags "-static"`, false, false, true},
		{`-extldflags "-static"`, true, true, true},
		{`-extldflags '-static'`, false, false, true},
		{`-extldflags=-static`, false, false, true},
		{`-linkmode external -extldflags "-static"`, false, true, false},
		{`-linkmode=external -extldflags="-static -lm"`, false, true, false},
		{`-extldflags "-static" -linkmode external`, false, true, false},
		{`-linkmode external -extldflags "-static-pie"`, false, true, false},
		{`-linkmode internal -extldflags "-static"`, true, false, true},
		{`-linkmode external`, true, false, false},
		{`-X 'main.v=-extldflags -static'`, true, false, false},
	} {
		l := ParseLink(tt.ldflags)
		if got := l.Static(tt.forced); got != tt.wantStatic {
			t.Errorf("ParseLink(%s).Static(forced=%v) = %v, want %v", tt.ldflags, tt.forced, got, tt.wantStatic)
		}
		if got := l.IgnoredStatic(); got != tt.wantIgnored {
			t.Errorf("ParseLink(%s).IgnoredStatic() = %v, want %v", tt.ldflags, got, tt.wantIgnored)
		}
	}
	for pkg, want := range map[string]bool{"net": false, "os/user": false, "runtime/cgo": false,
		"plugin": true, "github.com/mattn/go-sqlite3": true, "example.com/own": true} {
		if got := ForcesExternalLink(pkg); got != want {
			t.Errorf("ForcesExternalLink(%s) = %v, want %v", pkg, got, want)
		}
	}
}

func TestLinkFlags(t *testing.T) {
	if got := LinkFlags(`-s -w -X main.version=1.2 -X 'main.date=a b' -X=main.c=d -extldflags "-static"`); got != `-s -w -extldflags -static` {
		t.Errorf("LinkFlags = %q", got)
	}
}
