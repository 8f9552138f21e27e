package main

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
)

func main() {
	http.Get("https://example.com/") // want `http.Get\(\.\.\.\) verifies TLS servers against the system roots: target scratch has no CA bundle, so x509.SystemCertPool returns an empty pool with a nil error and the handshake fails: "tls: failed to verify certificate: x509: certificate signed by unknown authority"`
	url := "https://api.example.com/"
	http.Post(url, "text/plain", nil) // want `http.Post\(\.\.\.\) verifies TLS servers`
	c := &http.Client{}               // want `http.Client\{\.\.\.\} verifies TLS servers`
	c.Get(url)
	tls.Dial("tcp", "example.com:443", &tls.Config{}) // want `tls.Dial\(\.\.\.\) verifies TLS servers`
	pool, _ := x509.SystemCertPool()                  // want `x509.SystemCertPool\(\.\.\.\) verifies TLS servers`
	_ = pool
	_ = http.DefaultClient // want `http.DefaultClient verifies TLS servers`
}
