package main // want `import "C" in owncgo with CGO_ENABLED=1, linked dynamically: the binary needs /lib64/ld-linux-x86-64.so.2 and libc.so.6, which target scratch lacks`

// int answer(void) { return 42; }
import "C"

import "fmt"

func main() { fmt.Println(C.answer()) }
