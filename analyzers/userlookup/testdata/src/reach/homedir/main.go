package main

import (
	"fmt"

	"lib/homedir"
)

func main() {
	fmt.Println(homedir.Get())
	fmt.Println(homedir.Strict())
}
