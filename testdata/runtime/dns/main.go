// Command dns resolves svc.truth.test, a name that only the harness's DNS
// server knows (it is in no /etc/hosts), then fetches http://svc.truth.test/.
// The server answers Go's resolver (which sends EDNS0) with 127.0.0.1 and
// libc's resolvers with 127.0.0.2, so the output shows which one ran.
package main

import (
	"net"
	"net/http"
	"strings"

	"example.com/runtime/internal/fetch"
	"example.com/runtime/internal/report"
)

func main() {
	addrs, err := net.LookupHost("svc.truth.test")
	report.Result("dns", "LookupHost(svc.truth.test)", strings.Join(addrs, ","), err)
	resp, err := http.Get("http://svc.truth.test/")
	fetch.Report("dns", "http://svc.truth.test/", resp, err)
	report.Done()
}
