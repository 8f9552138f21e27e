package config

import (
	"path"
	"strings"
	"testing"
)

// A config's [exclude] pattern cannot stall the checker: the number of
// element comparisons is at most (pattern elements) × (path elements),
// however many `**` the pattern has. The backtracking matcher this
// replaced made about 10^8 comparisons here (87 s for the same pattern
// against a path 30 deep that it does not match).
func TestMatchPathIsNotExponential(t *testing.T) {
	pattern := strings.Repeat("**/a/", 10) + "b" // ten **, ends in an element the path lacks
	rel := strings.Repeat("a/", 29) + "c.go"     // 30 elements deep
	calls := 0
	orig := matchElem
	matchElem = func(p, n string) bool { calls++; return orig(p, n) }
	defer func() { matchElem = orig }()
	if MatchPath(pattern, rel) {
		t.Fatalf("MatchPath(%q, %q) = true", pattern, rel)
	}
	if limit := 21 * 30; calls > limit {
		t.Errorf("%d element comparisons, want at most %d", calls, limit)
	}
	if !MatchPath(strings.Repeat("**/a/", 10)+"c.go", rel) {
		t.Errorf("the same pattern ending in c.go does not match")
	}
}

// backtrackingMatch is the definition MatchPath implements, written as
// directly as possible (and exponential): a reference for FuzzMatchPath.
func backtrackingMatch(pattern, rel string) bool {
	pat := strings.Split(path.Clean(pattern), "/")
	name := strings.Split(rel, "/")
	var match func(pat, name []string) bool
	match = func(pat, name []string) bool {
		if len(pat) == 0 {
			return len(name) == 0
		}
		if pat[0] == "**" {
			for skip := 0; skip <= len(name); skip++ {
				if match(pat[1:], name[skip:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		ok, _ := path.Match(pat[0], name[0])
		return ok && match(pat[1:], name[1:])
	}
	for n := len(name); n >= 1; n-- {
		if match(pat, name[:n]) {
			return true
		}
	}
	return false
}

// FuzzMatchPath: MatchPath agrees with the definition on small inputs and
// never panics on any.
func FuzzMatchPath(f *testing.F) {
	for _, seed := range [][2]string{
		{"examples", "examples/a/main.go"},
		{"**/examples", "cmd/examples/main.go"},
		{"cmd/**/main.go", "cmd/main.go"},
		{"**/*_gen.go", "a/b/c_gen.go"},
		{"[ab]pp/*.go", "app/x.go"},
		{"**/**/a/**", "a/a/b"},
		{"./x/../y", "y/z"},
		{"[", "["},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, pattern, rel string) {
		got := MatchPath(pattern, rel)
		if strings.Count(pattern, "/") > 8 || strings.Count(rel, "/") > 8 {
			return // the reference is exponential
		}
		if want := backtrackingMatch(pattern, rel); got != want {
			t.Errorf("MatchPath(%q, %q) = %v, the definition says %v", pattern, rel, got, want)
		}
	})
}
