package main

import (
	"os"
	"path/filepath"
)

func cacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	app := filepath.Join(dir, "app")
	os.MkdirAll(app, 0o700) // want `os.MkdirAll\(os.UserCacheDir\(\)...\) fails on "scratch,user=65532": "permission denied" \(user 65532 cannot write HOME=/\)`
	return app
}

func main() {
	cacheDir()
	cfg, _ := os.UserConfigDir()
	os.WriteFile(filepath.Join(cfg, "app.yaml"), nil, 0o600) // want `os.WriteFile\(os.UserConfigDir\(\)...\)`
	home, _ := os.UserHomeDir()
	os.Create(home + "/.app_history") // want `os.Create\(os.UserHomeDir\(\)...\)`
}
