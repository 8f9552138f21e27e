// Command execgit runs git, which none of the images has: not scratch or
// distroless, not alpine's busybox, not Debian's required packages.
package main

import (
	"os/exec"
	"strings"

	"example.com/runtime/internal/report"
)

func main() {
	out, err := exec.Command("git", "--version").Output()
	report.Result("exec", "exec.Command(\"git\")", strings.TrimSpace(string(out)), err)
	report.Done()
}
