// Command tlspool is a near-miss for the caroots check: its HTTPS client
// trusts only an explicit RootCAs pool built from a CA certificate that the
// application ships itself (a PEM file named by its first argument), so it
// needs no CA bundle in the image.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
	"os"

	"example.com/runtime/internal/fetch"
	"example.com/runtime/internal/report"
)

func main() {
	pem, err := os.ReadFile(os.Args[1])
	if err == nil && !x509.NewCertPool().AppendCertsFromPEM(pem) {
		err = errors.New("no certificate in PEM file")
	}
	report.Result("caroots", "read CA "+os.Args[1], "", err)
	if err != nil {
		report.Done() // exits: the operation failed
		return
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool},
	}}
	resp, err := client.Get("https://127.0.0.1/")
	fetch.Report("caroots", "https://127.0.0.1/", resp, err)
	report.Done()
}
