// Package dns defines an Analyzer that reports name resolution in a binary
// whose target has no /etc/resolv.conf.
//
// # Analyzer dns
//
// dns: name resolution without /etc/resolv.conf
//
// The pure-Go resolver reads /etc/resolv.conf (it does not ignore it);
// without the file it asks 127.0.0.1:53 and [::1]:53, and with no DNS
// server there a lookup fails: "lookup svc on [::1]:53: read udp
// [::1]:N->[::1]:53: read: connection refused". glibc's resolver fails with
// "Temporary failure in name resolution"; musl's with "Try again", after
// about 5 s per lookup. A container runtime injects /etc/resolv.conf, so
// this matters for plain chroots and initramfs (target bare).
//
// The check is whole-program and reports in package main: at net.Lookup*,
// net.DefaultResolver, net.Resolve*Addr with a host name, and net.Dial or
// http.Get with a constant host name, or at the import that links such a
// call. Lookups of IP addresses resolve nothing and are not reported.
//
// Fix: put /etc/resolv.conf in the root filesystem. When the binary has the
// cgo resolver and links musl, a //go:debug netdns=go directive before the
// package clause of package main makes lookups that cannot be answered fail
// in milliseconds instead of ~5 s each; it does not make them succeed.
package dns
