package main

import (
	"fmt"
	"net/http" // want `^the binary fails to start on scratch: "exec /app: no such file or directory" \(cgo in net and os/user needs /lib64/ld-linux-x86-64.so.2\)$`
	"os/user"
)

func main() {
	fmt.Println(user.Current())
	fmt.Println(http.Get("http://127.0.0.1/"))
}
