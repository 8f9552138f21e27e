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
func MatchPath(pattern, rel string) bool {
	pat := strings.Split(path.Clean(pattern), "/")
	name := strings.Split(rel, "/")
	// A pattern matches a file when it matches a prefix of the file's
	// path: the file itself, or a directory holding it.
	for n := len(name); n >= 1; n-- {
		if matchElems(pat, name[:n]) {
			return true
		}
	}
	return false
}

func matchElems(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for skip := 0; skip <= len(name); skip++ {
				if matchElems(pat[1:], name[skip:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

func quote(s string) string { return `"` + s + `"` }
