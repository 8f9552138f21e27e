package main

import (
	"fmt"
	"io/ioutil"
	"os"
	"path/filepath"
)

func main() {
	f, _ := os.CreateTemp("", "report-*.csv") // want `^os.CreateTemp fails on scratch: "open /tmp/...: no such file or directory" \(no /tmp, TMPDIR unset\)$`
	fmt.Println(f)
	os.MkdirTemp("", "work-*") // want `os.MkdirTemp`
	ioutil.TempFile("", "x")   // want `ioutil.TempFile`
	dir := os.TempDir()
	os.MkdirAll(filepath.Join(dir, "cache"), 0o755) // want `os.MkdirAll\(os.TempDir\(\)...\)`
	os.ReadFile(filepath.Join(dir, "seed"))         // reading creates nothing
}
