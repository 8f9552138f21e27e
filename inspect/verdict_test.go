package inspect

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/target"
)

// verdictCase is one cell: a fixture on a target, with the start status and
// the status of every feature check expected there (features absent from
// the map must have no check), and text the check's runtime must quote.
type verdictCase struct {
	fixture, target string
	start           string
	checks          map[string]string
	runtime         map[string]string // feature -> substring of Check.Runtime
}

// The expectations restate docs/FACTS.md facts (section in the comment).
var verdictCases = []verdictCase{
	// §2 exec row / §3 Loader: any PT_INTERP needs a loader.
	{fixture: "b-cgo1/dns", target: "scratch", start: statusFail, checks: map[string]string{"dns": statusOK},
		runtime: map[string]string{"start": "No such file or directory (exit 127)"}},
	{fixture: "b-cgo1/dns", target: "distroless-base", start: statusOK, checks: map[string]string{"dns": statusOK}},
	{fixture: "b-cgo1/dns", target: "alpine", start: statusFail, checks: map[string]string{"dns": statusOK}},
	{fixture: "b-cgo1/dns", target: "distroless-static,loader=glibc", start: statusFail, checks: map[string]string{"dns": statusOK},
		runtime: map[string]string{"start": "libc.so.6: cannot open shared object file"}},
	{fixture: "e1-musl/dns", target: "alpine", start: statusOK, checks: map[string]string{"dns": statusOK}},
	{fixture: "e1-musl/dns", target: "distroless-base", start: statusFail, checks: map[string]string{"dns": statusOK}},
	{fixture: "f-cgo0-pie/rand", target: "scratch", start: statusFail, checks: map[string]string{"crypto-rand": statusOK}},
	{fixture: "f-cgo0-pie/rand", target: "distroless-static,loader=glibc", start: statusOK, checks: map[string]string{"crypto-rand": statusOK}},
	{fixture: "f-cgo0-pie/tz", target: "alpine", start: statusFail, checks: map[string]string{"timezone": statusFail}},
	// b-cgo1/tz is static: CGO_ENABLED=1 does not imply dynamic.
	{fixture: "b-cgo1/tz", target: "scratch", start: statusOK, checks: map[string]string{"timezone": statusFail},
		runtime: map[string]string{"timezone": "unknown time zone"}},
	{fixture: "c-netgo/dns", target: "scratch", start: statusOK, checks: map[string]string{"dns": statusOK}},
	{fixture: "c-netgo/cgo", target: "scratch", start: statusFail, checks: map[string]string{}},
	{fixture: "d-glibc-static/dns", target: "scratch", start: statusOK, checks: map[string]string{"dns": statusOK}},
	{fixture: "g-glibc-static-pie/dns", target: "scratch", start: statusOK, checks: map[string]string{"dns": statusOK}},
	{fixture: "e2-musl-static/dns", target: "scratch", start: statusOK, checks: map[string]string{"dns": statusOK}},

	// §3 os/user.
	{fixture: "a-cgo0/userlookup", target: "scratch", start: statusOK, checks: map[string]string{"user": statusFail},
		runtime: map[string]string{"user": "open /etc/passwd: no such file or directory"}},
	{fixture: "a-cgo0/userlookup", target: "distroless-static", start: statusOK, checks: map[string]string{"user": statusOK}},
	{fixture: "c-netgo/userlookup", target: "scratch", start: statusOK, checks: map[string]string{"user": statusFail},
		runtime: map[string]string{"user": "user: Current requires cgo or $USER set in environment"}},
	{fixture: "d-glibc-static/userlookup", target: "scratch", start: statusOK, checks: map[string]string{"user": statusFail},
		runtime: map[string]string{"user": "user: unknown userid 0"}},
	{fixture: "d-glibc-static/userlookup", target: "distroless-static", start: statusOK, checks: map[string]string{"user": statusOK}},
	{fixture: "b-cgo1/userlookup", target: "distroless-base", start: statusOK, checks: map[string]string{"user": statusOK}},
	{fixture: "x-cgo0-stripped/userlookup", target: "scratch", start: statusOK, checks: map[string]string{"user": statusFail}},

	// §4 claim 3: time zones.
	{fixture: "a-cgo0/tz", target: "scratch", start: statusOK, checks: map[string]string{"timezone": statusFail}},
	{fixture: "a-cgo0/tz", target: "alpine", start: statusOK, checks: map[string]string{"timezone": statusFail}},
	{fixture: "a-cgo0/tz", target: "alpine,zoneinfo=true", start: statusOK, checks: map[string]string{"timezone": statusOK}},
	{fixture: "a-cgo0/tz", target: "distroless-static", start: statusOK, checks: map[string]string{"timezone": statusOK}},
	{fixture: "a-cgo0/tzembed", target: "scratch", start: statusOK, checks: map[string]string{"timezone": statusOK}},
	{fixture: "a-cgo0/tztag", target: "scratch", start: statusOK, checks: map[string]string{"timezone": statusOK}},
	{fixture: "x-cgo0-stripped/tzembed", target: "bare", start: statusOK, checks: map[string]string{"timezone": statusOK}},

	// §4 claim 2: TLS roots; a server-only binary is not claimed to fail.
	{fixture: "a-cgo0/tls", target: "scratch", start: statusOK,
		checks:  map[string]string{"dns": statusOK, "tls-roots": statusFail, "crypto-rand": statusOK},
		runtime: map[string]string{"tls-roots": "x509: certificate signed by unknown authority"}},
	{fixture: "a-cgo0/tls", target: "distroless-static", start: statusOK,
		checks: map[string]string{"dns": statusOK, "tls-roots": statusOK, "crypto-rand": statusOK}},
	{fixture: "a-cgo0/tlsfallback", target: "scratch", start: statusOK,
		checks: map[string]string{"dns": statusOK, "tls-roots": statusWarn, "crypto-rand": statusOK}},
	{fixture: "x-cgo0-stripped/tlsfallback", target: "scratch", start: statusOK,
		checks: map[string]string{"dns": statusOK, "tls-roots": statusWarn, "crypto-rand": statusOK}},
	{fixture: "a-cgo0/server", target: "scratch", start: statusOK,
		checks: map[string]string{"dns": statusOK, "tls-roots": statusWarn, "crypto-rand": statusOK}},

	// §3 DNS without resolv.conf: a warning, never "no DNS".
	{fixture: "a-cgo0/dns", target: "bare", start: statusOK, checks: map[string]string{"dns": statusWarn},
		runtime: map[string]string{"dns": "[::1]:53"}},
	{fixture: "b-cgo1/dnscgo", target: "glibc,resolv-conf=false", start: statusOK, checks: map[string]string{"dns": statusWarn},
		runtime: map[string]string{"dns": "Temporary failure in name resolution"}},
	{fixture: "b-cgo1/dns", target: "glibc,resolv-conf=false", start: statusOK, checks: map[string]string{"dns": statusWarn},
		runtime: map[string]string{"dns": "[::1]:53"}},

	// §3 plugin.
	{fixture: "a-cgo0/plugin", target: "glibc", start: statusOK, checks: map[string]string{"plugin": statusFail},
		runtime: map[string]string{"plugin": "plugin: not implemented"}},
	{fixture: "b-cgo1/plugin", target: "distroless-base", start: statusOK, checks: map[string]string{"plugin": statusOK}},
	{fixture: "b-cgo1/plugin", target: "scratch", start: statusFail, checks: map[string]string{"plugin": statusOK}},
	{fixture: "d-glibc-static/plugin", target: "distroless-base", start: statusOK, checks: map[string]string{"plugin": statusFail},
		runtime: map[string]string{"plugin": "libc.so.6: cannot open shared object file"}},
	{fixture: "e2-musl-static/plugin", target: "alpine", start: statusOK, checks: map[string]string{"plugin": statusFail},
		runtime: map[string]string{"plugin": "Dynamic loading not supported"}},
	{fixture: "g-glibc-static-pie/plugin", target: "scratch", start: statusOK, checks: map[string]string{"plugin": statusFail}},

	// §3 crypto/rand: only an old kernel without /dev/urandom is fatal.
	{fixture: "a-cgo0/rand", target: "scratch", start: statusOK, checks: map[string]string{"crypto-rand": statusOK}},
	{fixture: "a-cgo0/rand", target: "bare", start: statusOK, checks: map[string]string{"crypto-rand": statusFail},
		runtime: map[string]string{"crypto-rand": "open /dev/urandom: no such file or directory"}},
	{fixture: "a-cgo0/rand", target: "bare,dev-urandom=true", start: statusOK, checks: map[string]string{"crypto-rand": statusOK}},
	{fixture: "a-cgo0/rand", target: "bare,kernel=6.1", start: statusOK, checks: map[string]string{"crypto-rand": statusOK}},
}

func TestVerdicts(t *testing.T) {
	for _, vc := range verdictCases {
		t.Run(vc.fixture+"@"+vc.target, func(t *testing.T) {
			b := readFixture(t, vc.fixture)
			tg, err := target.Parse(vc.target)
			if err != nil {
				t.Fatal(err)
			}
			v := judgePreset(b, tg)
			if v.Start.Status != vc.start {
				t.Errorf("start = %s (%s), want %s", v.Start.Status, v.Start.Summary, vc.start)
			}
			got := map[string]Check{"start": v.Start}
			wantCompatible := vc.start != statusFail
			for _, c := range v.Checks {
				got[c.Feature] = c
				if want, ok := vc.checks[c.Feature]; !ok {
					t.Errorf("unexpected check %s: %s", c.Feature, c.Summary)
				} else if c.Status != want {
					t.Errorf("%s = %s (%s), want %s", c.Feature, c.Status, c.Summary, want)
				}
				if len(c.Evidence) == 0 || c.Summary == "" {
					t.Errorf("%s: no evidence or summary: %+v", c.Feature, c)
				}
				if c.Status == statusFail && (c.Runtime == "" || c.Fix == "") {
					t.Errorf("%s fails without runtime behaviour or fix: %+v", c.Feature, c)
				}
			}
			for f, want := range vc.checks {
				if _, ok := got[f]; !ok {
					t.Errorf("missing check %s (want %s)", f, want)
				}
				if want == statusFail {
					wantCompatible = false
				}
			}
			for f, text := range vc.runtime {
				if !strings.Contains(got[f].Runtime, text) {
					t.Errorf("%s runtime = %q, want it to quote %q", f, got[f].Runtime, text)
				}
			}
			if v.Compatible != wantCompatible {
				t.Errorf("Compatible = %v, want %v", v.Compatible, wantCompatible)
			}
			if v.Target.Name != tg.Name || v.Target.Source != "preset" || v.Target.Kernel != tg.Kernel {
				t.Errorf("Target = %+v", v.Target)
			}
		})
	}
}

// TestCgoStubDependency covers docs/FACTS.md#cgo-stubs with a synthetic report:
// building go-sqlite3 needs a download, and the rule only reads build info.
func TestCgoStubDependency(t *testing.T) {
	b := &Binary{Build: Build{CgoEnabled: "0"}, Deps: []Module{{"github.com/mattn/go-sqlite3", "v1.14.22"}}}
	b.Markers = findMarkers(b, &funcTable{funcs: map[string]bool{}}, nil)
	tg, _ := target.Parse("glibc")
	v := judgePreset(b, tg)
	if len(v.Checks) != 1 || v.Checks[0].Feature != "cgo-stub" || v.Checks[0].Status != statusFail || v.Compatible {
		t.Fatalf("verdict = %+v", v)
	}
	if !strings.Contains(v.Checks[0].Runtime, "This is a stub") {
		t.Errorf("runtime = %q", v.Checks[0].Runtime)
	}
	b.Build.CgoEnabled = "1"
	if b.Markers = findMarkers(b, &funcTable{funcs: map[string]bool{}}, nil); len(b.Markers) != 0 {
		t.Errorf("cgo build flagged: %+v", b.Markers)
	}
}

// TestMainExitStatus runs the CLI entry point on real binaries.
func TestMainExitStatus(t *testing.T) {
	dns := fixture(t, "b-cgo1/dns")
	tz := fixture(t, "a-cgo0/tzembed")
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{dns}, ExitIncompatible}, // default target scratch
		{[]string{"-target", "distroless-base", dns}, ExitCompatible},
		{[]string{"-target", "distroless-base", "-target", "scratch", dns}, ExitIncompatible},
		{[]string{tz, "-json", dns, "-target", "glibc"}, ExitCompatible}, // flags after files
		{[]string{tz}, ExitCompatible},
		{[]string{tz, "/nonexistent/file"}, ExitBadInput},
	} {
		var out, errb bytes.Buffer
		if got := Main(tc.args, &out, &errb); got != tc.want {
			t.Errorf("Main(%q) = %d, want %d\nstdout:\n%s\nstderr:\n%s", tc.args, got, tc.want, out.String(), errb.String())
		}
	}

	var out, errb bytes.Buffer
	if code := Main([]string{"-json", "-target", "scratch", "-target", "distroless-base", dns}, &out, &errb); code != ExitIncompatible {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var doc Output
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out.String())
	}
	if doc.SchemaVersion != 1 || doc.Exit != ExitIncompatible || len(doc.Reports) != 1 {
		t.Fatalf("document = %+v", doc)
	}
	r := doc.Reports[0]
	if r.Kind != "binary" || r.Exit != ExitIncompatible || r.Binary == nil || len(r.Verdicts) != 2 ||
		r.Verdicts[0].Compatible || !r.Verdicts[1].Compatible || r.Verdicts[1].Target.Name != "distroless-base" {
		t.Errorf("report = %+v", r)
	}

	out.Reset()
	Main([]string{"-target", "scratch", dns}, &out, &errb)
	for _, want := range []string{"target scratch (preset): INCOMPATIBLE (will not start)", "PT_INTERP /lib64/ld-linux-x86-64.so.2",
		"cgoDNS: pclntab net._C2func_getaddrinfo", "exec /app: no such file or directory"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, out.String())
		}
	}
}
