// Command dnshosts resolves hostsonly.truth.test, a name that is only in the
// target's /etc/hosts (the harness adds it there; its DNS server does not
// know it). It works wherever the image has /etc/hosts.
package main

import (
	"net"
	"strings"

	"example.com/runtime/internal/report"
)

func main() {
	addrs, err := net.LookupHost("hostsonly.truth.test")
	report.Result("dns", "LookupHost(hostsonly.truth.test)", strings.Join(addrs, ","), err)
	report.Done()
}
