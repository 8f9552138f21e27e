package protocol

import (
	"path/filepath"
	"runtime"
	"testing"
)

func TestURIFromPath(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX paths")
	}
	tests := []struct {
		path string
		want DocumentURI
	}{
		{"/home/u/proj/main.go", "file:///home/u/proj/main.go"},
		{"/a b/c.go", "file:///a%20b/c.go"},
		{"/x/é/😀.go", "file:///x/%C3%A9/%F0%9F%98%80.go"},
		{"/p/100%/a#b?c+d@e:f", "file:///p/100%25/a%23b%3Fc%2Bd%40e%3Af"},
		{"/x/./y/../z", "file:///x/z"},
		{"/", "file:///"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := URIFromPath(tt.path); got != tt.want {
			t.Errorf("URIFromPath(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
	// A relative path is made absolute.
	abs, _ := filepath.Abs("rel/x.go")
	if got, want := URIFromPath("rel/x.go"), URIFromPath(abs); got != want {
		t.Errorf("URIFromPath(relative) = %q, want %q", got, want)
	}
}

func TestURIPath(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX paths")
	}
	tests := []struct {
		uri  DocumentURI
		want string
	}{
		{"file:///home/u/main.go", "/home/u/main.go"},
		{"file:///a%20b/c.go", "/a b/c.go"},
		{"file:///a b/c.go", "/a b/c.go"}, // unencoded space, as some clients send
		{"file:///x/%C3%A9/%F0%9F%98%80.go", "/x/é/😀.go"},
		{"file:///x/%c3%a9.go", "/x/é.go"}, // lower-case hex
		{"file:///p/100%25/a%23b%3Fc%2Bd%40e%3Af", "/p/100%/a#b?c+d@e:f"},
		{"file:///p/a+b", "/p/a+b"}, // '+' is not a space in a path
		{"file://localhost/etc/hosts", "/etc/hosts"},
		{"FILE:///x", "/x"},
		{"file:///x/../y/", "/y"},
		{"file:///c%3A/Users/x.go", "/c:/Users/x.go"}, // VS Code's Windows form, kept as a path on POSIX
	}
	for _, tt := range tests {
		got, err := tt.uri.Path()
		if err != nil || got != tt.want {
			t.Errorf("%q.Path() = %q, %v; want %q", tt.uri, got, err, tt.want)
		}
	}
	for _, bad := range []DocumentURI{
		"", "main.go", "/abs/path", "http://example.com/x.go", "untitled:Untitled-1",
		"file://server/share/x.go", "file:///a%zzb", "file:///a#frag", "file:///a?q", "file:relative",
	} {
		if got, err := bad.Path(); err == nil {
			t.Errorf("%q.Path() = %q, want error", bad, got)
		}
	}
	if got, err := URI("file:///w%20s").Path(); err != nil || got != "/w s" {
		t.Errorf("URI.Path() = %q, %v", got, err)
	}
}

func TestURIRoundTrip(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX paths")
	}
	for _, p := range []string{"/a", "/a b/ c ", "/ü/ß/日本/😀", "/%41/%%", "/a;b=c,d&e$f!g'h(i)j*k", "/tab\there", "/new\nline"} {
		got, err := URIFromPath(p).Path()
		if err != nil || got != p {
			t.Errorf("round trip of %q via %q = %q, %v", p, URIFromPath(p), got, err)
		}
	}
}

func TestURIWindowsPathDoesNotBreak(t *testing.T) {
	// Windows paths are not supported on POSIX hosts, but must produce a
	// well-formed URI that decodes again.
	u := URIFromPath(`C:\Users\x.go`)
	if _, err := u.Path(); err != nil {
		t.Errorf("%q.Path(): %v", u, err)
	}
}
