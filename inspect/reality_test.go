package inspect

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/target"
)

// Host files copied into glibc root filesystems (Debian paths, as in the lab's glibc root, docs/FACTS.md).
const (
	hostLoader = "/lib64/ld-linux-x86-64.so.2"
	hostLibc   = "/lib/x86_64-linux-gnu/libc.so.6"
)

// rootfsPart adds files to a root filesystem directory.
type rootfsPart func(t *testing.T, root string)

func copyHost(hostPath, rootPath string) rootfsPart {
	return func(t *testing.T, root string) {
		data, err := os.ReadFile(hostPath) // follows symlinks: the copy is a regular file
		if err != nil {
			t.Skipf("host file %s unavailable: %v", hostPath, err)
		}
		writeRootFile(t, root, rootPath, data, 0o755)
	}
}

func rootText(rootPath, content string) rootfsPart {
	return func(t *testing.T, root string) { writeRootFile(t, root, rootPath, []byte(content), 0o644) }
}

func writeRootFile(t *testing.T, root, p string, data []byte, mode os.FileMode) {
	t.Helper()
	full := filepath.Join(root, p)
	must(os.MkdirAll(filepath.Dir(full), 0o755))
	if err := os.WriteFile(full, data, mode); err != nil {
		t.Fatal(err)
	}
}

var (
	glibcParts  = []rootfsPart{copyHost(hostLoader, hostLoader), copyHost(hostLibc, hostLibc)}
	passwdParts = []rootfsPart{
		rootText("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n"),
		rootText("/etc/group", "root:x:0:\n"),
	}
	zoneinfoParts = []rootfsPart{copyHost("/usr/share/zoneinfo/America/New_York", "/usr/share/zoneinfo/America/New_York")}
)

// realityCase is one lab cell of docs/FACTS.md re-measured here: the
// verdict inspect gives for the binary in the root filesystem (derived from
// its files, as for an image, but with nothing injected) must match what
// happens when it runs there.
type realityCase struct {
	fixture string
	rootfs  string
	parts   []rootfsPart
	// feature -> output substring that proves its verdict ("fail" checks
	// must print the docs/FACTS.md error, "ok" checks must not).
	evidence map[string]string
}

var realityCases = []realityCase{
	{fixture: "a-cgo0/tz", rootfs: "empty",
		evidence: map[string]string{"timezone": "unknown time zone America/New_York"}},
	{fixture: "a-cgo0/tz", rootfs: "zoneinfo", parts: zoneinfoParts,
		evidence: map[string]string{"timezone": "LoadLocation: <nil>"}},
	{fixture: "b-cgo1/userlookup", rootfs: "empty"},
	{fixture: "b-cgo1/userlookup", rootfs: "glibc+passwd", parts: append(append([]rootfsPart{}, glibcParts...), passwdParts...),
		evidence: map[string]string{"user": "user.Lookup: <nil>"}},
	{fixture: "b-cgo1/dns", rootfs: "loader-only", parts: glibcParts[:1]},
	{fixture: "d-glibc-static/userlookup", rootfs: "empty",
		evidence: map[string]string{"user": "user: unknown userid 0"}},
	{fixture: "f-cgo0-pie/rand", rootfs: "empty"},
	{fixture: "f-cgo0-pie/rand", rootfs: "loader-only", parts: glibcParts[:1],
		evidence: map[string]string{"crypto-rand": "crypto/rand.Read: OK"}},
}

func TestVerdictsAgreeWithReality(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("chroot needs root: run the reality test as root (CI containers run as root)")
	}
	chroot, err := exec.LookPath("chroot")
	if err != nil {
		t.Skip("chroot(8) not found")
	}
	for _, rc := range realityCases {
		t.Run(rc.fixture+"@"+rc.rootfs, func(t *testing.T) {
			bin := fixture(t, rc.fixture)
			root := t.TempDir()
			for _, part := range rc.parts {
				part(t, root)
			}
			data, err := os.ReadFile(bin)
			if err != nil {
				t.Fatal(err)
			}
			writeRootFile(t, root, "/prog", data, 0o755)

			b, err := readBinary(bin, bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			probe := target.DirProbe(root)
			tg, obs := target.FromRoot(rc.rootfs, probe, target.RootOptions{})
			// The chroot runs on this host's kernel, not on the oldest one
			// FromRoot assumes for an image.
			if err := tg.Set("kernel", hostKernel(t)); err != nil {
				t.Fatal(err)
			}
			v := judge(b, targetInfo(tg, "image", obs), tg, rootEnv{probe}, "/prog", nil)

			// Same invocation as the lab (docs/FACTS.md): env -i PATH=/bin:/usr/bin HOME=/ chroot ROOTFS /prog
			cmd := exec.Command("env", "-i", "PATH=/bin:/usr/bin", "HOME=/", chroot, root, "/prog")
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err = cmd.Run()
			exit := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				exit = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(out.String(), "Operation not permitted") && strings.Contains(out.String(), "cannot change root") {
				t.Skipf("chroot not permitted here: %s", out.String())
			}
			t.Logf("verdict start=%s; run exit=%d output=%q", v.Start.Status, exit, out.String())

			switch v.Start.Status {
			case statusFail:
				if exit != 127 {
					t.Fatalf("verdict: will not start (%s); reality: exit %d, output %q", v.Start.Summary, exit, out.String())
				}
				// The quoted error must be what really appeared.
				quoted, _, _ := strings.Cut(v.Start.Runtime, " (exit")
				if quoted = strings.TrimPrefix(quoted, "chroot: "); !strings.Contains(out.String(), quoted) {
					t.Errorf("verdict quotes %q; reality printed %q", quoted, out.String())
				}
				return
			default:
				if exit != 0 {
					t.Fatalf("verdict: starts (%s); reality: exit %d, output %q", v.Start.Summary, exit, out.String())
				}
			}
			for _, c := range v.Checks {
				want, ok := rc.evidence[c.Feature]
				if !ok {
					t.Errorf("no evidence for the %s check (%s); add it to the case", c.Feature, c.Status)
					continue
				}
				if !strings.Contains(out.String(), want) {
					t.Errorf("verdict %s: %s (%s); output lacks %q:\n%s", c.Feature, c.Status, c.Summary, want, out.String())
				}
				if c.Status == statusFail && !strings.Contains(c.Runtime, firstLine(want)) {
					t.Errorf("%s: the verdict quotes %q, reality printed %q", c.Feature, c.Runtime, want)
				}
			}
		})
	}
}

// hostKernel returns the running kernel as major.minor.
func hostKernel(t *testing.T) string {
	release, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		t.Skipf("kernel version unknown: %v", err)
	}
	parts := strings.SplitN(strings.TrimSpace(string(release)), ".", 3)
	if len(parts) < 2 {
		t.Skipf("kernel version %q", release)
	}
	minor := strings.TrimRightFunc(parts[1], func(r rune) bool { return r < '0' || r > '9' })
	return parts[0] + "." + minor
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
