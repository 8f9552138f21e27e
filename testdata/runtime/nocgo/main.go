// Command nocgo is a near-miss for the dynlink check: it links no package
// that uses cgo (no net, os/user, plugin or import "C"), so even a
// CGO_ENABLED=1 build is fully static and starts in an empty image.
package main

import (
	"os"
	"strconv"

	"example.com/runtime/internal/report"
)

func main() {
	report.Result("dynlink", "start", "pid "+strconv.Itoa(os.Getpid()), nil)
	report.Done()
}
