// Command agent runs from an initramfs (target bare): no /dev, no
// /etc/resolv.conf, an old kernel; built with CGO_ENABLED=0.
package main

import (
	"crypto/rand"
	"fmt"
	"net"
	"os/user"
	"plugin"

	"example.com/initramfs/internal/store"
)

func main() {
	id := make([]byte, 16)
	rand.Read(id)
	addrs, err := net.LookupHost("config.internal")
	fmt.Println(addrs, err)
	owner, err := user.Lookup("agent")
	fmt.Println(owner, err)
	p, err := plugin.Open("/lib/agent/ext.so")
	fmt.Println(p, err, store.Open())
}
