package program

import (
	"bytes"
	"net"
	"net/url"
	"strings"
)

// Kind names a run-time need that a check judges.
type Kind string

const (
	KindCgo       Kind = "cgo"       // the package calls C: the binary needs libc and a loader
	KindTZ        Kind = "tz"        // time.LoadLocation of a zone that needs the database
	KindTLS       Kind = "tls"       // a TLS client verifying against the system roots
	KindUser      Kind = "user"      // an os/user lookup
	KindDNS       Kind = "dns"       // a name resolution
	KindRand      Kind = "rand"      // crypto/rand
	KindDevRandom Kind = "devrandom" // an open of /dev/urandom or /dev/random
	KindPlugin    Kind = "plugin"    // plugin.Open
	KindCgoStub   Kind = "cgostub"   // a !cgo stub that fails at run time
	KindTemp      Kind = "temp"      // a file or directory created in os.TempDir() (/tmp unless $TMPDIR)
	KindMultipart Kind = "multipart" // a multipart form parsed with a memory limit: larger parts go to os.TempDir()
	KindExec      Kind = "exec"      // a program run or looked up by a constant name or absolute path (Site.Arg)
	KindSyslog    Kind = "syslog"    // log/syslog's local transport (/dev/log)
	KindHome      Kind = "home"      // a write under os.UserCacheDir, UserConfigDir or UserHomeDir
)

// A sink is an API of the standard library whose use needs something from
// the target.
type sink struct {
	kind Kind
	pkg  string // import path
	name string // package-level function, variable or type
	form form
	arg  int // the argument skip looks at
	// skip reports whether a call needs nothing (for example a constant
	// "UTC" zone); nil means every use counts.
	skip func(constValue) bool
	// recordArg: the site records the constant argument (Site.Arg), which
	// the check judges (a program name).
	recordArg bool
	// tolerable: a call whose failure the code absorbs is not a site
	// (tolerate.go); viaCommand: its failure is that of the command's Run,
	// Output, CombinedOutput or Start (exec.Command).
	tolerable, viaCommand bool
}

type form int

const (
	call      form = iota // pkg.Name(...)
	reference             // pkg.Name used as a value
	composite             // pkg.Name{...} or &pkg.Name{...}
	method                // x.Name(...) where x is not a package: pkg is ""
)

// constValue is the constant string value of an argument, when known.
type constValue struct {
	s     string
	known bool
}

var sinks = []sink{
	{kind: KindTZ, pkg: "time", name: "LoadLocation", form: call, skip: zoneNeedsNoDatabase},

	{kind: KindTLS, pkg: "net/http", name: "Get", form: call, skip: plainHTTP},
	{kind: KindTLS, pkg: "net/http", name: "Head", form: call, skip: plainHTTP},
	{kind: KindTLS, pkg: "net/http", name: "Post", form: call, skip: plainHTTP},
	{kind: KindTLS, pkg: "net/http", name: "PostForm", form: call, skip: plainHTTP},
	{kind: KindTLS, pkg: "net/http", name: "DefaultClient", form: reference},
	{kind: KindTLS, pkg: "net/http", name: "DefaultTransport", form: reference},
	{kind: KindTLS, pkg: "net/http", name: "Client", form: composite},
	{kind: KindTLS, pkg: "net/http", name: "Transport", form: composite},
	{kind: KindTLS, pkg: "crypto/tls", name: "Dial", form: call},
	{kind: KindTLS, pkg: "crypto/tls", name: "DialWithDialer", form: call},
	{kind: KindTLS, pkg: "crypto/tls", name: "Client", form: call},
	{kind: KindTLS, pkg: "crypto/tls", name: "Dialer", form: composite},
	{kind: KindTLS, pkg: "crypto/x509", name: "SystemCertPool", form: call},

	{kind: KindUser, pkg: "os/user", name: "Current", form: call, tolerable: true},
	{kind: KindUser, pkg: "os/user", name: "Lookup", form: call, tolerable: true},
	{kind: KindUser, pkg: "os/user", name: "LookupId", form: call, tolerable: true},
	{kind: KindUser, pkg: "os/user", name: "LookupGroup", form: call, tolerable: true},
	{kind: KindUser, pkg: "os/user", name: "LookupGroupId", form: call, tolerable: true},

	{kind: KindDNS, pkg: "net", name: "LookupHost", form: call, skip: ipLiteral},
	{kind: KindDNS, pkg: "net", name: "LookupIP", form: call, skip: ipLiteral},
	{kind: KindDNS, pkg: "net", name: "LookupAddr", form: call},
	{kind: KindDNS, pkg: "net", name: "LookupCNAME", form: call},
	{kind: KindDNS, pkg: "net", name: "LookupMX", form: call},
	{kind: KindDNS, pkg: "net", name: "LookupNS", form: call},
	{kind: KindDNS, pkg: "net", name: "LookupSRV", form: call},
	{kind: KindDNS, pkg: "net", name: "LookupTXT", form: call},
	{kind: KindDNS, pkg: "net", name: "DefaultResolver", form: reference},
	{kind: KindDNS, pkg: "net", name: "ResolveIPAddr", form: call, arg: 1, skip: notHostAddress},
	{kind: KindDNS, pkg: "net", name: "ResolveTCPAddr", form: call, arg: 1, skip: notHostAddress},
	{kind: KindDNS, pkg: "net", name: "ResolveUDPAddr", form: call, arg: 1, skip: notHostAddress},
	{kind: KindDNS, pkg: "net", name: "Dial", form: call, arg: 1, skip: notConstantHostAddress},
	{kind: KindDNS, pkg: "net", name: "DialTimeout", form: call, arg: 1, skip: notConstantHostAddress},
	{kind: KindDNS, pkg: "net/http", name: "Get", form: call, skip: notConstantHostURL},
	{kind: KindDNS, pkg: "net/http", name: "Head", form: call, skip: notConstantHostURL},
	{kind: KindDNS, pkg: "net/http", name: "Post", form: call, skip: notConstantHostURL},

	{kind: KindRand, pkg: "crypto/rand", name: "Read", form: call},
	{kind: KindRand, pkg: "crypto/rand", name: "Reader", form: reference},
	{kind: KindRand, pkg: "crypto/rand", name: "Int", form: call},
	{kind: KindRand, pkg: "crypto/rand", name: "Prime", form: call},
	{kind: KindRand, pkg: "crypto/rand", name: "Text", form: call},
	// TLS handshakes and key generation read crypto/rand too: the truth
	// suite saw TLS programs abort in bare, with or without a RootCAs pool.
	{kind: KindRand, pkg: "crypto/tls", name: "Dial", form: call},
	{kind: KindRand, pkg: "crypto/tls", name: "DialWithDialer", form: call},
	{kind: KindRand, pkg: "crypto/tls", name: "Client", form: call},
	{kind: KindRand, pkg: "crypto/tls", name: "Server", form: call},
	{kind: KindRand, pkg: "crypto/tls", name: "Listen", form: call},
	{kind: KindRand, pkg: "crypto/tls", name: "NewListener", form: call},
	{kind: KindRand, pkg: "crypto/tls", name: "Dialer", form: composite},
	{kind: KindRand, pkg: "net/http", name: "Get", form: call, skip: plainHTTP},
	{kind: KindRand, pkg: "net/http", name: "Head", form: call, skip: plainHTTP},
	{kind: KindRand, pkg: "net/http", name: "Post", form: call, skip: plainHTTP},
	{kind: KindRand, pkg: "net/http", name: "PostForm", form: call, skip: plainHTTP},
	{kind: KindRand, pkg: "net/http", name: "DefaultClient", form: reference},
	{kind: KindRand, pkg: "net/http", name: "DefaultTransport", form: reference},
	{kind: KindRand, pkg: "net/http", name: "Client", form: composite},
	{kind: KindRand, pkg: "net/http", name: "Transport", form: composite},
	{kind: KindRand, pkg: "net/http", name: "ListenAndServeTLS", form: call},
	{kind: KindRand, pkg: "net/http", name: "ServeTLS", form: call},
	{kind: KindRand, pkg: "crypto/rsa", name: "GenerateKey", form: call},
	{kind: KindRand, pkg: "crypto/ecdsa", name: "GenerateKey", form: call},
	{kind: KindRand, pkg: "crypto/ed25519", name: "GenerateKey", form: call},

	{kind: KindDevRandom, pkg: "os", name: "Open", form: call, skip: notDevRandom},
	{kind: KindDevRandom, pkg: "os", name: "OpenFile", form: call, skip: notDevRandom},
	{kind: KindDevRandom, pkg: "os", name: "ReadFile", form: call, skip: notDevRandom},

	{kind: KindPlugin, pkg: "plugin", name: "Open", form: call},

	// An empty dir means os.TempDir(); an explicit one is the program's
	// business. os.TempDir() itself is followed into writes (dirflow.go).
	{kind: KindTemp, pkg: "os", name: "CreateTemp", form: call, skip: notEmptyString},
	{kind: KindTemp, pkg: "os", name: "MkdirTemp", form: call, skip: notEmptyString},
	{kind: KindTemp, pkg: "io/ioutil", name: "TempFile", form: call, skip: notEmptyString},
	{kind: KindTemp, pkg: "io/ioutil", name: "TempDir", form: call, skip: notEmptyString},

	// Multipart parsing spills parts above its memory limit to os.TempDir()
	// (mime/multipart's ReadForm). Matched by method name on any value:
	// (*http.Request).ParseMultipartForm and FormFile, (*multipart.Reader).
	// ReadForm, and the frameworks' wrappers of them (gin's and echo's
	// Context.FormFile and MultipartForm). The check keeps only the sites in
	// the program's own module: a framework's wrappers are there whether or
	// not the program accepts uploads.
	{kind: KindMultipart, name: "ParseMultipartForm", form: method, recordArg: true},
	{kind: KindMultipart, name: "FormFile", form: method},
	{kind: KindMultipart, name: "MultipartForm", form: method},
	{kind: KindMultipart, name: "ReadForm", form: method, recordArg: true},

	// A constant program: the check asks the target whether it has it.
	{kind: KindExec, pkg: "os/exec", name: "Command", form: call, skip: notConstantProgram, recordArg: true, tolerable: true, viaCommand: true},
	{kind: KindExec, pkg: "os/exec", name: "CommandContext", form: call, arg: 1, skip: notConstantProgram, recordArg: true, tolerable: true, viaCommand: true},
	{kind: KindExec, pkg: "os/exec", name: "LookPath", form: call, skip: notConstantProgram, recordArg: true, tolerable: true},
	{kind: KindExec, pkg: "os", name: "StartProcess", form: call, skip: notAbsoluteProgram, recordArg: true, tolerable: true},
	{kind: KindExec, pkg: "syscall", name: "Exec", form: call, skip: notAbsoluteProgram, recordArg: true, tolerable: true},
	{kind: KindExec, pkg: "syscall", name: "ForkExec", form: call, skip: notAbsoluteProgram, recordArg: true, tolerable: true},

	// New and NewLogger always use the local transport; Dial when its
	// network is "" (or a Unix socket it names).
	{kind: KindSyslog, pkg: "log/syslog", name: "New", form: call, tolerable: true},
	{kind: KindSyslog, pkg: "log/syslog", name: "NewLogger", form: call, tolerable: true},
	{kind: KindSyslog, pkg: "log/syslog", name: "Dial", form: call, skip: remoteSyslog, tolerable: true},
}

// notEmptyString: only a constant "" directory means os.TempDir().
func notEmptyString(v constValue) bool {
	return !v.known || v.s != ""
}

// notConstantProgram: a program name that is not constant (a setting, the
// program itself through os.Args[0] or os.Executable) is not judged, nor a
// path relative to the working directory or into /proc or /dev
// (/proc/self/exe re-executes the program itself).
func notConstantProgram(v constValue) bool {
	switch {
	case !v.known || v.s == "":
		return true
	case strings.HasPrefix(v.s, "/"):
		return notAbsoluteProgram(v)
	}
	return strings.Contains(v.s, "/")
}

// notAbsoluteProgram: os.StartProcess and syscall.Exec do not search PATH;
// only a constant absolute path is judged.
func notAbsoluteProgram(v constValue) bool {
	return !v.known || !strings.HasPrefix(v.s, "/") ||
		strings.HasPrefix(v.s, "/proc/") || strings.HasPrefix(v.s, "/dev/")
}

// remoteSyslog: syslog.Dial with a network other than "" or a Unix socket
// talks to a remote daemon; a non-constant network is not judged.
func remoteSyslog(v constValue) bool {
	return !v.known || v.s != "" && v.s != "unix" && v.s != "unixgram"
}

// zoneNeedsNoDatabase: "", "UTC" and "Local" are answered without zoneinfo
// (time.LoadLocation's doc; docs/FACTS.md#time-zones).
func zoneNeedsNoDatabase(v constValue) bool {
	return v.known && (v.s == "" || v.s == "UTC" || v.s == "Local")
}

// plainHTTP: a constant http:// URL makes no TLS connection.
func plainHTTP(v constValue) bool {
	return v.known && strings.HasPrefix(strings.ToLower(v.s), "http://")
}

// ipLiteral: looking up an IP address resolves nothing.
func ipLiteral(v constValue) bool {
	return v.known && net.ParseIP(v.s) != nil
}

// notHostAddress: a constant "host:port" whose host is empty or an IP
// resolves nothing; a variable address may hold a name.
func notHostAddress(v constValue) bool {
	if !v.known {
		return false
	}
	return !needsResolution(v.s)
}

// notConstantHostAddress: Dial resolves only when its address has a
// name; scratchvet claims so only for constants.
func notConstantHostAddress(v constValue) bool {
	return !v.known || !needsResolution(v.s)
}

// notConstantHostURL: a constant URL with a host name resolves it.
func notConstantHostURL(v constValue) bool {
	if !v.known {
		return true
	}
	u, err := url.Parse(v.s)
	if err != nil || u.Host == "" {
		return true
	}
	return !needsResolution(u.Host)
}

// needsResolution reports whether host[:port] names a host that needs the
// resolver: not an IP, not empty, not localhost (how localhost resolves
// without /etc/hosts was not measured, so nothing is claimed about it).
func needsResolution(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	lower := strings.ToLower(strings.TrimSuffix(host, "."))
	if lower == "localhost" || strings.HasSuffix(lower, ".localhost") {
		return false
	}
	return host != "" && net.ParseIP(host) == nil
}

// notDevRandom: only opens of the kernel's random devices are sites.
func notDevRandom(v constValue) bool {
	return !v.known || (v.s != "/dev/urandom" && v.s != "/dev/random")
}

// explicitRootsMarker: a package that sets tls.Config.RootCAs anywhere is
// taken to verify against its own pool, so its TLS clients are not sites.
const explicitRootsMarker = "RootCAs"

// prefilter holds, per sink package, the quoted import path and the sink
// names a file must both contain for Summarize to find a site in it; the
// directory sources of dirflow.go count as sinks of package os.
var prefilter = func() map[string][][]byte {
	m := map[string][][]byte{}
	for _, s := range sinks {
		if s.form == method {
			continue
		}
		key := `"` + s.pkg + `"`
		m[key] = append(m[key], []byte(s.name))
	}
	for _, src := range dirSources {
		key := `"` + src.pkg + `"`
		m[key] = append(m[key], []byte(src.name))
	}
	return m
}()

// methodNames are the method sinks, which a file may call on any value.
var methodNames = func() [][]byte {
	var names [][]byte
	for _, s := range sinks {
		if s.form == method {
			names = append(names, []byte(s.name))
		}
	}
	return names
}()

// MayHaveSites reports whether a file's source can contain a site, a
// RootCAs marker or a cgo stub (a test on its bytes, for cheap scans).
func MayHaveSites(src []byte) bool { return mayHaveSites(src) }

// mayHaveSites reports whether a file's source can contain a site, a
// RootCAs marker or a cgo stub; the cheap dependency scan parses only
// those files.
func mayHaveSites(src []byte) bool {
	if bytes.Contains(src, []byte(explicitRootsMarker)) || bytes.Contains(src, []byte("!cgo")) ||
		bytes.Contains(src, []byte("SetFallbackRoots")) || bytes.Contains(src, []byte("SSL_CERT_")) {
		return true
	}
	for _, name := range methodNames {
		if bytes.Contains(src, name) {
			return true
		}
	}
	for path, names := range prefilter {
		if !bytes.Contains(src, []byte(path)) {
			continue
		}
		for _, name := range names {
			if bytes.Contains(src, name) {
				return true
			}
		}
	}
	return false
}
