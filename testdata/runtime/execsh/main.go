// Command execsh runs the shell by name (looked up in PATH) and by its
// absolute path. scratch and distroless have no shell; alpine's busybox
// and a Debian image have one.
package main

import (
	"os/exec"
	"strings"

	"example.com/runtime/internal/report"
)

func main() {
	out, err := exec.Command("sh", "-c", "echo hello").Output()
	report.Result("exec", "exec.Command(\"sh\")", strings.TrimSpace(string(out)), err)
	out, err = exec.Command("/bin/sh", "-c", "echo hello").Output()
	report.Result("exec", "exec.Command(\"/bin/sh\")", strings.TrimSpace(string(out)), err)
	report.Done()
}
