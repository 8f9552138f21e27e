package inspect

// Runtime behaviour quoted from docs/FACTS.md (measured with Go
// 1.26, glibc 2.36 and musl 1.2.3 by running binaries in chroots). Verdicts
// quote these strings so a reader can match them against real logs; do not
// paraphrase them.
const (
	// §2: the ELF interpreter is missing.
	factNoExecChroot = "chroot: failed to run command '/app': No such file or directory (exit 127)"
	// §2: Docker's wording for the same condition (not observed: no Docker in the lab).
	factNoExecDocker = "exec /app: no such file or directory"
	// §3 Loader: loader present, libc.so.6 missing.
	factNoLibc6 = "error while loading shared libraries: libc.so.6: cannot open shared object file: No such file or directory (exit 127)"

	// §3 os/user, pure Go implementation.
	factUserPasswd  = "open /etc/passwd: no such file or directory"
	factUserGroup   = "open /etc/group: no such file or directory"
	factUserCurrent = "user: Current requires cgo or $USER set in environment"
	// §3 os/user, cgo implementation (static glibc or musl); no $USER fallback.
	factUserCgo = "user: unknown userid 0 (Lookup: user: unknown user root; LookupGroup: group: unknown group root)"

	// §3 DNS without /etc/resolv.conf, names not in /etc/hosts.
	factDNSGo    = "lookup svc.lab.test on [::1]:53: read udp [::1]:N->[::1]:53: read: connection refused"
	factDNSGlibc = "lookup svc.lab.test: Temporary failure in name resolution"
	factDNSMusl  = "lookup svc.lab.test: Try again (after about 5 s per lookup)"

	// §4 claim 3.
	factTZ = "unknown time zone America/New_York (with the zone name asked for; time.Local silently becomes UTC)"

	// §3 TLS / §4 claim 2.
	factTLS = "x509.SystemCertPool() returns 0 certs and a nil error; then tls: failed to verify certificate: x509: certificate signed by unknown authority"

	// §3 crypto/rand.
	factRandNoURandom = "fatal error: crypto/rand: failed to read random data (see https://go.dev/issue/66821): open /dev/urandom: no such file or directory (exit 2)"
	factRandEPERM     = "fatal error: crypto/rand: failed to read random data (see https://go.dev/issue/66821): operation not permitted (exit 2)"

	// §3 plugin.
	factPluginStub        = "plugin: not implemented"
	factPluginStaticGlibc = "libc.so.6: cannot open shared object file: No such file or directory (with glibc in the image: ld-linux-x86-64.so.2: cannot open shared object file; on a full host: fatal error: runtime: no plugin module data)"
	factPluginStaticMusl  = "Dynamic loading not supported"
)
