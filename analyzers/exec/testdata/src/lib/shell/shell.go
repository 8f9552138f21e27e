// Package shell is riywo/loginshell's shape: the function that runs dscl
// is called only on darwin, so no Linux program reaches it.
package shell

import (
	"os/exec"
	"runtime"
)

func darwinShell() (string, error) {
	out, err := exec.Command("dscl", "localhost", "-read", "/Users/x", "UserShell").Output()
	return string(out), err
}

func windowsShell() (string, error) {
	out, err := exec.Command("powershell", "-c", "echo").Output()
	return string(out), err
}

func linuxShell() (string, error) {
	out, err := exec.Command("getent", "passwd", "x").Output()
	return string(out), err
}

func Shell() (string, error) {
	if runtime.GOOS == "windows" {
		return windowsShell()
	}
	switch runtime.GOOS {
	case "darwin":
		return darwinShell()
	case "linux":
		return linuxShell()
	}
	return "", nil
}
