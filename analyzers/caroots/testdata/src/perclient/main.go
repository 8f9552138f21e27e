// Each TLS client is judged by its own tls.Config: setting RootCAs on one
// client does not excuse the others.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"os"
)

func pool() *x509.CertPool {
	p := x509.NewCertPool()
	pem, _ := os.ReadFile("/etc/app/ca.pem")
	p.AppendCertsFromPEM(pem)
	return p
}

func main() {
	own := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool()}}}
	own.Get("https://internal.example/")

	http.Get("https://api.example.com/") // want "."

	plain := &http.Transport{} // want "."
	_ = plain

	cfg := &tls.Config{RootCAs: pool()}
	tls.Dial("tcp", "internal.example:443", cfg)
	tls.Dial("tcp", "api.example.com:443", nil) // want "."

	later := &tls.Config{}
	later.RootCAs = pool()
	tls.Client(&net.TCPConn{}, later)

	system := &tls.Config{MinVersion: tls.VersionTLS12}
	tls.Client(&net.TCPConn{}, system) // want "."

	tr := &http.Transport{}
	tr.TLSClientConfig = &tls.Config{RootCAs: pool()}
	_ = &http.Client{Transport: tr}

	clone := http.DefaultTransport.(*http.Transport).Clone()
	clone.TLSClientConfig = cfg
	_ = clone
}
