package target

import (
	"reflect"
	"strings"
	"testing"
)

// Every file-backed property must change the file list, and every file must
// name a real property: otherwise a preset could claim something that the
// runtime-truth root filesystems do not contain.
func TestFilesFollowEveryProperty(t *testing.T) {
	known := map[string]bool{}
	for _, p := range Properties() {
		known[p.Key] = true
	}
	for _, p := range Properties() {
		if p.Key == "kernel" {
			continue // no file: emulated by the runtime-truth tests
		}
		off, on := Target{Libc: NoLibc, Loader: NoLibc, Kernel: "3.17"}, Target{Libc: NoLibc, Loader: NoLibc, Kernel: "3.17"}
		value := "true"
		if p.Key == "libc" || p.Key == "loader" {
			value = "glibc"
		}
		if err := on.Set(p.Key, value); err != nil {
			t.Fatal(err)
		}
		if reflect.DeepEqual(off.Files(), on.Files()) {
			t.Errorf("property %s=%s adds no file to the root filesystem", p.Key, value)
		}
		for _, f := range on.Files() {
			if f.Property != p.Key {
				t.Errorf("%s=%s adds %s, attributed to property %q", p.Key, value, f.Path, f.Property)
			}
		}
	}
	for _, preset := range Presets() {
		for _, f := range preset.Files() {
			if !known[f.Property] {
				t.Errorf("%s: %s names unknown property %q", preset.Name, f.Path, f.Property)
			}
			if !strings.HasPrefix(f.Path, "/") {
				t.Errorf("%s: path %q is not absolute", preset.Name, f.Path)
			}
		}
	}
}

func TestFilesOfPresets(t *testing.T) {
	paths := func(name string) map[string]bool {
		tgt, ok := Lookup(name)
		if !ok {
			t.Fatalf("no preset %s", name)
		}
		set := map[string]bool{}
		for _, f := range tgt.Files() {
			set[f.Path] = true
		}
		return set
	}
	if got := paths("bare"); len(got) != 0 {
		t.Errorf("bare has files %v, want none", got)
	}
	scratch := paths("scratch")
	for _, p := range []string{"/etc/hosts", "/etc/resolv.conf", "/dev/urandom"} {
		if !scratch[p] {
			t.Errorf("scratch lacks %s, which container runtimes inject", p)
		}
	}
	if scratch["/etc/passwd"] || scratch[Glibc.LoaderPath()] {
		t.Errorf("scratch has files only an image provides: %v", scratch)
	}
	alpine := paths("alpine")
	if !alpine[Musl.LoaderPath()] || alpine["/usr/share/zoneinfo"] || alpine[Glibc.LoaderPath()] {
		t.Errorf("alpine files wrong: %v", alpine)
	}
	base := paths("distroless-base")
	if !base[Glibc.LoaderPath()] || !base["/lib/x86_64-linux-gnu/libc.so.6"] {
		t.Errorf("distroless-base lacks glibc: %v", base)
	}
}

// A Libc without the matching loader is a valid override; its files must
// not drag the loader in.
func TestFilesLibcWithoutLoader(t *testing.T) {
	tgt := Target{Libc: Musl, Loader: NoLibc}
	for _, f := range tgt.Files() {
		if f.Path == Musl.LoaderPath() {
			t.Errorf("libc=musl,loader=none contains the loader")
		}
	}
}
