// Command execself is a near-miss for the exec check: it runs itself again
// (os.Args[0], an absolute path where the suite starts it), a program every
// image has. Its streams are set, so os/exec needs no /dev/null.
package main

import (
	"os"
	"os/exec"
	"strings"

	"example.com/runtime/internal/report"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		os.Stdout.WriteString("child\n")
		return
	}
	var out strings.Builder
	cmd := exec.Command(os.Args[0], "child")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, &out, os.Stderr
	err := cmd.Run()
	report.Result("exec", "exec.Command(os.Args[0])", strings.TrimSpace(out.String()), err)
	report.Done()
}
