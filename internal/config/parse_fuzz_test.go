package config

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse: any text is a config or an error naming the file (and, for
// a syntax or schema error, a line), never a panic.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"target = \"scratch\"\n[checks]\ntzdata = false\n[exclude]\nall = [\"**/x\"]\n",
		"[build]\ncgo = true\ntags = [\"netgo\"]\n[severity]\ncaroots = \"info\"\n",
		"[[deployment]]\nmain = \"./cmd/api\"\ntarget = \"distroless-static\"\nenv = { TZ = \"UTC\" }\nbuild.cgo = false\n",
		"\ufefftarget = 'alpine'",
		"a = [[[[[[[[[[1]]]]]]]]]]",
		"x = \"\\u0000\"\n[a.b.c]\nd = 1979-05-27T07:32:00Z",
		"[",
	} {
		f.Add(seed)
	}
	known := []string{"caroots", "dynlink", "skipverify", "tzdata"}
	f.Fuzz(func(t *testing.T, src string) {
		_, err := Parse("x.toml", src, known)
		if err == nil {
			return
		}
		var ce *Error
		if errors.As(err, &ce) && ce.Path != "x.toml" {
			t.Errorf("error names %q, not the file: %v", ce.Path, err)
		}
		if !strings.Contains(err.Error(), "x.toml") {
			t.Errorf("error does not name the file: %v", err)
		}
	})
}
