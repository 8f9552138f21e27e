// Command httpplain is a near-miss for the caroots check: it is an HTTP
// client, but plain HTTP to an IP address needs neither CA roots nor DNS.
package main

import (
	"net/http"

	"example.com/runtime/internal/fetch"
	"example.com/runtime/internal/report"
)

func main() {
	resp, err := http.Get("http://127.0.0.1/")
	fetch.Report("caroots", "http://127.0.0.1/", resp, err)
	report.Done()
}
