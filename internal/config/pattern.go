package config

import (
	"errors"
	"path"
	"path/filepath"
	"strings"
)

// Exclusion patterns ([exclude]) are slash-separated paths relative to the
// config file's directory (the module root). Each element is matched as by
// path.Match (`*`, `?`, `[...]`), and an element `**` matches any number
// of elements, none included. A pattern that matches a directory matches
// every file below it: "examples" and "examples/**" are the same.

// ValidPattern reports whether pattern is a valid exclusion pattern.
func ValidPattern(pattern string) error {
	switch {
	case pattern == "":
		return errors.New("empty pattern")
	case strings.HasPrefix(pattern, "/") || filepath.IsAbs(pattern):
		return errors.New("pattern " + quote(pattern) + " must be relative to the config file's directory")
	case strings.Contains(pattern, `\`):
		return errors.New("pattern " + quote(pattern) + ": use / to separate path elements")
	}
	for _, elem := range strings.Split(pattern, "/") {
		if elem == ".." {
			return errors.New("pattern " + quote(pattern) + " must not leave the config file's directory")
		}
		if _, err := path.Match(elem, ""); err != nil {
			return errors.New("pattern " + quote(pattern) + ": malformed element " + quote(elem))
		}
	}
	return nil
}

// MatchPath reports whether the slash-separated relative path rel (of a
// file) is matched by pattern, or lies in a directory it matches.
//
// The match runs in O(len(pattern elements) × len(path elements)) element
// comparisons, whatever the number of `**`: a repository's config must not
// be able to stall the checker or the language server. (A backtracking
// matcher is exponential in the number of `**`: ten of them against a path
// thirty elements deep took 87 s.)
func MatchPath(pattern, rel string) bool {
	pat := strings.Split(path.Clean(pattern), "/")
	name := strings.Split(rel, "/")
	// reach[j] says that the pattern elements seen so far match name[:j].
	// A pattern matches a file when it matches a prefix of the file's
	// path: the file itself, or a directory holding it.
	reach := make([]bool, len(name)+1)
	next := make([]bool, len(name)+1)
	reach[0] = true
	for _, elem := range pat {
		clear(next)
		live := false
		if elem == "**" {
			// ** matches any number of elements, none included: every
			// position from the first reachable one on is reachable.
			for j, ok := range reach {
				live = live || ok
				next[j] = live
			}
		} else {
			for j := 0; j < len(name); j++ {
				if reach[j] && matchElem(elem, name[j]) {
					next[j+1] = true
					live = true
				}
			}
		}
		if !live {
			return false
		}
		reach, next = next, reach
	}
	for n := 1; n <= len(name); n++ {
		if reach[n] {
			return true
		}
	}
	return false
}

// matchElem matches one path element; a variable so that a test can count
// the comparisons.
var matchElem = func(pattern, name string) bool {
	ok, _ := path.Match(pattern, name)
	return ok
}

func quote(s string) string { return `"` + s + `"` }
