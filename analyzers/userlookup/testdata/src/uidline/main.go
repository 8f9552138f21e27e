package main

// os/user is not renamed os here: os/exec sorts between them. A //line
// directive names lines past the end of the file.

import (
	"fmt"
	"os/exec"
//line main.go:300
	"os/user"
	"time"
)

func main() {
	u, _ := user.Current() // want `^user.Current fails on scratch`
	fmt.Println("uid", u.Uid, exec.ErrNotFound, time.Now())
}
