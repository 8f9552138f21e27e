package main

import (
	"fmt"

	//scratchvet:ignore tzdata the image installs tzdata; see Dockerfile
	"lib/zones"
)

func main() {
	fmt.Println(zones.Paris())
}
