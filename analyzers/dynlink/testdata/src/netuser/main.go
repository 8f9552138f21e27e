package main

import (
	"fmt"
	"net/http" // want `importing "net/http" links net's cgo DNS resolver \(getaddrinfo\) \(netuser → net/http → net\) with CGO_ENABLED=1 and no -tags netgo, linked dynamically: the binary needs /lib64/ld-linux-x86-64.so.2 and libc.so.6, which target scratch lacks, so it will not start \("exec /app: no such file or directory", exit 127\); build with CGO_ENABLED=0 or -tags netgo`
	"os/user"  // want `importing "os/user" links os/user's cgo lookups \(getpwuid_r, getgrnam_r\) with CGO_ENABLED=1 and no -tags osusergo`
)

func main() {
	fmt.Println(user.Current())
	fmt.Println(http.Get("http://127.0.0.1/"))
}
