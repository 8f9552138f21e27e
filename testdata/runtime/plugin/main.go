// Command plugin loads a Go plugin (the path is its first argument) and
// calls its Greet function. plugin.Open is "not implemented" without cgo,
// cannot work in a statically linked binary, and in a dynamic one needs the
// same C library in the image as at build time.
package main

import (
	"errors"
	"os"
	"plugin"

	"example.com/runtime/internal/report"
)

func main() {
	greeting, err := greet(os.Args[1])
	report.Result("plugin", "plugin.Open("+os.Args[1]+")", greeting, err)
	report.Done()
}

func greet(path string) (string, error) {
	p, err := plugin.Open(path)
	if err != nil {
		return "", err
	}
	sym, err := p.Lookup("Greet")
	if err != nil {
		return "", err
	}
	greet, ok := sym.(func() string)
	if !ok {
		return "", errors.New("Greet has the wrong type")
	}
	return greet(), nil
}
