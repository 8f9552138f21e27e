package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

func main() {
	fmt.Println(net.LookupHost("svc.internal")) // want `^net.LookupHost fails on bare: "lookup NAME on \[::1\]:53: \.\.\. connection refused" \(no /etc/resolv.conf\)$`
	fmt.Println(net.LookupHost("10.0.0.7"))
	conn, err := net.Dial("tcp", "db.internal:5432") // want `^net.Dial fails on bare`
	fmt.Println(conn, err)
	fmt.Println(net.Dial("tcp", os.Args[1]))               // an address from elsewhere may be an IP: not claimed
	fmt.Println(net.Dial("tcp", "127.0.0.1:6379"))         // no name
	fmt.Println(http.Get("http://api.internal/v1/health")) // want `^http.Get fails on bare`
	fmt.Println(http.Get("http://127.0.0.1:8080/healthz"))
}
