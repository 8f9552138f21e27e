package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Config is one release build.
type Config struct {
	Version   string    // vX.Y.Z[-pre]
	Commit    string    // stamped when not empty
	Date      time.Time // the archives' file times
	Src       string    // module root
	Out       string    // output directory
	Platforms []string  // GOOS/GOARCH
	Log       io.Writer // progress, or nil
}

// The documents every archive holds, from the module root.
var documents = []string{"LICENSE", "README.md", "CHANGELOG.md"}

const versionPackage = "github.com/scratchvet/scratchvet/internal/version"

var semver = regexp.MustCompile(`^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$`)

// Build builds the archives and the checksums file, and returns their
// paths.
func Build(cfg Config) ([]string, error) {
	if !semver.MatchString(cfg.Version) {
		return nil, fmt.Errorf("version %q: want vMAJOR.MINOR.PATCH[-PRERELEASE]", cfg.Version)
	}
	if len(cfg.Platforms) == 0 {
		return nil, fmt.Errorf("no platforms")
	}
	seen := map[string]bool{}
	for _, p := range cfg.Platforms {
		goos, goarch, ok := strings.Cut(p, "/")
		if !ok || goos == "" || goarch == "" || strings.Contains(goarch, "/") {
			return nil, fmt.Errorf("platform %q: want GOOS/GOARCH", p)
		}
		if seen[p] {
			return nil, fmt.Errorf("platform %s given twice", p)
		}
		seen[p] = true
	}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return nil, err
	}
	docs := map[string][]byte{}
	for _, name := range documents {
		data, err := os.ReadFile(filepath.Join(cfg.Src, name))
		if err != nil {
			return nil, err
		}
		docs[name] = data
	}
	tmp, err := os.MkdirTemp("", "scratchvet-release")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	base := "scratchvet_" + strings.TrimPrefix(cfg.Version, "v")
	var archives []string
	sums := map[string]string{}
	for _, p := range cfg.Platforms {
		goos, goarch, _ := strings.Cut(p, "/")
		exe := "scratchvet"
		if goos == "windows" {
			exe += ".exe"
		}
		bin := filepath.Join(tmp, goos+"_"+goarch, exe)
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, "building %s\n", p)
		}
		if err := buildBinary(cfg, goos, goarch, bin); err != nil {
			return nil, err
		}
		data, err := os.ReadFile(bin)
		if err != nil {
			return nil, err
		}
		dir := base + "_" + goos + "_" + goarch
		files := []archiveFile{{dir + "/" + exe, data, 0o755}}
		for _, name := range documents {
			files = append(files, archiveFile{dir + "/" + name, docs[name], 0o644})
		}
		var archive []byte
		name := dir + ".tar.gz"
		if goos == "windows" {
			name = dir + ".zip"
			archive, err = zipArchive(files, cfg.Date)
		} else {
			archive, err = tarGz(files, cfg.Date)
		}
		if err != nil {
			return nil, err
		}
		path := filepath.Join(cfg.Out, name)
		if err := os.WriteFile(path, archive, 0o644); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(archive)
		sums[name] = hex.EncodeToString(sum[:])
		archives = append(archives, path)
	}
	names := make([]string, 0, len(sums))
	for name := range sums {
		names = append(names, name)
	}
	sort.Strings(names)
	var list bytes.Buffer
	for _, name := range names {
		fmt.Fprintf(&list, "%s  %s\n", sums[name], name) // sha256sum's format
	}
	checksums := filepath.Join(cfg.Out, base+"_checksums.txt")
	if err := os.WriteFile(checksums, list.Bytes(), 0o644); err != nil {
		return nil, err
	}
	return append(archives, checksums), nil
}

// buildBinary cross-compiles a static scratchvet for one platform. The
// environment's build settings (GOFLAGS, CGO_ENABLED, GOAMD64, ...) are
// replaced, so that a release does not depend on the shell it runs in.
func buildBinary(cfg Config, goos, goarch, out string) error {
	ldflags := "-s -w -X " + versionPackage + ".stamp=" + cfg.Version
	if cfg.Commit != "" {
		ldflags += " -X " + versionPackage + ".stampCommit=" + cfg.Commit
	}
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false",
		"-ldflags="+ldflags, "-o", out, "./cmd/scratchvet")
	cmd.Dir = cfg.Src
	// GOFLAGS is set, not emptied: an empty one lets go env's file apply.
	cmd.Env = append(buildEnv(os.Environ()), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch, "GOFLAGS=-mod=readonly")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build for %s/%s: %v\n%s", goos, goarch, err, stderr.Bytes())
	}
	return nil
}

// buildEnv drops the variables that change what go build produces.
func buildEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GOFLAGS", "CGO_ENABLED", "GOOS", "GOARCH", "GOEXPERIMENT", "GOAMD64", "GOARM", "GOARM64",
			"GO386", "GOMIPS", "GOMIPS64", "GOPPC64", "GORISCV64", "GOWASM", "CC", "CXX":
			continue
		}
		out = append(out, kv)
	}
	return out
}

type archiveFile struct {
	name string
	data []byte
	mode int64
}

// tarGz writes files into a gzip-compressed tar archive, in order, with
// fixed owners and times and no gzip name or time.
func tarGz(files []archiveFile, date time.Time) ([]byte, error) {
	var buf bytes.Buffer
	gz, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(gz)
	for _, f := range files {
		hdr := &tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.data)), ModTime: date,
			Typeflag: tar.TypeReg, Format: tar.FormatUSTAR, Uname: "root", Gname: "root"}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// zipArchive writes files into a zip archive, in order, with fixed times.
func zipArchive(files []archiveFile, date time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		hdr := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: date}
		hdr.SetMode(os.FileMode(f.mode))
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
