package main

import (
	"os"
	"os/exec"
	"syscall"
)

func main() {
	exec.Command("git", "rev-parse", "HEAD").Output()    // want `exec.Command\("git"\) fails on scratch: \x60exec: "git": executable file not found in \$PATH\x60`
	exec.Command("sh", "-c", "date").Run()               // want `exec.Command\("sh"\) fails on scratch`
	exec.LookPath("curl")                                // want `exec.LookPath\("curl"\)`
	exec.Command("/bin/sh", "-c", "true").Run()          // want `exec.Command\("/bin/sh"\) fails on scratch: "fork/exec /bin/sh: no such file or directory"`
	os.StartProcess("/usr/bin/env", nil, &os.ProcAttr{}) // want `os.StartProcess\("/usr/bin/env"\)`
	syscall.Exec("/bin/busybox", nil, nil)               // want `syscall.Exec\("/bin/busybox"\)`
}
