package main

// The import block's closing parenthesis is on line 1 of zones.y as far
// as the //line directive says; the import goes on the line above it in
// this file.

import (
	"fmt"
//line zones.y:1
	"time"
)

func main() {
	fmt.Println(time.LoadLocation("Europe/Paris")) // want `^time.LoadLocation fails on scratch: "unknown time zone"`
}
