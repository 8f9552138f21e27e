package main // want `^the binary fails to start on scratch: "exec /app: no such file or directory" \(cgo in this package needs /lib64/ld-linux-x86-64.so.2\)$`

// int answer(void) { return 42; }
import "C"

import "fmt"

func main() { fmt.Println(C.answer()) }
