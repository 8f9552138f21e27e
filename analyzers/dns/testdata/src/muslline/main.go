//line resolver.y:40
// Command muslline resolves names in a static musl cgo build; a //line
// directive says its package clause is on line 42 of resolver.y.
package main

import (
	"fmt"
	"net"
)

func main() {
	fmt.Println(net.LookupHost("svc.internal")) // want `^net.LookupHost fails on bare`
}
