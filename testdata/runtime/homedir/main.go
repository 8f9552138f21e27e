// Command homedir creates its cache directory under os.UserCacheDir(),
// $HOME/.cache. A non-root user whose HOME is / (runc's value when the
// image's /etc/passwd has no entry for the user) cannot: mkdir /.cache:
// permission denied.
package main

import (
	"os"
	"path/filepath"

	"example.com/runtime/internal/report"
)

func main() {
	cache, err := os.UserCacheDir()
	dir := filepath.Join(cache, "truth")
	if err == nil {
		err = os.MkdirAll(dir, 0o700)
	}
	report.Result("homedir", "os.MkdirAll(os.UserCacheDir()/truth)", dir, err)
	report.Done()
}
