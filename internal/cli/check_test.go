package cli

import (
	"reflect"
	"testing"
)

func TestErrorLines(t *testing.T) {
	got := errorLines([]string{
		"# example.com/m/cgo\ncgo/cgo.go:3:11: fatal error: nosuch.h: No such file or directory\n    3 | // #include <nosuch.h>\n      |           ^~~~~~~~~~\ncompilation terminated.\n",
		"a.go:5:2: example.com/x@v1.0.0: reading https://proxy.golang.org/example.com/x/@v/v1.0.0.zip: 403 Forbidden\n\tserver response: This module version is not available.",
		"types/bad.go:3:23: cannot use \"x\" (untyped string constant) as int value in return statement",
		"",
	})
	want := []string{
		"example.com/m/cgo: does not build:",
		"cgo/cgo.go:3:11: fatal error: nosuch.h: No such file or directory",
		"    3 | // #include <nosuch.h>",
		"      |           ^~~~~~~~~~",
		"compilation terminated.",
		"a.go:5:2: example.com/x@v1.0.0: reading https://proxy.golang.org/example.com/x/@v/v1.0.0.zip: 403 Forbidden; server response: This module version is not available.",
		"types/bad.go:3:23: cannot use \"x\" (untyped string constant) as int value in return statement",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errorLines:\n%q\nwant\n%q", got, want)
	}
}
