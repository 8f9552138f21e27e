package main

import (
	"fmt"

	"lib/cgodb" // want `^the binary fails to start on scratch: "exec /app: no such file or directory" \(cgo in lib/cgodb needs /lib64/ld-linux-x86-64.so.2\)$`
)

func main() { fmt.Println(cgodb.Open()) }
