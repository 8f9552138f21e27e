// Near misses: names that are not constant, the program itself, a path
// relative to the working directory.
package main

import (
	"os"
	"os/exec"
)

func main() {
	tool := os.Getenv("TOOL")
	exec.Command(tool).Run()
	exec.Command(os.Args[0], "child").Run()
	self, _ := os.Executable()
	exec.Command(self, "child").Run()
	exec.Command("/proc/self/exe", "child").Run()
	exec.Command("./helper").Run()
}
