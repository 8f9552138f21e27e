package main

import "os"

// A //line directive may name a line past the end of the file; a
// suppression directive after it is read from the text (it panicked).

//line main.go:900
func main() {
	//nolint:exec // names another check: the finding below stays
	os.CreateTemp("", "x") // want `^os.CreateTemp fails on scratch`
	//nolint:tmpdir // silenced on its own line
	os.MkdirTemp("", "y")
}
