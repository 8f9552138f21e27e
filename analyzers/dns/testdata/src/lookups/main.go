package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

func main() {
	fmt.Println(net.LookupHost("svc.internal")) // want `net.LookupHost\(\.\.\.\) resolves a host name: target bare has no /etc/resolv.conf, so Go's resolver asks 127.0.0.1:53 and \[::1\]:53 and, with no DNS server there, fails: "lookup NAME on \[::1\]:53: read udp \.\.\.: connection refused"`
	fmt.Println(net.LookupHost("10.0.0.7"))
	conn, err := net.Dial("tcp", "db.internal:5432") // want `net.Dial\(\.\.\.\) resolves a host name`
	fmt.Println(conn, err)
	fmt.Println(net.Dial("tcp", os.Args[1]))               // an address from elsewhere may be an IP: not claimed
	fmt.Println(net.Dial("tcp", "127.0.0.1:6379"))         // no name
	fmt.Println(http.Get("http://api.internal/v1/health")) // want `http.Get\(\.\.\.\) resolves a host name`
	fmt.Println(http.Get("http://127.0.0.1:8080/healthz"))
}
