package main

import (
	"fmt"

	"lib/viaiface" // want `^user.LookupId in lib/viaiface fails on scratch: "[^"]*" \([^()]*\)$`
)

func main() {
	n := viaiface.New("0")
	fmt.Println(n.Name())
}
