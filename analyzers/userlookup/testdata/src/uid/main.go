package main

import (
	"fmt"
	"os"
	"os/user"
)

func main() {
	u, _ := user.Current() // want `only Uid is used: strconv.Itoa\(os.Getuid\(\)\) needs no /etc/passwd`
	fmt.Fprintln(os.Stderr, "uid", u.Uid)
}
