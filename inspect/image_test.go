package inspect

import (
	"archive/tar"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/target"
)

// imageCase is an image assembled from layers, with the verdict expected
// for its entrypoint binary in the image itself.
type imageCase struct {
	name     string
	build    func(t *testing.T) string // returns the FILE argument
	binary   string                    // BinaryPath expected
	exit     int
	start    string
	checks   map[string]string
	props    map[string]string // target property -> expected value (Target.Get format)
	noteLike string            // substring of an image note, if any
}

func imageCases() []imageCase {
	app := testImageConfig{Entrypoint: []string{"/app"}}
	return []imageCase{{
		name: "oci scratch-like, CGO_ENABLED=0 tz",
		build: func(t *testing.T) string {
			return writeOCI(t, app, false, appLayer(t, "a-cgo0/tz", "app"))
		},
		binary: "/app", exit: ExitIncompatible, start: statusOK,
		checks: map[string]string{"timezone": statusFail},
		props: map[string]string{"libc": "none", "loader": "none", "passwd": "false", "zoneinfo": "false",
			"ca-bundle": "false", "resolv-conf": "true", "hosts": "true", "dev-urandom": "true", "kernel": "3.10"},
	}, {
		name: "oci gzip distroless-static-like, pure-Go user lookups",
		build: func(t *testing.T) string {
			return writeOCI(t, app, true, staticBase(t), appLayer(t, "a-cgo0/userlookup", "app"))
		},
		binary: "/app", exit: ExitCompatible, start: statusOK,
		checks: map[string]string{"user": statusOK},
		props:  map[string]string{"passwd": "true", "zoneinfo": "true", "ca-bundle": "true", "nsswitch": "true", "loader": "none"},
	}, {
		name: "docker archive distroless-base-like, dynamic glibc through a symlinked loader",
		build: func(t *testing.T) string {
			return writeDockerArchive(t, app, staticBase(t), glibcBase(t), appLayer(t, "b-cgo1/dns", "app"))
		},
		binary: "/app", exit: ExitCompatible, start: statusOK,
		checks: map[string]string{"dns": statusOK},
		props:  map[string]string{"libc": "glibc", "loader": "glibc"},
	}, {
		name: "docker archive scratch-like, dynamic glibc: no loader",
		build: func(t *testing.T) string {
			return writeDockerArchive(t, app, appLayer(t, "b-cgo1/dns", "app"))
		},
		binary: "/app", exit: ExitIncompatible, start: statusFail,
		checks: map[string]string{"dns": statusOK},
	}, {
		name: "docker archive alpine-like, dynamic glibc binary",
		build: func(t *testing.T) string {
			return writeDockerArchive(t, app, alpineBase(t), appLayer(t, "b-cgo1/dns", "app"))
		},
		binary: "/app", exit: ExitIncompatible, start: statusFail,
		checks: map[string]string{"dns": statusOK},
		props:  map[string]string{"libc": "musl", "loader": "musl", "zoneinfo": "false"},
	}, {
		name: "oci alpine-like, dynamic musl binary",
		build: func(t *testing.T) string {
			return writeOCI(t, app, true, alpineBase(t), appLayer(t, "e1-musl/userlookup", "app"))
		},
		binary: "/app", exit: ExitCompatible, start: statusOK,
		checks: map[string]string{"user": statusOK},
	}, {
		name: "loader without libc.so.6: CGO_ENABLED=0 -buildmode=pie starts",
		build: func(t *testing.T) string {
			return writeOCI(t, app, false, makeLayer(t, fileEntry("lib64/ld-linux-x86-64.so.2", "ld")),
				appLayer(t, "f-cgo0-pie/rand", "app"))
		},
		binary: "/app", exit: ExitCompatible, start: statusOK,
		checks: map[string]string{"crypto-rand": statusOK},
		props:  map[string]string{"loader": "glibc", "libc": "none"},
	}, {
		name: "loader without libc.so.6: dynamic cgo binary does not start",
		build: func(t *testing.T) string {
			return writeOCI(t, app, false, makeLayer(t, fileEntry("lib64/ld-linux-x86-64.so.2", "ld")),
				appLayer(t, "b-cgo1/dns", "app"))
		},
		binary: "/app", exit: ExitIncompatible, start: statusFail,
		checks: map[string]string{"dns": statusOK},
	}, {
		name: "whiteout removes /etc/passwd of a lower layer",
		build: func(t *testing.T) string {
			return writeOCI(t, app, false, staticBase(t), makeLayer(t, fileEntry("etc/.wh.passwd", "")),
				appLayer(t, "a-cgo0/userlookup", "app"))
		},
		binary: "/app", exit: ExitIncompatible, start: statusOK,
		checks: map[string]string{"user": statusFail},
		props:  map[string]string{"passwd": "false", "ca-bundle": "true"},
	}, {
		name: "opaque directory hides the lower /etc but keeps its own files",
		build: func(t *testing.T) string {
			return writeDockerArchive(t, app, staticBase(t),
				makeLayer(t, fileEntry("etc/.wh..wh..opq", ""), fileEntry("etc/passwd", "root:x:0:0::/:/x\n")),
				appLayer(t, "a-cgo0/userlookup", "app"))
		},
		binary: "/app", exit: ExitIncompatible, start: statusOK,
		checks: map[string]string{"user": statusFail},
		props:  map[string]string{"passwd": "false", "ca-bundle": "false", "zoneinfo": "true", "nsswitch": "false"},
	}, {
		name: "Cmd found through PATH, symlink, WorkingDir-free; SSL_CERT_FILE counts as a bundle",
		build: func(t *testing.T) string {
			cfg := testImageConfig{Cmd: []string{"server", "-v"},
				Env: []string{"PATH=/usr/local/bin:/usr/bin", "SSL_CERT_FILE=/certs/ca.pem"}}
			return writeOCI(t, cfg, false, appLayer(t, "a-cgo0/tls", "opt/app/server"),
				makeLayer(t, linkEntry("usr/local/bin/server", "../../../opt/app/server"), fileEntry("certs/ca.pem", "pem")))
		},
		binary: "/opt/app/server", exit: ExitCompatible, start: statusOK,
		checks:   map[string]string{"dns": statusOK, "tls-roots": statusOK, "crypto-rand": statusOK},
		props:    map[string]string{"ca-bundle": "true"},
		noteLike: "is a symlink to /opt/app/server",
	}, {
		name: "shell entrypoint: the Go binary named in its arguments is judged",
		build: func(t *testing.T) string {
			cfg := testImageConfig{Entrypoint: []string{"/bin/sh", "-c"}, Cmd: []string{"exec /srv/app --flag"}}
			return writeOCI(t, cfg, false, alpineBase(t), appLayer(t, "a-cgo0/tzembed", "srv/app"))
		},
		binary: "/srv/app", exit: ExitCompatible, start: statusOK,
		checks:   map[string]string{"timezone": statusOK},
		noteLike: "entrypoint /bin/sh is not a Go binary",
	}, {
		name: "hard link and relative WorkingDir path",
		build: func(t *testing.T) string {
			cfg := testImageConfig{Entrypoint: []string{"./app"}, WorkingDir: "/work"}
			base := appLayer(t, "a-cgo0/rand", "bin/real")
			return writeOCI(t, cfg, false, base, makeLayer(t, dirEntry("work/"), tarEntry{name: "work/app", hardlink: "bin/real"}))
		},
		// The hard link's content is read from the member it names.
		binary: "/work/app", exit: ExitCompatible, start: statusOK,
		checks: map[string]string{"crypto-rand": statusOK},
	}, {
		name: "architecture mismatch",
		build: func(t *testing.T) string {
			cfg := testImageConfig{Entrypoint: []string{"/app"}, Architecture: "arm64"}
			return writeOCI(t, cfg, false, appLayer(t, "a-cgo0/rand", "app"))
		},
		binary: "/app", exit: ExitIncompatible, start: statusFail,
		checks: map[string]string{"crypto-rand": statusOK},
	}}
}

func TestImages(t *testing.T) {
	for _, ic := range imageCases() {
		t.Run(ic.name, func(t *testing.T) {
			file := ic.build(t)
			r := inspectFile(file, nil, false)
			if r.Error != "" {
				t.Fatalf("error: %s", r.Error)
			}
			if r.Image == nil || r.Binary == nil || len(r.Verdicts) != 1 {
				t.Fatalf("report = %+v", r)
			}
			if r.Image.BinaryPath != ic.binary {
				t.Errorf("BinaryPath = %q, want %q", r.Image.BinaryPath, ic.binary)
			}
			if r.Image.OS != "linux" || r.Image.Layers == 0 || r.Image.Ref != "test:latest" {
				t.Errorf("image = %+v", r.Image)
			}
			notes := strings.Join(r.Image.Notes, "\n")
			if !strings.Contains(notes, "Docker and containerd inject them") ||
				(ic.noteLike != "" && !strings.Contains(notes, ic.noteLike)) {
				t.Errorf("notes = %q, want %q", notes, ic.noteLike)
			}
			v := r.Verdicts[0]
			if v.Target.Source != "image" || len(v.Target.Observations) != len(target.Properties()) {
				t.Errorf("target = %+v", v.Target)
			}
			if v.Start.Status != ic.start {
				t.Errorf("start = %s (%s), want %s", v.Start.Status, v.Start.Summary, ic.start)
			}
			got := map[string]string{}
			for _, c := range v.Checks {
				got[c.Feature] = c.Status
			}
			if len(got) != len(ic.checks) {
				t.Errorf("checks = %v, want %v", got, ic.checks)
			}
			for f, want := range ic.checks {
				if got[f] != want {
					t.Errorf("%s = %s, want %s", f, got[f], want)
				}
			}
			obs := map[string]string{}
			for _, o := range v.Target.Observations {
				obs[o.Property] = o.Value
			}
			for k, want := range ic.props {
				if obs[k] != want {
					t.Errorf("property %s = %q, want %q (observations %+v)", k, obs[k], want, v.Target.Observations)
				}
			}
			if r.Exit != ic.exit {
				t.Errorf("exit = %d, want %d", r.Exit, ic.exit)
			}
		})
	}
}

// TestImageWithExplicitTarget: -target adds verdicts after the image's own.
func TestImageWithExplicitTarget(t *testing.T) {
	layout := writeOCI(t, testImageConfig{Entrypoint: []string{"/app"}}, false, staticBase(t), appLayer(t, "a-cgo0/tz", "app"))
	tg, _ := target.Parse("bare")
	r := inspectFile(layout, []target.Target{tg}, true)
	if len(r.Verdicts) != 2 || !r.Verdicts[0].Compatible || r.Verdicts[1].Compatible || r.Verdicts[1].Target.Name != "bare" {
		t.Fatalf("verdicts = %+v", r.Verdicts)
	}
	if r.Exit != ExitIncompatible {
		t.Errorf("exit = %d", r.Exit)
	}
}

// TestOCIIndexPicksLinuxAmd64: nested index, several platforms.
func TestOCIIndexPicksLinuxAmd64(t *testing.T) {
	layout := t.TempDir()
	arm := writeOCIManifest(t, layout, testImageConfig{Entrypoint: []string{"/app"}, Architecture: "arm64"}, false,
		makeLayer(t, fileEntry("app", "not even a binary")))
	arm["platform"] = map[string]string{"os": "linux", "architecture": "arm64"}
	amd := writeOCIManifest(t, layout, testImageConfig{Entrypoint: []string{"/app"}}, true, appLayer(t, "a-cgo0/tzembed", "app"))
	amd["platform"] = map[string]string{"os": "linux", "architecture": "amd64"}
	inner := writeBlob(t, layout, "application/vnd.oci.image.index.v1+json", mustJSON(t, map[string]any{
		"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": []any{arm, amd}}))
	writeOCIIndex(t, layout, inner)
	r := inspectFile(layout, nil, false)
	if r.Error != "" || r.Exit != ExitCompatible || r.Image.Architecture != "amd64" || r.Kind != "oci-layout" {
		t.Fatalf("report = %+v", r)
	}
}

// TestJSONSchemaDocumented: every key the -json output can contain is
// documented in docs/inspect.md.
func TestJSONSchemaDocumented(t *testing.T) {
	docs, err := os.ReadFile("../docs/inspect.md")
	if err != nil {
		t.Skipf("docs not available: %v", err)
	}
	layout := writeOCI(t, testImageConfig{Entrypoint: []string{"/app"}}, false, appLayer(t, "a-cgo0/tz", "app"))
	tg, _ := target.Parse("scratch")
	r := inspectFile(layout, []target.Target{tg}, true)
	r.Error = "set so that the optional field is present"
	r.Verdicts[0].Checks[0].Notes = []string{"x"}
	data, err := json.Marshal(Output{SchemaVersion: 1, Reports: []Report{r}})
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	json.Unmarshal(data, &doc)
	keys := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				keys[k] = true
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(doc)
	for k := range keys {
		documented := false
		for _, form := range []string{"`" + k + "`", "." + k + "`", "`" + k + "."} {
			documented = documented || strings.Contains(string(docs), form)
		}
		if !documented {
			t.Errorf("JSON key %q is not documented in docs/inspect.md", k)
		}
	}
	if len(keys) < 60 {
		t.Errorf("only %d keys seen: the sample report is incomplete", len(keys))
	}
}

// TestOCIArchive: an OCI layout packed in a tar (what Docker 25+ `docker save`
// writes when no manifest.json is added, and `buildx --output type=oci`).
func TestOCIArchive(t *testing.T) {
	layout := writeOCI(t, testImageConfig{Entrypoint: []string{"/app"}}, true, staticBase(t), appLayer(t, "a-cgo0/tz", "app"))
	archive := filepath.Join(t.TempDir(), "oci.tar")
	f, err := os.Create(archive)
	if err != nil {
		t.Fatal(err)
	}
	tw := tar.NewWriter(f)
	if err := tw.AddFS(os.DirFS(layout)); err != nil {
		t.Fatal(err)
	}
	tw.Close()
	f.Close()
	r := inspectFile(archive, nil, false)
	if r.Error != "" || r.Kind != "oci-archive" || r.Exit != ExitCompatible || r.Image.BinaryPath != "/app" {
		t.Fatalf("report = %+v", r)
	}
}
