package main

import (
	"fmt"

	"lib/cgodb" // want `importing "lib/cgodb" links import "C" in lib/cgodb with CGO_ENABLED=1, linked dynamically: .* choose a target with the libc \(distroless-base\)`
)

func main() { fmt.Println(cgodb.Open()) }
