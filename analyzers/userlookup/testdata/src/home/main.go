package main

import (
	"fmt"
	"os/user"
	"path/filepath"
)

func main() {
	u, err := user.Current() // want `^user.Current fails on scratch: "user: Current requires cgo or \$USER set in environment" \(no /etc/passwd; \$USER unset\)$`
	if err != nil {
		panic(err)
	}
	fmt.Println(filepath.Join(u.HomeDir, ".config"), u.HomeDir)
}
