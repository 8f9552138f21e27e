package inspect

import (
	"archive/tar"
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// goELF returns a Go ELF binary that needs no fixture build: this test binary.
func goELF(t testing.TB) []byte {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// fakeHeader builds the first bytes of a PE or Mach-O file: enough to be
// recognised, not a readable binary.
func fakePE() []byte {
	data := make([]byte, 512)
	copy(data, "MZ")
	binary.LittleEndian.PutUint32(data[0x3c:], 0x80)
	copy(data[0x80:], "PE\x00\x00")
	return data
}

func fakeMachO() []byte {
	data := make([]byte, 512)
	binary.LittleEndian.PutUint32(data, 0xfeedfacf) // MH_MAGIC_64, little-endian
	binary.LittleEndian.PutUint32(data[4:], 0x01000007)
	return data
}

func TestBadInput(t *testing.T) {
	elfData := goELF(t)
	tmp := t.TempDir()
	notOCI := filepath.Join(tmp, "notoci")
	must(os.Mkdir(notOCI, 0o755))
	brokenOCI := filepath.Join(tmp, "brokenoci")
	must(os.Mkdir(brokenOCI, 0o755))
	must(os.WriteFile(filepath.Join(brokenOCI, "index.json"), []byte("{not json"), 0o644))

	var emptyTar bytes.Buffer
	tw := tar.NewWriter(&emptyTar)
	tw.WriteHeader(&tar.Header{Name: "hello.txt", Size: 2, Mode: 0o644, Typeflag: tar.TypeReg})
	tw.Write([]byte("hi"))
	tw.Close()

	cases := []struct {
		name string
		path string
		want string // substring of the message
	}{
		{"missing file", filepath.Join(tmp, "nope"), "no such file or directory"},
		{"directory, not OCI", notOCI, "not an OCI image layout"},
		{"OCI with broken index.json", brokenOCI, "invalid JSON"},
		{"text file", writeTemp(t, "notes.txt", []byte("hello, world\n")), "not an ELF executable"},
		{"empty file", writeTemp(t, "empty", nil), "not an ELF executable"},
		{"ELF header only", writeTemp(t, "head", elfData[:64]), "truncated or corrupt ELF"},
		{"truncated Go binary", writeTemp(t, "half", elfData[:len(elfData)/2]), "truncated or corrupt ELF"},
		{"fake PE", writeTemp(t, "app.exe", fakePE()), "PE (Windows) executable"},
		{"fake Mach-O", writeTemp(t, "app.macho", fakeMachO()), "Mach-O (macOS/iOS) executable"},
		{"tar, not an image", writeTemp(t, "x.tar", emptyTar.Bytes()), "not a docker save archive"},
		{"gzip file", writeTemp(t, "x.tar.gz", gzipped(t, emptyTar.Bytes())), "gzip-compressed"},
	}
	if sh, err := exec.LookPath("true"); err == nil {
		if data, err := os.ReadFile(sh); err == nil && bytes.HasPrefix(data, []byte("\x7fELF")) {
			cases = append(cases, struct{ name, path, want string }{"ELF, not Go", sh, "not a Go binary"})
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := Main([]string{tc.path}, &out, &errb); code != ExitBadInput {
				t.Errorf("exit = %d, want %d; stderr %q", code, ExitBadInput, errb.String())
			}
			if !strings.Contains(errb.String(), tc.want) {
				t.Errorf("stderr = %q, want it to contain %q", errb.String(), tc.want)
			}
			r := inspectFile(tc.path, nil, false)
			if r.Exit != ExitBadInput || !strings.Contains(r.Error, tc.want) || r.Verdicts == nil {
				t.Errorf("report = %+v", r)
			}
		})
	}
}

// TestForeignGoBinary: a real Go binary for another OS is named as such.
func TestForeignGoBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles")
	}
	dir := t.TempDir()
	must(os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x\n\ngo 1.26\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644))
	for _, tc := range []struct{ goos, want string }{
		{"windows", "PE (Windows) Go binary"},
		{"darwin", "Mach-O (macOS/iOS) Go binary"},
		{"freebsd", "ELF Go binary for GOOS=freebsd"},
	} {
		out := filepath.Join(dir, tc.goos+".bin")
		cmd := goCommand(dir, []string{"GOOS=" + tc.goos, "GOARCH=amd64", "CGO_ENABLED=0"}, "build", "-o", out, ".")
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("cross build %s: %v\n%s", tc.goos, err, msg)
		}
		var stdout, stderr bytes.Buffer
		if code := Main([]string{out}, &stdout, &stderr); code != ExitBadInput || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%s: exit %d, stderr %q, want %q", tc.goos, code, stderr.String(), tc.want)
		}
	}
}

// TestCorruptBinariesNeverPanic flips random bytes of a Go binary: every
// outcome must be a verdict or bad input, never a crash.
func TestCorruptBinariesNeverPanic(t *testing.T) {
	orig := goELF(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 30; i++ {
		data := bytes.Clone(orig)
		// Damage one region: headers, the middle, or the section table.
		start := []int{0, len(data) / 3, len(data) - 4096}[i%3] + rng.IntN(2048)
		for j := 0; j < 64 && start+j < len(data); j++ {
			data[start+j] = byte(rng.Uint32())
		}
		p := writeTemp(t, "corrupt", data)
		var out, errb bytes.Buffer
		code := Main([]string{"-json", p}, &out, &errb)
		if code != ExitCompatible && code != ExitIncompatible && code != ExitBadInput {
			t.Fatalf("corruption %d: exit %d", i, code)
		}
	}
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want int
		text string
	}{
		{nil, ExitUsage, "no FILE given"},
		{[]string{"-target", "nosuch", "x"}, ExitUsage, `unknown target "nosuch"`},
		{[]string{"-target", "alpine,zoneinfo=maybe", "x"}, ExitUsage, "want true or false"},
		{[]string{"-bogus", "x"}, ExitUsage, "flag provided but not defined"},
		{[]string{"-h"}, ExitCompatible, "Exit status:"},
	} {
		var out, errb bytes.Buffer
		code := Main(tc.args, &out, &errb)
		if code != tc.want || !strings.Contains(out.String()+errb.String(), tc.text) {
			t.Errorf("Main(%q) = %d, output %q; want %d and %q", tc.args, code, out.String()+errb.String(), tc.want, tc.text)
		}
	}
}
