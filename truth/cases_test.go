package truth

import (
	"strings"
)

// A buildConfig is one way of building a Go program, as in the table of
// build configurations in docs/FACTS.md#build-configurations.
type buildConfig struct {
	Name      string
	Cgo       bool
	CC        string   // C compiler; "" means the go command's default (gcc)
	Tags      []string // build tags of the configuration itself
	LDFlags   string
	BuildMode string // "" (exe) or "pie"
}

// staticLink is how docs/FACTS.md links cgo binaries statically.
const staticLink = `-linkmode external -extldflags "-static"`

var buildConfigs = []buildConfig{
	{Name: "a-cgo0"},
	{Name: "b-cgo1", Cgo: true},
	{Name: "c-netgo", Cgo: true, Tags: []string{"netgo", "osusergo"}},
	{Name: "d-glibc-static", Cgo: true, LDFlags: staticLink},
	{Name: "e1-musl", Cgo: true, CC: "musl-gcc"},
	{Name: "e2-musl-static", Cgo: true, CC: "musl-gcc", LDFlags: staticLink},
	{Name: "f-cgo0-pie", BuildMode: "pie"},
	// A PIE that needs no loader: it guards against equating -buildmode=pie
	// with dynamic linking (docs/FACTS.md#reading-a-binary, static-pie).
	{Name: "g-glibc-static-pie", Cgo: true, BuildMode: "pie", LDFlags: `-linkmode external -extldflags "-static-pie"`},
}

// env returns the environment variables that select the configuration, for
// the go command and for scratchvet alike.
func (c buildConfig) env() []string {
	cgo := "CGO_ENABLED=0"
	if c.Cgo {
		cgo = "CGO_ENABLED=1"
	}
	env := []string{cgo}
	if c.CC != "" {
		env = append(env, "CC="+c.CC)
	}
	return env
}

// tags returns the configuration's build tags plus extra, comma-separated.
func (c buildConfig) tags(extra []string) string {
	return strings.Join(append(append([]string(nil), c.Tags...), extra...), ",")
}

// A fixtureCase is one program of the matrix: a main package of the fixture
// module, built with optional extra tags.
type fixtureCase struct {
	Name string   // row name in the matrix; also the binary's name in the rootfs
	Dir  string   // main package directory in the fixture module
	Tags []string // extra build tags (a near-miss may differ only in tags)
	// Args are the program's arguments; {dir} is replaced by the directory
	// that holds the binary inside the root filesystem.
	Args []string
	// Checks are the checks whose operations the program performs; its
	// output lines name them. A listed check must report exactly where its
	// operation failed, and is not judged where the program never reached
	// it. A check not listed must stay silent unless the run shows its
	// failure anyway (crypto/rand's fatal error is recognized anywhere).
	Checks []string
	// OwnDirs are further fixture-module directories whose diagnostics
	// belong to this case (a dependency it alone uses).
	OwnDirs  []string
	NeedsCgo bool // the package has no files without cgo: skip CGO_ENABLED=0
	// NearMissOf names the check that a near-miss case looks risky to but
	// must not trip: its operations must work wherever the program starts
	// (a failure means the fixture is wrong), so that check must stay
	// silent everywhere. Other risks still count: a TLS client with its
	// own roots still needs random numbers.
	NearMissOf string
	Doc        string
}

// fixtureCases is the matrix's rows. Adding a check later needs only a case
// here (and its fixture); the harness asserts every check that `scratchvet
// checks` lists.
var fixtureCases = []fixtureCase{
	{Name: "userlookup", Dir: "userlookup", Checks: []string{"userlookup"},
		Doc: "user.Current, Lookup(root), LookupId(0), LookupGroup(root), without $USER"},
	{Name: "dns", Dir: "dns", Checks: []string{"dns"},
		Doc: "LookupHost and http.Get of a name only the DNS server knows"},
	// Not a near-miss: the bare target has no /etc/hosts.
	{Name: "dnshosts", Dir: "dnshosts", Checks: []string{"dns"},
		Doc: "LookupHost of a name only in /etc/hosts"},
	{Name: "tz", Dir: "tz", Checks: []string{"tzdata"},
		Doc: "time.LoadLocation(\"America/New_York\") without embedded tzdata"},
	// A TLS handshake reads crypto/rand: on a kernel without getrandom and
	// without /dev/urandom the process dies before verification.
	{Name: "tls", Dir: "tls", Checks: []string{"caroots", "cryptorand"},
		Doc: "HTTPS GET trusting the system roots; server signed by a private CA that only the image's bundle has"},
	{Name: "rand", Dir: "rand", Checks: []string{"cryptorand"},
		Doc: "crypto/rand.Read"},
	{Name: "plugin", Dir: "plugin", Args: []string{"{dir}/greeter.so"}, Checks: []string{"plugin"},
		Doc: "plugin.Open of a plugin built under the same configuration"},
	{Name: "cgo", Dir: "cgo", NeedsCgo: true, Checks: []string{"dynlink"},
		Doc: "the program's own import \"C\""},
	{Name: "cgostub", Dir: "cgostub", OwnDirs: []string{"internal/sqlitestub"}, Checks: []string{"cgostub"},
		Doc: "a go-sqlite3-style package whose !cgo build is a stub that fails at run time"},

	{Name: "tzconst", Dir: "tzconst", Checks: []string{"tzdata"}, NearMissOf: "tzdata",
		Doc: "LoadLocation(\"UTC\"), (\"\"), (\"Local\") and FixedZone: no zoneinfo needed"},
	{Name: "tzembed", Dir: "tzembed", Checks: []string{"tzdata"}, NearMissOf: "tzdata",
		Doc: "LoadLocation with import _ \"time/tzdata\""},
	{Name: "tztag", Dir: "tz", Tags: []string{"timetzdata"}, Checks: []string{"tzdata"}, NearMissOf: "tzdata",
		Doc: "the tz program built with -tags timetzdata"},
	{Name: "tlspool", Dir: "tlspool", Args: []string{appCAPath}, Checks: []string{"caroots", "cryptorand"}, NearMissOf: "caroots",
		Doc: "HTTPS GET with an explicit RootCAs pool from a CA file the application ships"},
	{Name: "httpplain", Dir: "httpplain", Checks: []string{"caroots"}, NearMissOf: "caroots",
		Doc: "plain-HTTP GET to an IP address: needs no CA roots and no DNS"},
	{Name: "nocgo", Dir: "nocgo", Checks: []string{"dynlink"}, NearMissOf: "dynlink",
		Doc: "links no cgo package, so a CGO_ENABLED=1 build is static"},

	{Name: "tmp", Dir: "tmp", Checks: []string{"tmpdir"},
		Doc: "os.CreateTemp(\"\", …) and os.MkdirTemp(\"\", …): in os.TempDir(), $TMPDIR or /tmp"},
	{Name: "multipart", Dir: "multipart", Checks: []string{"tmpdir"},
		Doc: "an upload handler with ParseMultipartForm(32 KiB): a 1 KiB and a 1 MiB file part"},
	{Name: "execsh", Dir: "execsh", Checks: []string{"exec"},
		Doc: "exec.Command(\"sh\") and exec.Command(\"/bin/sh\")"},
	{Name: "execgit", Dir: "execgit", Checks: []string{"exec"},
		Doc: "exec.Command(\"git\"), which no image here has"},
	{Name: "execself", Dir: "execself", Checks: []string{"exec"}, NearMissOf: "exec",
		Doc: "exec.Command(os.Args[0]): the program runs itself"},
	{Name: "syslog", Dir: "syslog", Checks: []string{"syslog"},
		Doc: "syslog.New: log/syslog's local transport"},
	{Name: "syslogremote", Dir: "syslogremote", Checks: []string{"syslog"}, NearMissOf: "syslog",
		Doc: "syslog.Dial(\"udp\", \"127.0.0.1:514\"): a remote syslog server"},
	{Name: "homedir", Dir: "homedir", Checks: []string{"homedir"},
		Doc: "os.MkdirAll under os.UserCacheDir()"},
	{Name: "tzenv", Dir: "tzenv", Checks: []string{"tzdata"},
		Doc: "time.Local with the zone $TZ names (the program calls no LoadLocation)"},
	{Name: "tzenvembed", Dir: "tzenvembed", Checks: []string{"tzdata"}, NearMissOf: "tzdata",
		Doc: "tzenv with import _ \"time/tzdata\""},
	{Name: "reachdep", Dir: "reachdep", OwnDirs: []string{"internal/zones"}, Checks: []string{"tzdata"}, NearMissOf: "tzdata",
		Doc: "links a package that calls LoadLocation(\"America/New_York\"), user.LookupId and exec.Command(\"git\"), reaching none of them"},
}

// builds reports whether the case is built under the configuration.
// Programs whose only files use cgo do not compile without it
// ("build constraints exclude all Go files"), a build-time failure that the
// runtime matrix does not cover.
func (fc fixtureCase) builds(c buildConfig) bool {
	return c.Cgo || !fc.NeedsCgo
}

func (fc fixtureCase) hasCheck(check string) bool {
	for _, c := range fc.Checks {
		if c == check {
			return true
		}
	}
	return false
}

// ownsDir reports whether diagnostics in the fixture-module directory dir
// (slash-separated, relative) belong to the case.
func (fc fixtureCase) ownsDir(dir string) bool {
	for _, own := range append([]string{fc.Dir}, fc.OwnDirs...) {
		if dir == own || strings.HasPrefix(dir, own+"/") {
			return true
		}
	}
	return false
}
