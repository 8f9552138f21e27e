// Command tmp creates a temporary file and directory in the default
// temporary directory, os.TempDir(): $TMPDIR, else /tmp. A FROM scratch
// container has no /tmp (Docker mounts none), so both fail there unless
// the image sets TMPDIR (the variant with TMPDIR=/dev/shm works).
package main

import (
	"os"

	"example.com/runtime/internal/report"
)

func main() {
	f, err := os.CreateTemp("", "truth-*")
	detail := ""
	if err == nil {
		detail = f.Name()
		f.Close()
		os.Remove(f.Name())
	}
	report.Result("tmpdir", "os.CreateTemp(\"\")", detail, err)

	dir, err := os.MkdirTemp("", "truth-*")
	if err == nil {
		os.Remove(dir)
	}
	report.Result("tmpdir", "os.MkdirTemp(\"\")", dir, err)
	report.Done()
}
