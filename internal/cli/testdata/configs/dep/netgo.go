//go:build netgo

package dep

import "os/exec"

// F runs git, in the netgo build only.
func F() error {
	_, err := exec.Command("git", "version").Output()
	return err
}
