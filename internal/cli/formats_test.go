package cli

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestParseOutputs(t *testing.T) {
	for value, want := range map[string][]output{
		"text":                               {{"text", ""}},
		"sarif=out.sarif,text":               {{"sarif", "out.sarif"}, {"text", ""}},
		"junit=a.xml, checkstyle=b.xml":      {{"junit", "a.xml"}, {"checkstyle", "b.xml"}},
		"gitlab=gl.json,json=x/r.json,junit": {{"gitlab", "gl.json"}, {"json", "x/r.json"}, {"junit", ""}},
	} {
		got, err := parseOutputs(value)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %v, %v; want %v", value, got, err, want)
		}
	}
	for value, want := range map[string]string{
		"xml":                 `unknown format "xml"`,
		"text,json":           "only one output can go to standard output",
		"sarif=":              "sarif= names no file",
		"sarif=a,json=./a":    "two outputs to ./a",
		"text,":               `unknown format ""`,
		"codeclimate=cq.json": `unknown format "codeclimate"`,
	} {
		if _, err := parseOutputs(value); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %s", value, err, want)
		}
	}
}

func TestErrorsToStderr(t *testing.T) {
	for value, want := range map[string]bool{
		"text": true, "json": false, "sarif": false, "checkstyle": false, "junit": false,
		"gitlab": true, "sarif=x.sarif": true, "sarif=x.sarif,json": false,
	} {
		outs, _ := parseOutputs(value)
		if got := errorsToStderr(outs); got != want {
			t.Errorf("%s: errors to stderr %v, want %v", value, got, want)
		}
	}
}

func TestErrorPosition(t *testing.T) {
	for e, want := range map[string][4]string{
		"internal/broken/broken.go:3:23: cannot use x": {"internal/broken/broken.go", "3", "23", "cannot use x"},
		"a.go:7: syntax error":                         {"a.go", "7", "0", "syntax error"},
		"example.com/m/p: does not build:":             {"", "0", "0", "example.com/m/p: does not build:"},
		"go: inconsistent vendoring":                   {"", "0", "0", "go: inconsistent vendoring"},
	} {
		file, line, col, msg, _ := errorPosition(e)
		got := [4]string{file, itoa(line), itoa(col), msg}
		if got != want {
			t.Errorf("%q: got %q, want %q", e, got, want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
