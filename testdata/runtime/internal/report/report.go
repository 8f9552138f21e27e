// Package report prints the per-operation result lines that the
// runtime-truth harness parses, and sets the exit status.
package report

import (
	"fmt"
	"os"
)

var failed bool

// Result prints "OK <check> <op>: <detail>" or, when err is not nil,
// "ERR <check> <op>: <err>". check names the scratchvet check that is
// responsible for op failing on a target.
func Result(check, op, detail string, err error) {
	if err != nil {
		failed = true
		fmt.Printf("ERR %s %s: %v\n", check, op, err)
		return
	}
	fmt.Printf("OK %s %s: %s\n", check, op, detail)
}

// Done exits with status 1 when any operation failed.
func Done() {
	if failed {
		os.Exit(1)
	}
}
