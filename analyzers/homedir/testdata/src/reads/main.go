// Near misses: reading under HOME, which fails harmlessly where nothing
// was written; a directory from configuration.
package main

import (
	"os"
	"path/filepath"
)

func main() {
	cfg, _ := os.UserConfigDir()
	os.ReadFile(filepath.Join(cfg, "app", "config.yaml"))
	home, _ := os.UserHomeDir()
	os.Open(filepath.Join(home, ".netrc"))
	os.MkdirAll(os.Getenv("APP_CACHE"), 0o700)
}
