package inspect

import (
	"slices"
	"strconv"
	"strings"
)

// Marker is one capability found in the binary, with the evidence for it.
type Marker struct {
	Name     string   `json:"name"`
	Evidence []string `json:"evidence"`
}

// Marker names. The first eight are the pclntab marker names of the inspection table (testdata/facts_appendix.md
// appendix ("inspection of every built binary"), so the tests compare them
// with that table directly.
const (
	markRuntimeCgo  = "rtcgo"    // runtime/cgo linked
	markCgoDNS      = "cgoDNS"   // libc resolver compiled in (availability, not use)
	markGoDNS       = "goDNS"    // Go's own resolver compiled in
	markCgoUser     = "cgoUser"  // os/user through libc getpw*_r
	markGoUser      = "goUser"   // os/user parsing /etc/passwd and /etc/group
	markPlugin      = "plugin"   // plugin.Open through dlopen
	markTzdata      = "tzdata"   // time/tzdata embedded
	markFallback    = "fallback" // golang.org/x/crypto/x509roots/fallback embedded
	markPluginStub  = "pluginStub"
	markTimezone    = "loadLocation"
	markTLSClient   = "tlsClient"    // an HTTP client or tls.Dial: verifies server certificates
	markTLSHandshk  = "tlsHandshake" // TLS client handshake code only (servers link it too)
	markCryptoRand  = "cryptoRand"
	markCgoStubDeps = "cgoStubPackage"
)

const fallbackModule = "golang.org/x/crypto/x509roots/fallback"

// cgoStubModules are modules that build with CGO_ENABLED=0 but only as a stub
// that fails at run time (docs/FACTS.md#cgo-stubs), with the stub's message.
var cgoStubModules = map[string]string{
	"github.com/mattn/go-sqlite3": "Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub",
}

// findMarkers looks for every capability the verdicts depend on.
func findMarkers(b *Binary, ft *funcTable, text *fileText) []Marker {
	var ms []Marker
	add := func(name string, ev ...string) {
		if len(ev) > 0 {
			ms = append(ms, Marker{Name: name, Evidence: ev})
		}
	}
	fn := func(names ...string) []string {
		var ev []string
		for _, n := range names {
			if ft.funcs[n] {
				ev = append(ev, "pclntab "+n)
			}
		}
		return ev
	}
	imp := func(names ...string) []string {
		var ev []string
		for _, n := range names {
			if slices.Contains(b.ELF.LibcImports, n) {
				ev = append(ev, "dynamic import "+n)
			}
		}
		return ev
	}
	if rt := ft.withPrefix("runtime/cgo."); len(rt) > 0 {
		ev := "pclntab " + rt[0]
		if len(rt) > 1 {
			ev = "pclntab runtime/cgo.* (" + strconv.Itoa(len(rt)) + " functions, e.g. " + rt[0] + ")"
		}
		add(markRuntimeCgo, ev)
	}
	add(markCgoDNS, append(fn("net._C2func_getaddrinfo", "net.cgoLookupHost"), imp("getaddrinfo")...)...)
	add(markGoDNS, fn("net.(*Resolver).goLookupIPCNAMEOrder")...)
	cgoUser := fn("os/user._Cfunc_mygetpwuid_r", "os/user._Cfunc_mygetpwnam_r", "os/user._Cfunc_mygetgrnam_r")
	add(markCgoUser, append(cgoUser, imp("getpwuid_r", "getpwnam_r", "getgrgid_r", "getgrnam_r")...)...)
	add(markGoUser, fn("os/user.findUserId")...)
	if ev := fn("plugin._Cfunc_pluginOpen"); len(ev) > 0 {
		add(markPlugin, append(ev, imp("dlopen")...)...)
	}
	// CGO_ENABLED=0 binaries keep no plugin.* function: plugin.Open is the
	// inlined stub, visible by its source file and its error string.
	// The source file is the evidence that plugin is linked at all; the
	// string alone also appears in programs that merely print it.
	if f, ok := ft.file("plugin/plugin_stubs.go"); ok && !ft.funcs["plugin._Cfunc_pluginOpen"] {
		stub := []string{"pclntab source file " + f}
		if text.contains("plugin: not implemented") {
			stub = append(stub, `string "plugin: not implemented"`)
		}
		add(markPluginStub, stub...)
	}
	if tz := ft.withPrefix("time/tzdata."); len(tz) > 0 {
		add(markTzdata, "pclntab "+strings.Join(tz, ", "))
	}
	var fb []string
	for _, d := range b.Deps {
		if d.Path == fallbackModule {
			fb = append(fb, "build info dep "+d.Path+" "+d.Version)
		}
	}
	if f := ft.withPrefix(fallbackModule + "."); len(f) > 0 {
		fb = append(fb, "pclntab "+f[0])
	}
	add(markFallback, fb...)
	add(markTimezone, fn("time.LoadLocation")...)
	add(markTLSClient, fn("net/http.(*Transport).roundTrip", "crypto/tls.(*Dialer).DialContext",
		"crypto/tls.DialWithDialer", "crypto/tls.dial")...)
	if !hasMarker(ms, markTLSClient) {
		add(markTLSHandshk, fn("crypto/tls.(*Conn).clientHandshake")...)
	}
	add(markCryptoRand, fn("crypto/internal/sysrand.Read", "crypto/rand.Read")...)
	if b.Build.CgoEnabled == "0" {
		for _, d := range b.Deps {
			if _, ok := cgoStubModules[d.Path]; ok {
				add(markCgoStubDeps, "build info dep "+d.Path+" "+d.Version+" with CGO_ENABLED=0")
			}
		}
	}
	return ms
}

func hasMarker(ms []Marker, name string) bool {
	_, ok := marker(ms, name)
	return ok
}

func marker(ms []Marker, name string) (Marker, bool) {
	for _, m := range ms {
		if m.Name == name {
			return m, true
		}
	}
	return Marker{}, false
}
