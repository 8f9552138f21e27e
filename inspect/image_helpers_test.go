package inspect

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// tarEntry is one member of a test layer. Exactly one of content, link,
// hardlink or dir is meaningful.
type tarEntry struct {
	name     string
	content  []byte
	link     string // symlink target
	hardlink string
	dir      bool
}

func fileEntry(name, content string) tarEntry { return tarEntry{name: name, content: []byte(content)} }
func linkEntry(name, to string) tarEntry      { return tarEntry{name: name, link: to} }
func dirEntry(name string) tarEntry           { return tarEntry{name: name, dir: true} }

func makeLayer(t testing.TB, entries ...tarEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: 0o755, Typeflag: tar.TypeReg, Size: int64(len(e.content))}
		switch {
		case e.dir:
			h.Typeflag, h.Size = tar.TypeDir, 0
		case e.link != "":
			h.Typeflag, h.Linkname, h.Size = tar.TypeSymlink, e.link, 0
		case e.hardlink != "":
			h.Typeflag, h.Linkname, h.Size = tar.TypeLink, e.hardlink, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			if _, err := tw.Write(e.content); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gzipped(t testing.TB, data []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testImageConfig builds an image config.
type testImageConfig struct {
	Architecture string
	Entrypoint   []string
	Cmd          []string
	Env          []string
	WorkingDir   string
}

func (c testImageConfig) json(t *testing.T) []byte {
	arch := c.Architecture
	if arch == "" {
		arch = "amd64"
	}
	doc := map[string]any{
		"os": "linux", "architecture": arch,
		"config": map[string]any{"Entrypoint": c.Entrypoint, "Cmd": c.Cmd, "Env": c.Env, "WorkingDir": c.WorkingDir},
		"rootfs": map[string]any{"type": "layers"},
	}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func digestOf(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// writeBlob stores data under blobs/sha256 of an OCI layout and returns its descriptor.
func writeBlob(t *testing.T, layout, mediaType string, data []byte) map[string]any {
	t.Helper()
	d := digestOf(data)
	p := filepath.Join(layout, "blobs", "sha256", d[len("sha256:"):])
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return map[string]any{"mediaType": mediaType, "digest": d, "size": len(data)}
}

func mustJSON(t *testing.T, v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// writeOCIManifest stores config and layers (gzip-compressed when gz) and
// returns the manifest descriptor.
func writeOCIManifest(t *testing.T, layout string, cfg testImageConfig, gz bool, layers ...[]byte) map[string]any {
	t.Helper()
	var descs []any
	for _, l := range layers {
		mt := "application/vnd.oci.image.layer.v1.tar"
		if gz {
			l, mt = gzipped(t, l), mt+"+gzip"
		}
		descs = append(descs, writeBlob(t, layout, mt, l))
	}
	config := writeBlob(t, layout, "application/vnd.oci.image.config.v1+json", cfg.json(t))
	manifest := map[string]any{"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
		"config": config, "layers": descs}
	return writeBlob(t, layout, "application/vnd.oci.image.manifest.v1+json", mustJSON(t, manifest))
}

// writeOCI writes an OCI image layout directory holding one image.
func writeOCI(t *testing.T, cfg testImageConfig, gz bool, layers ...[]byte) string {
	t.Helper()
	layout := t.TempDir()
	m := writeOCIManifest(t, layout, cfg, gz, layers...)
	m["annotations"] = map[string]string{"org.opencontainers.image.ref.name": "test:latest"}
	writeOCIIndex(t, layout, m)
	return layout
}

func writeOCIIndex(t *testing.T, layout string, manifests ...map[string]any) {
	t.Helper()
	must(os.WriteFile(filepath.Join(layout, "oci-layout"), []byte(`{"imageLayoutVersion":"1.0.0"}`), 0o644))
	idx := map[string]any{"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": manifests}
	must(os.WriteFile(filepath.Join(layout, "index.json"), mustJSON(t, idx), 0o644))
}

// writeDockerArchive writes a classic `docker save` tarball: manifest.json,
// <id>.json config and <layer>/layer.tar members.
func writeDockerArchive(t *testing.T, cfg testImageConfig, layers ...[]byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "image.tar")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tw := tar.NewWriter(f)
	add := func(name string, data []byte) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write(data)
	}
	config := cfg.json(t)
	configName := digestOf(config)[len("sha256:"):] + ".json"
	var layerNames []string
	for _, l := range layers {
		name := digestOf(l)[len("sha256:"):] + "/layer.tar"
		add(name, l)
		layerNames = append(layerNames, name)
	}
	add(configName, config)
	add("manifest.json", mustJSON(t, []map[string]any{{"Config": configName, "RepoTags": []string{"test:latest"}, "Layers": layerNames}}))
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// Base layers shaped like the lab's root filesystems (docs/FACTS.md). Loaders and libc
// are placeholder files: the start check looks for paths, not contents.
func staticBase(t *testing.T) []byte {
	return makeLayer(t,
		dirEntry("etc/"),
		fileEntry("etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n"),
		fileEntry("etc/group", "root:x:0:\nnobody:x:65534:\n"),
		fileEntry("etc/nsswitch.conf", "hosts: files dns\n"),
		fileEntry("etc/ssl/certs/ca-certificates.crt", "-----BEGIN CERTIFICATE-----\n"),
		fileEntry("usr/share/zoneinfo/UTC", "TZif2"),
		dirEntry("tmp/"))
}

func glibcBase(t *testing.T) []byte {
	// Debian layout: the loader path is a symlink into the multiarch directory.
	return makeLayer(t,
		fileEntry("lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "\x7fELF loader"),
		fileEntry("lib/x86_64-linux-gnu/libc.so.6", "\x7fELF libc"),
		linkEntry("lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"))
}

func alpineBase(t *testing.T) []byte {
	return makeLayer(t,
		fileEntry("lib/ld-musl-x86_64.so.1", "\x7fELF musl"),
		linkEntry("lib/libc.musl-x86_64.so.1", "ld-musl-x86_64.so.1"),
		fileEntry("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"),
		fileEntry("etc/group", "root:x:0:root\n"),
		fileEntry("etc/ssl/certs/ca-certificates.crt", "-----BEGIN CERTIFICATE-----\n"),
		fileEntry("bin/sh", "#!busybox\n"))
}

// appLayer puts a fixture binary at name.
func appLayer(t *testing.T, fixtureName, name string) []byte {
	data, err := os.ReadFile(fixture(t, fixtureName))
	if err != nil {
		t.Fatal(err)
	}
	return makeLayer(t, tarEntry{name: name, content: data})
}
