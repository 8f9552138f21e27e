package inspect

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// Fixture programs, the same as the lab programs of docs/FACTS.md. They
// print what happened so the chroot test can compare a
// verdict with a real run.
var fixturePrograms = map[string]string{
	"userlookup": `package main

import (
	"fmt"
	"os/user"
)

func main() {
	_, err := user.Current()
	fmt.Println("user.Current:", err)
	_, err = user.Lookup("root")
	fmt.Println("user.Lookup:", err)
	_, err = user.LookupId("0")
	fmt.Println("user.LookupId:", err)
	_, err = user.LookupGroup("root")
	fmt.Println("user.LookupGroup:", err)
}
`,
	"dns": `package main

import (
	"fmt"
	"net"
)

func main() {
	addrs, err := net.LookupHost("localhost")
	fmt.Println("LookupHost:", addrs, err)
}
`,
	"dnscgo": `//go:debug netdns=cgo
package main

import (
	"fmt"
	"net"
)

func main() {
	addrs, err := net.LookupHost("localhost")
	fmt.Println("LookupHost:", addrs, err)
}
`,
	"tz": `package main

import (
	"fmt"
	"time"
)

func main() {
	_, err := time.LoadLocation("America/New_York")
	fmt.Println("LoadLocation:", err)
}
`,
	"tzembed": `package main

import (
	"fmt"
	"time"
	_ "time/tzdata"
)

func main() {
	_, err := time.LoadLocation("America/New_York")
	fmt.Println("LoadLocation:", err)
}
`,
	"tls": `package main

import (
	"fmt"
	"net/http"
)

func main() {
	_, err := http.Get("https://127.0.0.1:1/")
	fmt.Println("https.Get:", err)
}
`,
	// A TLS server only: links the client handshake code but never verifies
	// a server certificate, so inspect must not claim a failure.
	"server": `package main

import "net/http"

func main() {
	_ = http.ListenAndServeTLS("127.0.0.1:0", "cert.pem", "key.pem", nil)
}
`,
	"pluginmsg": `package main

import "fmt"

// Prints plugin's error text without linking plugin: no plugin verdict.
func main() { fmt.Println("plugin: not implemented") }
`,
	"rand": `package main

import (
	"crypto/rand"
	"fmt"
)

func main() {
	b := make([]byte, 32)
	rand.Read(b)
	fmt.Println("crypto/rand.Read: OK")
}
`,
	"plugin": `package main

import (
	"fmt"
	"plugin"
)

func main() {
	_, err := plugin.Open("/nonexistent.so")
	fmt.Println("plugin.Open:", err)
}
`,
	"cgo": `package main

// int add(int a, int b) { return a + b; }
import "C"

import "fmt"

func main() { fmt.Println("C.add:", C.add(2, 3)) }
`,
	"tlsfallback": `package main

import (
	"fmt"
	"net/http"

	_ "golang.org/x/crypto/x509roots/fallback"
)

func main() {
	_, err := http.Get("https://127.0.0.1:1/")
	fmt.Println("https.Get:", err)
}
`,
}

const staticLdflags = `-linkmode external -extldflags "-static"`

// fixtureSpec is one binary to build: "config/program" as named in the
// inspection table (testdata/facts_appendix.md), with the configuration's
// environment and flags.
type fixtureSpec struct {
	name  string
	prog  string // directory of fixturePrograms to build
	env   []string
	flags []string
	needs string // "musl-gcc" or "fallback": skip when unavailable
}

func fixtureSpecs() []fixtureSpec {
	var specs []fixtureSpec
	add := func(config string, env, flags []string, needs string, progs ...string) {
		for _, p := range progs {
			specs = append(specs, fixtureSpec{config + "/" + p, p, env, flags, needs})
		}
	}
	cgo0, cgo1, musl := []string{"CGO_ENABLED=0"}, []string{"CGO_ENABLED=1"}, []string{"CGO_ENABLED=1", "CC=musl-gcc"}
	static := []string{"-ldflags=" + staticLdflags}
	add("a-cgo0", cgo0, nil, "", "userlookup", "dns", "tz", "tzembed", "tls", "server", "rand", "plugin", "pluginmsg")
	add("a-cgo0", cgo0, nil, "fallback", "tlsfallback")
	specs = append(specs, fixtureSpec{"a-cgo0/tztag", "tz", cgo0, []string{"-tags=timetzdata"}, ""})
	add("b-cgo1", cgo1, nil, "", "userlookup", "dns", "dnscgo", "tz", "plugin", "cgo")
	add("c-netgo", cgo1, []string{"-tags=netgo,osusergo"}, "", "userlookup", "dns", "cgo")
	add("d-glibc-static", cgo1, static, "", "userlookup", "dns", "tz", "plugin")
	add("e1-musl", musl, nil, "musl-gcc", "userlookup", "dns")
	add("e2-musl-static", musl, static, "musl-gcc", "dns", "plugin")
	add("f-cgo0-pie", cgo0, []string{"-buildmode=pie"}, "", "rand", "tz", "dns")
	add("g-glibc-static-pie", cgo1, []string{"-buildmode=pie", `-ldflags=-linkmode external -extldflags "-static-pie"`}, "", "dns", "plugin")
	add("x-cgo0-stripped", cgo0, []string{"-ldflags=-s -w"}, "", "userlookup", "tzembed")
	add("x-cgo0-stripped", cgo0, []string{"-ldflags=-s -w"}, "fallback", "tlsfallback")
	add("x-cgo1-stripped", cgo1, []string{"-ldflags=-s -w"}, "", "dns")
	add("x-glibc-static-stripped", cgo1, []string{"-ldflags=-s -w " + staticLdflags}, "", "dns")
	add("x-glibc-static-trimpath", cgo1, []string{"-trimpath", "-ldflags=" + staticLdflags}, "", "dns")
	add("x-musl-static-stripped", musl, []string{"-ldflags=-s -w " + staticLdflags}, "musl-gcc", "dns")
	return specs
}

// builtFixtures holds the result of building every fixture once per test
// binary: the path of each binary, or why it is missing.
type builtFixtures struct {
	dir     string
	paths   map[string]string
	skipped map[string]string // fixture -> reason (tool or module unavailable)
	failed  map[string]string // fixture -> build output
}

var (
	fixturesOnce sync.Once
	fixtures     builtFixtures
	fixturesDir  string // removed by TestMain
)

func TestMain(m *testing.M) {
	code := m.Run()
	if fixturesDir != "" {
		os.RemoveAll(fixturesDir)
	}
	os.Exit(code)
}

// fixture returns the path of a built fixture binary, building them all on
// first use. It skips the test when the fixture needs a missing tool.
func fixture(t *testing.T, name string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("building fixture binaries is skipped in -short mode")
	}
	fixturesOnce.Do(buildFixtures)
	if msg, ok := fixtures.skipped[name]; ok {
		t.Skipf("fixture %s: %s", name, msg)
	}
	if out, ok := fixtures.failed[name]; ok {
		t.Fatalf("building fixture %s failed:\n%s", name, out)
	}
	p, ok := fixtures.paths[name]
	if !ok {
		t.Fatalf("no fixture named %s", name)
	}
	return p
}

func buildFixtures() {
	fixtures = builtFixtures{paths: map[string]string{}, skipped: map[string]string{}, failed: map[string]string{}}
	dir, err := os.MkdirTemp("", "inspect-fixtures-")
	if err != nil {
		panic(err)
	}
	fixturesDir, fixtures.dir = dir, dir
	std := filepath.Join(dir, "std")        // programs needing only the standard library
	fbmod := filepath.Join(dir, "fallback") // a module requiring golang.org/x/crypto/x509roots/fallback
	for name, src := range fixturePrograms {
		mod := std
		if name == "tlsfallback" {
			mod = fbmod
		}
		must(os.MkdirAll(filepath.Join(mod, name), 0o755))
		must(os.WriteFile(filepath.Join(mod, name, "main.go"), []byte(src), 0o644))
	}
	must(os.WriteFile(filepath.Join(std, "go.mod"), []byte("module fixture\n\ngo 1.26\n"), 0o644))
	must(os.WriteFile(filepath.Join(fbmod, "go.mod"), []byte("module fixture\n\ngo 1.26\n"), 0o644))

	unavailable := map[string]string{}
	if _, err := exec.LookPath("musl-gcc"); err != nil {
		unavailable["musl-gcc"] = "musl-gcc not found; install musl-tools (apt-get install -y musl-tools) to run the musl cases"
	}
	if _, err := exec.LookPath("gcc"); err != nil {
		unavailable["gcc"] = "gcc not found: cgo fixtures cannot be built"
	}
	// Fetch the fallback module once, before the parallel builds race for it.
	get := goCommand(fbmod, []string{"CGO_ENABLED=0"}, "mod", "tidy")
	if out, err := get.CombinedOutput(); err != nil {
		unavailable["fallback"] = "cannot download golang.org/x/crypto/x509roots/fallback: " + strings.TrimSpace(string(out))
	}

	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.NumCPU())
	for _, s := range fixtureSpecs() {
		if msg, ok := unavailable[s.needs]; ok {
			fixtures.skipped[s.name] = msg
			continue
		}
		if msg, ok := unavailable["gcc"]; ok && strings.Contains(strings.Join(s.env, " "), "CGO_ENABLED=1") {
			fixtures.skipped[s.name] = msg
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			prog, mod := s.prog, std
			if prog == "tlsfallback" {
				mod = fbmod
			}
			out := filepath.Join(dir, "bin", s.name)
			args := append([]string{"build", "-o", out}, s.flags...)
			cmd := goCommand(mod, s.env, append(args, "./"+prog)...)
			output, err := cmd.CombinedOutput()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				fixtures.failed[s.name] = fmt.Sprintf("%v\n%s", err, output)
				return
			}
			fixtures.paths[s.name] = out
		}()
	}
	wg.Wait()
}

func goCommand(dir string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod -buildvcs=false", "GOTOOLCHAIN=local", "GOWORK=off")
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
