package main

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
)

func main() {
	http.Get("https://example.com/") // want `^TLS verification by http.Get fails on scratch: "x509: certificate signed by unknown authority" \(no CA bundle\)$`
	url := "https://api.example.com/"
	http.Post(url, "text/plain", nil) // want `^TLS verification by http.Post fails on scratch`
	c := &http.Client{}               // want `^TLS verification by http.Client fails on scratch`
	c.Get(url)
	tls.Dial("tcp", "example.com:443", &tls.Config{}) // want `^TLS verification by tls.Dial fails on scratch`
	pool, _ := x509.SystemCertPool()                  // want `^TLS verification by x509.SystemCertPool fails on scratch`
	_ = pool
	_ = http.DefaultClient // want `^TLS verification by http.DefaultClient fails on scratch`
}
