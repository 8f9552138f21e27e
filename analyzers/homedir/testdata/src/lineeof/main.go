package main

import (
	"os"
	"path/filepath"
)

// A //line directive may name a line past the end of the file; a
// suppression directive after it is read from the text (it panicked).

//line main.go:900
func main() {
	dir, _ := os.UserCacheDir()
	//nolint:tmpdir // names another check: the finding below stays
	os.MkdirAll(filepath.Join(dir, "a"), 0o700) // want `os.MkdirAll\(os.UserCacheDir\(\)...\) fails on "scratch,user=65532"`
	//nolint:homedir // silenced on its own line
	os.MkdirAll(filepath.Join(dir, "b"), 0o700)
}
