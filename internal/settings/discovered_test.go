package settings

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// copyCorpus copies a discovery corpus module (internal/deploy's
// testdata) into a temporary directory, with an optional config file.
func copyCorpus(t *testing.T, name, config string) string {
	t.Helper()
	src := filepath.Join("..", "deploy", "testdata", "corpus", name)
	dst := t.TempDir()
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if config != "" {
		if err := os.WriteFile(filepath.Join(dst, "scratchvet.toml"), []byte(config), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func forMain(t *testing.T, dir, rel, pkg string, opts Options, env map[string]string) *Settings {
	t.Helper()
	opts.KnownChecks = checks
	opts.Getenv = func(k string) string { return env[k] }
	r, err := NewResolver(opts)
	if err != nil {
		t.Fatal(err)
	}
	s, err := r.ForPackage(filepath.Join(dir, rel), pkg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func describe(s *Settings) string {
	var out []string
	for _, d := range s.Deployments {
		cgo := "env"
		if d.Build.CgoEnabled != nil {
			cgo = map[bool]string{true: "1", false: "0"}[*d.Build.CgoEnabled]
		}
		out = append(out, d.Name+" target="+d.Target.Name+" cgo="+cgo+" tags="+strings.Join(d.Build.Tags, ",")+
			" libc="+string(d.Build.Libc)+" user="+d.User+" static="+map[bool]string{true: "yes", false: "no"}[d.Build.Static]+
			"/"+map[bool]string{true: "if-forced", false: "no"}[d.Build.StaticIfForced])
	}
	return strings.Join(out, "; ")
}

// The order of precedence, fact by fact: flags > environment
// (SCRATCHVET_TARGET, an explicit CGO_ENABLED) > scratchvet.toml >
// discovered deployments > defaults.
func TestDiscoveredPrecedence(t *testing.T) {
	t.Parallel()
	dir := copyCorpus(t, "two-bases", "")
	server := "example.com/twobases/cmd/server"
	worker := "example.com/twobases/cmd/worker"
	for _, tt := range []struct {
		name string
		opts Options
		env  map[string]string
		conf string
		pkg  string
		want string
	}{
		{name: "discovered", pkg: server,
			want: "distroless-static:nonroot (build/server.Dockerfile:6) target=distroless-static:nonroot cgo=0 tags= libc=glibc user=65532 static=no/no"},
		{name: "discovered, cgo from the image's toolchain", pkg: worker,
			want: "distroless-base (build/worker.Dockerfile:7) target=distroless-base cgo=1 tags= libc=glibc user= static=no/no"},
		{name: "-target wins over the image, the build stays discovered", pkg: server, opts: Options{Target: "alpine"},
			want: "alpine target=alpine cgo=0 tags= libc=glibc user=65532 static=no/no"},
		{name: "$SCRATCHVET_TARGET", pkg: server, env: map[string]string{EnvTarget: "glibc"},
			want: "glibc target=glibc cgo=0 tags= libc=glibc user=65532 static=no/no"},
		{name: "an explicit CGO_ENABLED wins over the Dockerfile", pkg: server, env: map[string]string{"CGO_ENABLED": "1"},
			want: "distroless-static:nonroot (build/server.Dockerfile:6) target=distroless-static:nonroot cgo=1 tags= libc=glibc user=65532 static=no/no"},
		{name: "config target and build win over discovery", pkg: server, conf: "target = \"busybox\"\n[build]\ncgo = true\ntags = [\"netgo\"]\n",
			want: "busybox target=busybox cgo=1 tags=netgo libc=glibc user=65532 static=no/no"},
		{name: "-ldflags wins", pkg: worker, opts: Options{Ldflags: `-linkmode external -extldflags "-static"`},
			want: "distroless-base (build/worker.Dockerfile:7) target=distroless-base cgo=1 tags= libc=glibc user= static=yes/no"},
		{name: "[[deployment]] replaces what is discovered", pkg: server,
			conf: "[[deployment]]\nmain = \"./cmd/server\"\ntarget = \"scratch\"\nuser = \"1000\"\nbuild.cgo = true\n",
			want: "scratch target=scratch cgo=1 tags= libc=glibc user=1000 static=no/no"},
		{name: "[[deployment]] for another package", pkg: server,
			conf: "[[deployment]]\nmain = \"./cmd/worker\"\ntarget = \"scratch\"\n",
			want: "distroless-static:nonroot (build/server.Dockerfile:6) target=distroless-static:nonroot cgo=0 tags= libc=glibc user=65532 static=no/no"},
		{name: "-discover=false", pkg: server, opts: Options{NoDiscovery: true},
			want: "scratch target=scratch cgo=env tags= libc=glibc user= static=no/no"},
		{name: "a package discovery knows nothing about", pkg: "example.com/twobases/internal/lib",
			want: "scratch target=scratch cgo=env tags= libc=glibc user= static=no/no"},
	} {
		d := dir
		if tt.conf != "" {
			d = copyCorpus(t, "two-bases", tt.conf)
		}
		rel := "cmd/server"
		if tt.pkg == worker {
			rel = "cmd/worker"
		}
		if got := describe(forMain(t, d, rel, tt.pkg, tt.opts, tt.env)); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

// One binary on two images, built once (promu): two deployments, the
// link rule applied to promu's -extldflags -static, and a note where
// CGO_ENABLED is not declared.
func TestDiscoveredTwoImagesAndNotes(t *testing.T) {
	t.Parallel()
	dir := copyCorpus(t, "promu-two", "")
	s := forMain(t, dir, "cmd/thing_exporter", "example.com/promutwo/cmd/thing_exporter", Options{}, nil)
	want := "busybox (Dockerfile:3) target=busybox,ca-bundle=true,zoneinfo=true cgo=0 tags=netgo libc=glibc user=nobody static=no/if-forced; " +
		"distroless-static:nonroot (Dockerfile.distroless:2) target=distroless-static:nonroot cgo=0 tags=netgo libc=glibc user=65532 static=no/if-forced"
	if got := describe(s); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	s = forMain(t, copyCorpus(t, "make-unexported", ""), ".", "example.com/makeunexported", Options{}, nil)
	if len(s.Notes) != 1 || !strings.Contains(s.Notes[0], "CGO_ENABLED is not declared") {
		t.Errorf("notes %q", s.Notes)
	}
	// An image scratchvet does not know is never guessed: not judged
	// against a target unless one is given, then with the image's
	// environment and user.
	unknown := copyCorpus(t, "unknown-image", "")
	s = forMain(t, unknown, ".", "example.com/unknownimage", Options{}, nil)
	if want := ".: image at Containerfile:1 is unknown (registry.example.com/platform/runtime:2.1); not judged against an image (set -target or a [[deployment]])"; !s.Undeployed || len(s.Notes) != 1 || s.Notes[0] != want {
		t.Errorf("unknown image: undeployed %v, notes %q, want %q", s.Undeployed, s.Notes, want)
	}
	s = forMain(t, unknown, ".", "example.com/unknownimage", Options{Target: "glibc"}, nil)
	if len(s.Deployments) != 1 || s.Undeployed || s.Deployments[0].Target.Name != "glibc" || s.Deployments[0].Env["TMPDIR"] != "/var/tmp" || s.Deployments[0].User != "app" {
		t.Errorf("unknown image with -target glibc: undeployed %v, %+v", s.Undeployed, s.Deployments)
	}
}

// An external driver compiles one build: a package shipped with
// CGO_ENABLED=0 on one image and =1 on another is judged, under go vet or
// golangci-lint, on the deployments of the build they compiled; with
// none of that build, on all of them.
func TestLoadedWith(t *testing.T) {
	on, off := true, false
	s := &Settings{Deployments: []Deployment{
		{Name: "a", Build: Build{CgoEnabled: &off}},
		{Name: "b", Build: Build{CgoEnabled: &on}},
		{Name: "c"}, // CGO_ENABLED not declared: the driver's
	}}
	names := func(s *Settings) string {
		var n []string
		for _, d := range s.Deployments {
			n = append(n, d.Name)
		}
		return strings.Join(n, ",")
	}
	if got := names(s.LoadedWith(false)); got != "a,c" {
		t.Errorf("CGO_ENABLED=0 build: judged %s, want a,c", got)
	}
	if got := names(s.LoadedWith(true)); got != "b,c" {
		t.Errorf("CGO_ENABLED=1 build: judged %s, want b,c", got)
	}
	only := &Settings{Deployments: []Deployment{{Name: "a", Build: Build{CgoEnabled: &off}}, {Name: "d", Build: Build{CgoEnabled: &off}}}}
	if got := names(only.LoadedWith(true)); got != "a,d" {
		t.Errorf("no deployment of the compiled build: judged %s, want all (a,d)", got)
	}
	for env, want := range map[string]bool{"0": false, "1": true} {
		if got := GoCommandCgo(func(k string) string { return map[string]string{"CGO_ENABLED": env}[k] }); got != want {
			t.Errorf("CGO_ENABLED=%s: GoCommandCgo = %v", env, got)
		}
	}
}

// copyFixture copies a module of the repository's testdata directory into
// a temporary directory, with an optional config file.
func copyFixture(t *testing.T, name, config string) string {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", name)
	dst := t.TempDir()
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if config != "" {
		if err := os.WriteFile(filepath.Join(dst, "scratchvet.toml"), []byte(config), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// A main package that no deployment declares, in a repository that
// declares some, is Undeployed unless a target is set explicitly: only the
// checks that judge the code alone run on it, and a note says so.
func TestUndeployed(t *testing.T) {
	t.Parallel()
	const devtool, relay = "example.com/undeployed/cmd/devtool", "example.com/undeployed/cmd/relay"
	dir := copyFixture(t, "undeployed", "")
	anyDeployment := Options{AnyDeployment: []string{"skipverify"}}
	s := forMain(t, dir, "cmd/devtool", devtool, anyDeployment, nil)
	if !s.Undeployed || len(s.Deployments) != 1 || s.Deployments[0].Name != "scratch" {
		t.Fatalf("devtool: undeployed %v, deployments %s", s.Undeployed, describe(s))
	}
	if want := "./cmd/devtool: no deployment declared; not judged against an image (set -target or a [[deployment]])"; len(s.Notes) != 1 || s.Notes[0] != want {
		t.Errorf("notes %q, want %q", s.Notes, want)
	}
	if s.Enabled("tzdata") || s.Enabled("dynlink") || !s.Enabled("skipverify") {
		t.Errorf("enabled: tzdata %v, dynlink %v, skipverify %v; want only skipverify", s.Enabled("tzdata"), s.Enabled("dynlink"), s.Enabled("skipverify"))
	}
	// go vet's name for the package with its tests.
	if s := forMain(t, dir, "cmd/devtool", devtool+" ["+devtool+".test]", anyDeployment, nil); !s.Undeployed {
		t.Errorf("the test variant of devtool is judged against %s", describe(s))
	}
	// The deployed packages and the non-main packages are not.
	if s := forMain(t, dir, "cmd/relay", relay, anyDeployment, nil); s.Undeployed || !s.Deployments[0].Build.CgoUndeclared {
		t.Errorf("relay: undeployed %v, CgoUndeclared %v; want false, true", s.Undeployed, s.Deployments[0].Build.CgoUndeclared)
	}
	if s := forMain(t, dir, "cmd/api", "example.com/undeployed/cmd/api", anyDeployment, nil); s.Undeployed || s.Deployments[0].Build.CgoUndeclared {
		t.Errorf("api: undeployed %v, CgoUndeclared %v; want false, false", s.Undeployed, s.Deployments[0].Build.CgoUndeclared)
	}
	if s := forMain(t, dir, ".", "example.com/undeployed", anyDeployment, nil); s.Undeployed {
		t.Errorf("a directory without a main package is Undeployed")
	}

	// A target set explicitly judges it.
	for name, s := range map[string]*Settings{
		"-target":            forMain(t, dir, "cmd/devtool", devtool, Options{Target: "alpine", AnyDeployment: []string{"skipverify"}}, nil),
		"$SCRATCHVET_TARGET": forMain(t, dir, "cmd/devtool", devtool, anyDeployment, map[string]string{EnvTarget: "alpine"}),
		"config target":      forMain(t, copyFixture(t, "undeployed", "target = \"alpine\"\n"), "cmd/devtool", devtool, anyDeployment, nil),
	} {
		if s.Undeployed || !s.Enabled("tzdata") || s.Deployments[0].Target.Name != "alpine" || len(s.Notes) != 0 {
			t.Errorf("%s: undeployed %v, notes %q, deployments %s", name, s.Undeployed, s.Notes, describe(s))
		}
	}
	// A [[deployment]] naming it; a config file with [[deployment]]
	// tables for other packages and discovery turned off.
	named := copyFixture(t, "undeployed", "[[deployment]]\nmain = \"./cmd/devtool\"\ntarget = \"glibc\"\n")
	if s := forMain(t, named, "cmd/devtool", devtool, anyDeployment, nil); s.Undeployed || s.Deployments[0].Target.Name != "glibc" || !s.Deployments[0].Build.CgoUndeclared {
		t.Errorf("[[deployment]] naming devtool: undeployed %v, %s", s.Undeployed, describe(s))
	}
	off := Options{AnyDeployment: []string{"skipverify"}, NoDiscovery: true}
	if s := forMain(t, named, "cmd/relay", relay, off, nil); !s.Undeployed || s.Notes[0] != relay+": no deployment declared; not judged against an image (set -target or a [[deployment]])" {
		t.Errorf("-discover=false, relay not in the config's tables: undeployed %v, notes %q", s.Undeployed, s.Notes)
	}
	if s := forMain(t, dir, "cmd/devtool", devtool, off, nil); s.Undeployed {
		t.Errorf("-discover=false and no [[deployment]]: devtool is Undeployed")
	}

	// A build that puts devtool in no image, in a repository that declares
	// images: not judged, unless a target is given (then with its build);
	// the same build in a repository without images is judged against the
	// run's target, as before.
	makefile := "build:\n\tCGO_ENABLED=0 go build -o bin/devtool ./cmd/devtool\n"
	built := copyFixture(t, "undeployed", "")
	if err := os.WriteFile(filepath.Join(built, "Makefile"), []byte(makefile), 0o644); err != nil {
		t.Fatal(err)
	}
	s = forMain(t, built, "cmd/devtool", devtool, anyDeployment, nil)
	if want := "./cmd/devtool: built (Makefile:2), no image declared; not judged against an image (set -target or a [[deployment]])"; !s.Undeployed || len(s.Notes) != 1 || s.Notes[0] != want {
		t.Errorf("image-less build: undeployed %v, notes %q, want %q", s.Undeployed, s.Notes, want)
	}
	s = forMain(t, built, "cmd/devtool", devtool, Options{Target: "alpine", AnyDeployment: []string{"skipverify"}}, nil)
	if s.Undeployed || len(s.Deployments) != 1 || s.Deployments[0].Build.CgoEnabled == nil || *s.Deployments[0].Build.CgoEnabled {
		t.Errorf("image-less build with -target: undeployed %v, %s", s.Undeployed, describe(s))
	}
	for _, f := range []string{"Dockerfile", "Dockerfile.relay"} {
		if err := os.Remove(filepath.Join(built, f)); err != nil {
			t.Fatal(err)
		}
	}
	s = forMain(t, built, "cmd/devtool", devtool, anyDeployment, nil)
	if s.Undeployed || describe(s) != "scratch target=scratch cgo=0 tags= libc=glibc user= static=no/no" {
		t.Errorf("image-less build, no image anywhere: undeployed %v, %s", s.Undeployed, describe(s))
	}
	if s := forMain(t, built, "cmd/api", "example.com/undeployed/cmd/api", anyDeployment, nil); s.Undeployed {
		t.Errorf("no image anywhere: api is Undeployed")
	}

	// One known image and one unknown: judged on the known one only.
	two := copyFixture(t, "undeployed", "")
	if err := os.WriteFile(filepath.Join(two, "Dockerfile.platform"), []byte("FROM registry.example.com/platform/runtime:2.1\nCOPY relay /relay\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s = forMain(t, two, "cmd/relay", relay, anyDeployment, nil)
	if s.Undeployed || len(s.Deployments) != 1 || s.Deployments[0].Target.Name != "alpine" ||
		!slices.Contains(s.Notes, "./cmd/relay: image at Dockerfile.platform:1 is unknown (registry.example.com/platform/runtime:2.1); judged on its other deployments only") {
		t.Errorf("known and unknown image: undeployed %v, notes %q, %s", s.Undeployed, s.Notes, describe(s))
	}

	// A repository that declares no deployment: every package is judged
	// against the run's target, as before.
	bare := t.TempDir()
	for name, text := range map[string]string{"go.mod": "module example.com/bare\n\ngo 1.23\n", "main.go": "package main\n\nfunc main() {}\n"} {
		if err := os.WriteFile(filepath.Join(bare, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if s := forMain(t, bare, ".", "example.com/bare", anyDeployment, nil); s.Undeployed || !s.Enabled("tzdata") {
		t.Errorf("a repository without deployments: undeployed %v", s.Undeployed)
	}
}
