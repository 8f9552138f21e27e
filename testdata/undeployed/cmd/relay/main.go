// Command relay ships prebuilt in Dockerfile.relay's Alpine image.
package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	addrs, err := net.LookupHost(os.Args[1])
	fmt.Println(addrs, err)
}
