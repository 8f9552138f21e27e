// Command cgo calls C code of its own. Linked dynamically (the default,
// even with -tags netgo,osusergo) it needs the C library's loader in the
// image; linked with -extldflags -static it starts anywhere.
package main

/*
static int add(int a, int b) { return a + b; }
*/
import "C"

import (
	"strconv"

	"example.com/runtime/internal/report"
)

func main() {
	report.Result("dynlink", "C.add(2, 3)", strconv.Itoa(int(C.add(2, 3))), nil)
	report.Done()
}
