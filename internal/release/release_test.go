package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"debug/elf"
	"debug/pe"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestBadConfig(t *testing.T) {
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{Version: "1.2.3", Platforms: []string{"linux/amd64"}}, `version "1.2.3": want vMAJOR.MINOR.PATCH`},
		{Config{Version: "v1.2", Platforms: []string{"linux/amd64"}}, `version "v1.2"`},
		{Config{Version: "v1.2.3", Platforms: []string{"linux"}}, `platform "linux": want GOOS/GOARCH`},
		{Config{Version: "v1.2.3", Platforms: []string{"linux/amd64", "linux/amd64"}}, `platform linux/amd64 given twice`},
	} {
		if _, err := Build(c.cfg); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: got %v, want %s", c.cfg, err, c.want)
		}
	}
}

const (
	testVersion = "v0.0.0-releasetest"
	testCommit  = "0123456789abcdef0123456789abcdef01234567"
)

// A release of two platforms (this machine's, and windows/arm64 for the
// zip and a cross-compiled binary), built twice from two copies of the
// tree: the same bytes; the checksums match; the archives hold the binary,
// LICENSE, README.md and CHANGELOG.md; the host binary is static and
// reports the stamped version and commit.
func TestRelease(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles scratchvet twice")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	host := runtime.GOOS + "/" + runtime.GOARCH
	other := "windows/arm64"
	if host == other {
		other = "linux/amd64"
	}
	date := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	cfg := Config{Version: testVersion, Commit: testCommit, Date: date, Src: root,
		Out: t.TempDir(), Platforms: []string{host, other}}
	files, err := Build(cfg)
	if err != nil {
		t.Fatal(err)
	}
	// Again, from a copy of the tree elsewhere.
	cfg2 := cfg
	cfg2.Src, cfg2.Out = copyTree(t, root), t.TempDir()
	files2, err := Build(cfg2)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 || len(files2) != 3 {
		t.Fatalf("files: %v and %v", files, files2)
	}
	for i := range files {
		a, b := read(t, files[i]), read(t, files2[i])
		if filepath.Base(files[i]) != filepath.Base(files2[i]) || !bytes.Equal(a, b) {
			t.Errorf("not reproducible: %s (%d bytes) and %s (%d bytes) differ", files[i], len(a), files2[i], len(b))
		}
	}

	// The checksums file, as sha256sum -c reads it.
	checksums := files[2]
	if filepath.Base(checksums) != "scratchvet_0.0.0-releasetest_checksums.txt" {
		t.Errorf("checksums file %s", checksums)
	}
	lines := strings.Split(strings.TrimSpace(string(read(t, checksums))), "\n")
	if len(lines) != 2 {
		t.Fatalf("checksums:\n%s", read(t, checksums))
	}
	for _, line := range lines {
		sum, name, _ := strings.Cut(line, "  ")
		got := sha256.Sum256(read(t, filepath.Join(cfg.Out, name)))
		if hex.EncodeToString(got[:]) != sum {
			t.Errorf("checksum of %s: %s in the file, %x computed", name, sum, got)
		}
	}
	if _, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command("sha256sum", "-c", filepath.Base(checksums))
		cmd.Dir = cfg.Out
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c: %v\n%s", err, out)
		}
	}

	for _, path := range files[:2] {
		name := filepath.Base(path)
		goos, goarch := platformOf(t, name)
		dir := "scratchvet_0.0.0-releasetest_" + goos + "_" + goarch
		exe := "scratchvet"
		if goos == "windows" {
			exe += ".exe"
		}
		var entries map[string][]byte
		var modes map[string]int64
		if strings.HasSuffix(name, ".zip") {
			entries, modes = unzip(t, path)
		} else {
			entries, modes = untar(t, path)
		}
		for _, want := range []string{exe, "LICENSE", "README.md", "CHANGELOG.md"} {
			if _, ok := entries[dir+"/"+want]; !ok {
				t.Errorf("%s lacks %s/%s (has %v)", name, dir, want, keys(entries))
			}
		}
		if len(entries) != 4 {
			t.Errorf("%s holds %v", name, keys(entries))
		}
		if !bytes.Equal(entries[dir+"/LICENSE"], read(t, filepath.Join(root, "LICENSE"))) {
			t.Errorf("%s: LICENSE differs from the repository's", name)
		}
		if modes[dir+"/"+exe]&0o111 == 0 {
			t.Errorf("%s: %s is not executable (mode %o)", name, exe, modes[dir+"/"+exe])
		}
		bin := entries[dir+"/"+exe]
		if goos == "windows" {
			f, err := pe.NewFile(bytes.NewReader(bin))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if goarch == "arm64" && f.Machine != pe.IMAGE_FILE_MACHINE_ARM64 {
				t.Errorf("%s: PE machine %#x", name, f.Machine)
			}
			continue
		}
		if goos+"/"+goarch != host {
			continue
		}
		// The host's binary: static, and stamped.
		if f, err := elf.NewFile(bytes.NewReader(bin)); err == nil {
			for _, p := range f.Progs {
				if p.Type == elf.PT_INTERP {
					t.Errorf("%s: the binary has a program interpreter: not static", name)
				}
			}
		}
		exePath := filepath.Join(t.TempDir(), exe)
		if err := os.WriteFile(exePath, bin, 0o755); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(exePath, "version").Output()
		if err != nil {
			t.Fatalf("%s version: %v", exePath, err)
		}
		got := strings.Split(string(out), "\n")
		if got[0] != "scratchvet "+testVersion || got[1] != "commit "+testCommit || !strings.HasPrefix(got[2], "built with "+runtime.Version()+" for "+host) {
			t.Errorf("%s version:\n%s", name, out)
		}
		// go vet's handshake stays a build ID, not the stamped version.
		out, err = exec.Command(exePath, "-V=full").Output()
		if f := strings.Fields(string(out)); err != nil || len(f) < 4 || f[2] != "devel" || !strings.HasPrefix(f[len(f)-1], "buildID=") {
			t.Errorf("%s -V=full: %v %q", name, err, out)
		}
	}
}

func platformOf(t *testing.T, archive string) (string, string) {
	name := strings.TrimSuffix(strings.TrimSuffix(archive, ".tar.gz"), ".zip")
	parts := strings.Split(name, "_")
	if len(parts) < 4 {
		t.Fatalf("archive name %s", archive)
	}
	return parts[len(parts)-2], parts[len(parts)-1]
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func untar(t *testing.T, path string) (map[string][]byte, map[string]int64) {
	gz, err := gzip.NewReader(bytes.NewReader(read(t, path)))
	if err != nil {
		t.Fatal(err)
	}
	entries, modes := map[string][]byte{}, map[string]int64{}
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		entries[hdr.Name], modes[hdr.Name] = data, hdr.Mode
	}
	return entries, modes
}

func unzip(t *testing.T, path string) (map[string][]byte, map[string]int64) {
	data := read(t, path)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	entries, modes := map[string][]byte{}, map[string]int64{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		entries[f.Name], modes[f.Name] = b, int64(f.Mode().Perm())
	}
	return entries, modes
}

// copyTree copies the files git knows of (tracked, and untracked but not
// ignored) to a new directory.
func copyTree(t *testing.T, root string) string {
	out, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Skipf("git ls-files: %v", err)
	}
	dst := filepath.Join(t.TempDir(), "copy")
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		src := filepath.Join(root, name)
		info, err := os.Lstat(src)
		if err != nil || !info.Mode().IsRegular() {
			continue // deleted in the work tree, or a symlink
		}
		if err := os.MkdirAll(filepath.Join(dst, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), read(t, src), info.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}
