package main_test

// -fix and -diff as a careless user or a hostile file would try them:
// //line directives, CRLF files, a second -fix, a full disk.

import (
	"bytes"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// writeModule writes a module from a map of file names to contents.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// lineDirectiveMain has a //line directive naming a line far past the end
// of the file before its findings, and a suppression after it.
const lineDirectiveMain = `package main

import (
	"crypto/tls"
	"fmt"
	"time"
)

func unrelated() { fmt.Println("keep me") }

//line main.go:900
func main() {
	c := &tls.Config{
		InsecureSkipVerify: true,
	}
	//nolint:skipverify // reviewed: a test server
	c.InsecureSkipVerify = true
	loc, err := time.LoadLocation("Europe/Paris")
	fmt.Println(c, loc, err, unrelated)
}
`

const lineDirectiveFixed = `package main

import (
	"crypto/tls"
	"fmt"
	"time"
	_ "time/tzdata"
)

func unrelated() { fmt.Println("keep me") }

//line main.go:900
func main() {
	c := &tls.Config{}
	//nolint:skipverify // reviewed: a test server
	c.InsecureSkipVerify = true
	loc, err := time.LoadLocation("Europe/Paris")
	fmt.Println(c, loc, err, unrelated)
}
`

var pureGo = []string{"CGO_ENABLED=0"}

// withoutLine drops the //line directive of lineDirectiveMain or
// lineDirectiveFixed, for tests of other defects.
func withoutLine(s string) string { return strings.Replace(s, "//line main.go:900\n", "", 1) }

// checkFixedModule asserts that the module builds, and that a second -fix
// reports and changes nothing.
func checkFixedModule(t *testing.T, dir, file string) {
	t.Helper()
	if r := run(t, dir, pureGo, "go", "build", "-o", os.DevNull, "./..."); r.code != 0 {
		t.Errorf("the fixed module does not build:\n%s", r.stderr)
	}
	before, _ := os.ReadFile(file)
	r := run(t, dir, pureGo, binary, "-fix", "./...")
	after, _ := os.ReadFile(file)
	if r.code != 0 || strings.Contains(r.stderr, "fixed") || !bytes.Equal(before, after) {
		t.Errorf("second -fix: exit %d, changed %v\n%s", r.code, !bytes.Equal(before, after), r.stderr)
	}
}

// A //line directive changes the lines findings are reported on, never
// where an edit goes; one naming a line past the end of the file crashes
// nothing (it made every check of the package fail: "internal error ...
// invalid line number"), in the checker and under go vet.
func TestLineDirectives(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"go.mod":  "module example.com/linedir\n\ngo 1.23\n",
		"main.go": lineDirectiveMain,
	})
	file := filepath.Join(dir, "main.go")
	r := run(t, dir, pureGo, binary, "./...")
	equal(t, "findings", findingsOf(t, r.stdout), []string{"./main.go:902:0 (skipverify)", "./main.go:906:0 (tzdata)"})
	if r.code != 1 || r.stderr != "" {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	r = run(t, dir, pureGo, "go", "vet", "-vettool="+binary, "./...")
	if r.code != 1 || strings.Contains(r.stderr, "internal error") ||
		!strings.Contains(r.stderr, "main.go:902: InsecureSkipVerify") || !strings.Contains(r.stderr, "main.go:906: time.LoadLocation") {
		t.Errorf("go vet: exit %d\n%s", r.code, r.stderr)
	}
	r = run(t, dir, pureGo, binary, "-fix", "./...")
	got, _ := os.ReadFile(file)
	if string(got) != lineDirectiveFixed {
		t.Errorf("-fix gives\n%s\nwant\n%s", got, lineDirectiveFixed)
	}
	if r.code != 0 || !strings.Contains(r.stderr, "fixed 2 finding(s) in 1 file(s)") {
		t.Errorf("-fix: exit %d\n%s", r.code, r.stderr)
	}
	checkFixedModule(t, dir, file)
}

// A CRLF file stays CRLF: the fixes' new lines take its line endings.
func TestFixCRLF(t *testing.T) {
	src := strings.ReplaceAll(withoutLine(lineDirectiveMain), "\n", "\r\n")
	dir := writeModule(t, map[string]string{"go.mod": "module example.com/crlf\n\ngo 1.23\n", "main.go": src})
	file := filepath.Join(dir, "main.go")
	if r := run(t, dir, pureGo, binary, "-fix", "./..."); r.code != 0 {
		t.Fatalf("-fix: exit %d\n%s", r.code, r.stderr)
	}
	got, _ := os.ReadFile(file)
	if want := strings.ReplaceAll(withoutLine(lineDirectiveFixed), "\n", "\r\n"); string(got) != want {
		t.Errorf("-fix gives %q\nwant %q", got, want)
	}
	checkFixedModule(t, dir, file)
}

// -fix on every module of testdata/: gofmt-formatted files stay so, the
// module builds (after go get for a new requirement, which -mod=mod does)
// and a second -fix changes nothing. make demo's fixes included.
func TestFixTestdataModules(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join("..", "..", "testdata", e.Name(), "go.mod")); err != nil {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			dir := copyModule(t, e.Name())
			before := goFiles(t, dir)
			r := run(t, dir, pureGo, binary, "-fix", "./...")
			if r.code == 2 {
				t.Fatalf("-fix: exit 2\n%s", r.stderr)
			}
			after := goFiles(t, dir)
			for name, src := range after {
				if formatted, err := format.Source(before[name]); err == nil && bytes.Equal(formatted, before[name]) {
					if formatted, err := format.Source(src); err != nil || !bytes.Equal(formatted, src) {
						t.Errorf("%s: gofmt-formatted before -fix, not after:\n%s", name, src)
					}
				}
			}
			if r := run(t, dir, pureGo, "go", "build", "-o", os.DevNull, "./..."); r.code != 0 {
				t.Errorf("does not build after -fix:\n%s", r.stderr)
			}
			r = run(t, dir, pureGo, binary, "-fix", "./...")
			if strings.Contains(r.stderr, "fixed") || r.code == 2 {
				t.Errorf("second -fix: exit %d\n%s", r.code, r.stderr)
			}
			for name, src := range goFiles(t, dir) {
				if !bytes.Equal(src, after[name]) {
					t.Errorf("%s: changed by the second -fix", name)
				}
			}
		})
	}
}

func goFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(path, ".go") {
			out[path], _ = os.ReadFile(path)
		}
		return nil
	})
	return out
}

// On a full disk -fix fails with exit 2, leaves the file as it was and
// does not claim to have fixed anything. It used to write in place, leaving
// the file truncated when the fixed file needed one more block, and to
// print "fixed 1 finding(s)" first. The module lives on a tiny tmpfs, in a
// private mount namespace, filled up; the file is 4090 bytes, so the fixed
// file needs a second page.
func TestFixFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		skipOutsideCI(t, "needs root to mount a tmpfs")
	}
	if _, err := exec.LookPath("unshare"); err != nil {
		skipOutsideCI(t, "needs unshare (util-linux)")
	}
	main := "package main\n\nimport (\n\t\"fmt\"\n\t\"time\"\n)\n\nfunc main() {\n\tfmt.Println(time.LoadLocation(\"Europe/Paris\"))\n}\n"
	main += "\n// " + strings.Repeat("x", 4090-len(main)-5) + "\n"
	src := writeModule(t, map[string]string{"go.mod": "module example.com/full\n\ngo 1.23\n", "main.go": main})
	mnt := t.TempDir()
	script := `set -e
mount -t tmpfs -o size=64k tmpfs "$MNT"
cp "$SRC/go.mod" "$SRC/main.go" "$MNT/"
dd if=/dev/zero of="$MNT/filler" bs=1k 2>/dev/null || true
cd "$MNT"
set +e
out=$("$BIN" -fix ./... 2>&1)
echo "exit $?"
echo "$out"
echo "--- main.go"
cat main.go
`
	cmd := exec.Command("unshare", "-m", "--propagation", "private", "sh", "-c", script)
	cmd.Env = append(cleanEnv(), "MNT="+mnt, "SRC="+src, "BIN="+binary, "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		skipOutsideCI(t, "cannot mount a tmpfs here: "+strings.TrimSpace(string(out)))
	}
	report, file, _ := strings.Cut(string(out), "--- main.go\n")
	if file != main {
		t.Errorf("main.go after -fix on a full disk (%d bytes, was %d):\n%.300s", len(file), len(main), file)
	}
	if !strings.HasPrefix(report, "exit 2\n") || !strings.Contains(report, "no space left on device") ||
		!strings.Contains(report, "no file was fixed") || strings.Contains(report, "fixed 1") {
		t.Errorf("-fix on a full disk:\n%s", report)
	}
}

func skipOutsideCI(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s; CI must run this test", why)
	}
	t.Skip(why)
}
