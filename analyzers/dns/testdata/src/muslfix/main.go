// Command muslfix resolves names in a static musl cgo build.
package main

import (
	"fmt"
	"net"
)

func main() {
	fmt.Println(net.LookupHost("svc.internal")) // want `^net.LookupHost fails on bare`
}
