// A server needs no roots to serve TLS.
package main

import "net/http"

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})
	http.ListenAndServeTLS(":8443", "cert.pem", "key.pem", nil)
}
