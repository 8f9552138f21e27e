// The lookup is linked (package linked is imported) but never reached:
// main calls only Greeting.
package main

import (
	"fmt"

	"lib/linked"
)

func main() { fmt.Println(linked.Greeting()) }
