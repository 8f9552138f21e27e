// glog's lookup fails on scratch, and the program goes on as
// "unknownuser": not a failure.
package main

import (
	"fmt"

	"lib/glogish"
)

func main() { fmt.Println(glogish.User()) }
