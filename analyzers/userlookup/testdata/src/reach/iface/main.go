package main

import (
	"fmt"

	"lib/viaiface" // want `this import links lib/viaiface at viaiface/viaiface.go:\d+:\d+, which calls user.LookupId\(\.\.\.\) \(reach/iface → lib/viaiface\): target scratch has no /etc/passwd`
)

func main() {
	n := viaiface.New("0")
	fmt.Println(n.Name())
}
