package main

import (
	"fmt"
	"os/user"
	"path/filepath"
)

func main() {
	u, err := user.Current() // want `user.Current\(\.\.\.\): target scratch has no /etc/passwd, and the pure-Go os/user \(CGO_ENABLED=0 or -tags osusergo\) then fails with "user: Current requires cgo or \$USER set in environment" unless \$USER and \$HOME are set \(Docker sets only HOME\); only HomeDir is used: os.UserHomeDir\(\) reads \$HOME instead; or add /etc/passwd and /etc/group to the image`
	if err != nil {
		panic(err)
	}
	fmt.Println(filepath.Join(u.HomeDir, ".config"), u.HomeDir)
}
