// A constant http:// URL makes no TLS connection.
package main

import "net/http"

const health = "http://localhost:8080/healthz"

func main() {
	http.Get("http://127.0.0.1:8080/")
	http.Head(health)
}
