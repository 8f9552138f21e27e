// Package homedir finds the home directory as
// github.com/docker/docker/pkg/homedir does: $HOME first, through a
// function that names it, the user database only when HOME is empty.
package homedir

import (
	"os"
	"os/user"
	"runtime"
)

const envKeyName = "HOME"

func Key() string { return envKeyName }

func Get() string {
	home := os.Getenv(Key())
	if home == "" && runtime.GOOS != "windows" {
		if u, err := user.Current(); err == nil {
			return u.HomeDir
		}
	}
	return home
}

// Strict fails where HOME is empty and the user database has no entry,
// which no container runtime gives a process (HOME is always set).
func Strict() (string, error) {
	home, ok := os.LookupEnv("HOME")
	if !ok {
		u, err := user.Current()
		if err != nil {
			return "", err
		}
		home = u.HomeDir
	}
	return home, nil
}
