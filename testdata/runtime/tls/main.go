// Command tls is an HTTPS client that trusts the system roots: it fetches
// https://127.0.0.1/ from the harness's server, whose certificate is signed
// by a private CA that the harness appends to the target's CA bundle. An
// image without a CA bundle gives Go an empty pool (and no error), so the
// handshake fails with "certificate signed by unknown authority".
package main

import (
	"net/http"

	"example.com/runtime/internal/fetch"
	"example.com/runtime/internal/report"
)

func main() {
	resp, err := http.Get("https://127.0.0.1/")
	fetch.Report("caroots", "https://127.0.0.1/", resp, err)
	report.Done()
}
