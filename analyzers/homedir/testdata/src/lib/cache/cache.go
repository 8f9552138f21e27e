package cache

import (
	"os"
	"path/filepath"
)

func Dir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(base, "lib")
	return dir, os.MkdirAll(dir, 0o700)
}
