package inspect

import (
	"strings"

	"github.com/scratchvet/scratchvet/target"
)

// featureChecks judges every feature the binary contains on target t.
// Features the binary does not contain get no check. procEnv is the image's
// configured environment (nil for presets, where it is unknown).
func featureChecks(b *Binary, t target.Target, procEnv map[string]string) []Check {
	var checks []Check
	for _, f := range []func(*Binary, target.Target, map[string]string) (Check, bool){
		checkUser, checkDNS, checkTimezone, checkTLS, checkPlugin, checkRand, checkCgoStub,
	} {
		if c, ok := f(b, t, procEnv); ok {
			checks = append(checks, c)
		}
	}
	return checks
}

func evidence(b *Binary, names ...string) []string {
	var ev []string
	for _, n := range names {
		if m, ok := marker(b.Markers, n); ok {
			ev = append(ev, m.Evidence...)
		}
	}
	return ev
}

// staticGlibcNSS is docs/FACTS.md#reading-a-binary: a caveat, not a failure.
const staticGlibcNSS = "static glibc: NSS lookups depend on the nsswitch modules and the glibc version at link time " +
	"(the linker warned about getaddrinfo/getpw*_r/dlopen); the built-in files and dns sources work without any .so (docs/FACTS.md#users-and-groups)"

func checkUser(b *Binary, t target.Target, procEnv map[string]string) (Check, bool) {
	c := Check{Feature: "user"}
	switch {
	case hasMarker(b.Markers, markGoUser):
		c.Evidence = evidence(b, markGoUser)
		if t.Passwd {
			c.Status, c.Summary = statusOK, "os/user (pure Go) reads /etc/passwd and /etc/group, which the target has"
			return c, true
		}
		c.Status = statusFail
		c.Summary = "os/user (pure Go) lookups fail: the target has no /etc/passwd and /etc/group"
		c.Runtime = "Lookup/LookupId: " + factUserPasswd + "; LookupGroup: " + factUserGroup +
			"; Current(): " + factUserCurrent + " unless $USER and $HOME are set (then only Current works)"
		if procEnv != nil && procEnv["USER"] != "" && procEnv["HOME"] != "" {
			c.Notes = append(c.Notes, "the image sets USER and HOME, so user.Current works from the environment; lookups still fail")
		}
		c.Fix = "add /etc/passwd and /etc/group (distroless/static has them)"
	case hasMarker(b.Markers, markCgoUser):
		c.Evidence = evidence(b, markCgoUser)
		if b.Libc.Summary == "static glibc" {
			c.Notes = append(c.Notes, staticGlibcNSS)
		}
		if t.Passwd {
			c.Status, c.Summary = statusOK, "os/user (cgo, libc getpw*_r) reads /etc/passwd and /etc/group, which the target has"
			return c, true
		}
		c.Status = statusFail
		c.Summary = "os/user (cgo) lookups fail: the target has no /etc/passwd and /etc/group, and the libc implementation has no $USER fallback"
		c.Runtime = factUserCgo
		if b.Libc.Linkage == "dynamic" {
			c.Notes = append(c.Notes, "measured for static glibc and musl builds; a dynamic libc does the same NSS files lookup")
		}
		c.Fix = "add /etc/passwd and /etc/group, or build with -tags osusergo and set $USER/$HOME for user.Current"
	default:
		return c, false
	}
	return c, true
}

// libcResolverForced reports whether the build makes the cgo resolver the
// default: //go:debug netdns=cgo (DefaultGODEBUG) or the netcgo tag.
func libcResolverForced(b *Binary) bool {
	for _, kv := range strings.Split(b.Build.DefaultGODEBUG, ",") {
		if k, v, _ := strings.Cut(kv, "="); k == "netdns" && strings.HasPrefix(v, "cgo") {
			return true
		}
	}
	for _, tag := range b.Build.Tags {
		if tag == "netcgo" {
			return true
		}
	}
	return false
}

func checkDNS(b *Binary, t target.Target, _ map[string]string) (Check, bool) {
	goDNS, cgoDNS := hasMarker(b.Markers, markGoDNS), hasMarker(b.Markers, markCgoDNS)
	if !goDNS && !cgoDNS {
		return Check{}, false
	}
	c := Check{Feature: "dns", Evidence: evidence(b, markGoDNS, markCgoDNS)}
	resolver, errText := "Go's resolver", factDNSGo
	if cgoDNS && libcResolverForced(b) {
		resolver = "the libc resolver (netdns=cgo is the build's default)"
		errText = factDNSGlibc
		if b.Libc.Flavour == target.Musl {
			errText = factDNSMusl
			c.Notes = append(c.Notes, "musl's resolver ignores /etc/nsswitch.conf and reads /etc/hosts first (docs/FACTS.md#dns)")
		}
	} else if cgoDNS {
		c.Notes = append(c.Notes, "the cgo resolver is compiled in (availability, not use): Go's resolver is chosen unless "+
			"nsswitch.conf names a source other than files/dns, resolv.conf has an option Go does not know, "+
			"LOCALDOMAIN/RES_OPTIONS/HOSTALIASES are set, or GODEBUG=netdns=cgo (docs/FACTS.md#which-resolver-runs)")
	}
	if b.Libc.Summary == "static glibc" && cgoDNS {
		c.Notes = append(c.Notes, staticGlibcNSS)
	}
	if t.ResolvConf {
		c.Status = statusOK
		c.Summary = "DNS uses " + resolver + " with the target's /etc/resolv.conf"
		if !t.Hosts {
			c.Notes = append(c.Notes, "the target has no /etc/hosts: every name goes to DNS")
		}
		return c, true
	}
	c.Status = statusWarn
	c.Summary = "no /etc/resolv.conf: " + resolver + " sends names that are not in /etc/hosts to 127.0.0.1:53 (Go also [::1]:53); " +
		"they fail unless a DNS server listens there"
	if !t.Hosts {
		c.Summary += "; the target has no /etc/hosts either"
	}
	c.Runtime = errText
	c.Fix = "run under Docker/containerd/Kubernetes (they inject /etc/resolv.conf) or add /etc/resolv.conf to the root filesystem"
	return c, true
}

func checkTimezone(b *Binary, t target.Target, _ map[string]string) (Check, bool) {
	if !hasMarker(b.Markers, markTimezone) {
		return Check{}, false
	}
	c := Check{Feature: "timezone", Evidence: evidence(b, markTimezone, markTzdata)}
	switch {
	case hasMarker(b.Markers, markTzdata):
		c.Status, c.Summary = statusOK, "time.LoadLocation uses the embedded time/tzdata when the system has no zoneinfo"
	case t.Zoneinfo:
		c.Status, c.Summary = statusOK, "time.LoadLocation reads the target's zoneinfo"
	default:
		c.Status = statusFail
		c.Summary = "time.LoadLocation fails: the target has no zoneinfo and no tzdata is embedded (time/tzdata functions absent from pclntab)"
		c.Runtime = factTZ
		c.Fix = `import _ "time/tzdata" in package main or build with -tags timetzdata; or add /usr/share/zoneinfo (alpine: apk add tzdata)`
	}
	return c, true
}

func checkTLS(b *Binary, t target.Target, _ map[string]string) (Check, bool) {
	strong := hasMarker(b.Markers, markTLSClient)
	if !strong && !hasMarker(b.Markers, markTLSHandshk) {
		return Check{}, false
	}
	fallback := hasMarker(b.Markers, markFallback)
	c := Check{Feature: "tls-roots", Evidence: evidence(b, markTLSClient, markTLSHandshk, markFallback)}
	weakNote := "only TLS client handshake code was found, no HTTP client (net/http.(*Transport)) or tls.Dial; " +
		"server-only binaries link it too, so this may never run"
	switch {
	case t.CABundle:
		c.Status, c.Summary = statusOK, "certificate verification uses the target's CA bundle"
		if fallback {
			c.Notes = append(c.Notes, "x509roots/fallback is ignored while the system pool is non-empty; "+
				"GODEBUG=x509usefallbackroots=1 would replace the system roots and break private CAs (docs/FACTS.md#ca-roots)")
		}
		return c, true
	case fallback:
		c.Status = statusWarn
		c.Summary = "no CA bundle: certificates are verified against the embedded x509roots/fallback roots " +
			"(public Mozilla CAs only, 117 in the measured version); servers with a private CA fail"
	case strong:
		c.Status = statusFail
		c.Summary = "TLS clients fail to verify servers: the target has no CA bundle and no fallback roots are embedded"
	default:
		c.Status = statusWarn
		c.Summary = "if this binary makes TLS client connections, verification fails: the target has no CA bundle and no fallback roots are embedded"
	}
	if !strong {
		c.Notes = append(c.Notes, weakNote)
	}
	c.Runtime = factTLS
	c.Fix = "add a CA bundle at /etc/ssl/certs/ca-certificates.crt (or set SSL_CERT_FILE/SSL_CERT_DIR); " +
		"golang.org/x/crypto/x509roots/fallback covers public CAs only"
	return c, true
}

func checkPlugin(b *Binary, _ target.Target, _ map[string]string) (Check, bool) {
	c := Check{Feature: "plugin"}
	switch {
	case hasMarker(b.Markers, markPluginStub):
		c.Evidence = append(evidence(b, markPluginStub), "CGO_ENABLED="+b.Build.CgoEnabled)
		c.Status = statusFail
		c.Summary = "plugin.Open always fails: built without cgo, so the plugin package is a stub (on every target)"
		c.Runtime = factPluginStub
		c.Fix = "build with CGO_ENABLED=1, dynamically linked, and ship the matching libc"
	case hasMarker(b.Markers, markPlugin):
		c.Evidence = evidence(b, markPlugin)
		switch {
		case b.Libc.Linkage != "static":
			c.Status = statusOK
			c.Summary = "plugin.Open goes through the libc dynamic loader: it works where the binary starts, " +
				"given a plugin built with the same toolchain and libc"
			return c, true
		case b.Libc.Flavour == target.Musl:
			c.Runtime = factPluginStaticMusl
		default:
			c.Runtime = factPluginStaticGlibc
		}
		c.Status = statusFail
		c.Summary = "plugin.Open always fails: a statically linked binary cannot load plugins (on every target)"
		c.Evidence = append(c.Evidence, b.Libc.Summary+": "+strings.Join(b.Libc.Evidence, ", "))
		c.Fix = "link dynamically and ship the same libc in the image"
	default:
		return c, false
	}
	return c, true
}

func checkRand(b *Binary, t target.Target, _ map[string]string) (Check, bool) {
	if !hasMarker(b.Markers, markCryptoRand) {
		return Check{}, false
	}
	c := Check{Feature: "crypto-rand", Evidence: evidence(b, markCryptoRand)}
	c.Notes = []string{"crypto/rand uses the getrandom syscall (vDSO on Linux >= 6.11), never libc; " +
		"a seccomp profile that makes getrandom fail with EPERM kills the process: " + factRandEPERM}
	switch {
	case t.HasGetrandom():
		c.Status, c.Summary = statusOK, "getrandom(2) is available on every kernel the target allows (>= 3.17)"
	case t.DevURandom:
		c.Status = statusOK
		c.Summary = "kernel " + t.Kernel + " may lack getrandom(2) (ENOSYS); crypto/rand then reads /dev/urandom, which the target has"
	default:
		c.Status = statusFail
		c.Summary = "kernel " + t.Kernel + " may lack getrandom(2) and the target has no /dev/urandom: the first crypto/rand read kills the process"
		c.Runtime = factRandNoURandom
		c.Fix = "provide /dev/urandom (container runtimes mount /dev) or run on Linux >= 3.17"
	}
	return c, true
}

func checkCgoStub(b *Binary, _ target.Target, _ map[string]string) (Check, bool) {
	m, ok := marker(b.Markers, markCgoStubDeps)
	if !ok {
		return Check{}, false
	}
	var msgs []string
	for _, d := range b.Deps {
		if msg, ok := cgoStubModules[d.Path]; ok {
			msgs = append(msgs, msg)
		}
	}
	return Check{Feature: "cgo-stub", Status: statusFail, Evidence: m.Evidence,
		Summary: "a dependency that needs cgo was compiled as its !cgo stub: it fails at run time on every target",
		Runtime: strings.Join(msgs, "; "),
		Fix:     "build with CGO_ENABLED=1 (and a libc in the image, or static linking)"}, true
}
