// A client that trusts its own pool does not need the system roots.
package main

import (
	"crypto/tls"
	"crypto/x509"
	_ "embed"
	"net/http"
)

//go:embed ca.pem
var caPEM []byte

func main() {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caPEM)
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	c.Get("https://internal.example/")
}
