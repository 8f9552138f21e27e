package main

import (
	"fmt"
	"os"
	"os/user"
)

func main() {
	u, _ := user.Current() // want `^user.Current fails on scratch`
	fmt.Fprintln(os.Stderr, "uid", u.Uid)
}
