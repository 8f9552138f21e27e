package inspect

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/scratchvet/scratchvet/target"
)

// Report is the result for one FILE argument.
type Report struct {
	File string `json:"file"`
	// Kind is "binary", "docker-archive", "oci-layout" or "oci-archive";
	// "" when the file could not be identified.
	Kind     string     `json:"kind"`
	Exit     int        `json:"exit"`            // this file's exit status (see Main)
	Error    string     `json:"error,omitempty"` // why the file could not be judged (exit 3)
	Image    *ImageInfo `json:"image,omitempty"`
	Binary   *Binary    `json:"binary,omitempty"`
	Verdicts []Verdict  `json:"verdicts"`
}

// ImageInfo describes the container image a binary was taken from.
type ImageInfo struct {
	Format       string   `json:"format"`
	Ref          string   `json:"ref"`
	OS           string   `json:"os"`
	Architecture string   `json:"architecture"`
	Entrypoint   []string `json:"entrypoint"`
	Cmd          []string `json:"cmd"`
	Env          []string `json:"env"`
	WorkingDir   string   `json:"working_dir"`
	Layers       int      `json:"layers"`
	BinaryPath   string   `json:"binary_path"` // the judged binary inside the image, symlinks resolved
	Notes        []string `json:"notes"`
}

// Exit statuses of Main.
const (
	ExitCompatible   = 0 // every file judged, every verdict compatible
	ExitIncompatible = 1 // some binary will not start or a feature fails on a target
	ExitUsage        = 2 // bad flags, unknown target, no FILE
	ExitBadInput     = 3 // a FILE is missing, not ELF, not Go, truncated, Mach-O/PE, or a broken image
)

// inspectFile judges one FILE against targets. explicitTargets is false
// when -target was not given: an image is then judged against itself only.
func inspectFile(file string, targets []target.Target, explicitTargets bool) Report {
	r := Report{File: file}
	err := inspectInto(&r, file, targets, explicitTargets)
	var in *inputError
	switch {
	case errors.As(err, &in):
		r.Exit, r.Error = ExitBadInput, in.msg
	case err != nil:
		r.Exit, r.Error = ExitBadInput, err.Error()
	default:
		r.Exit = ExitCompatible
		for _, v := range r.Verdicts {
			if !v.Compatible {
				r.Exit = ExitIncompatible
			}
		}
	}
	if r.Verdicts == nil {
		r.Verdicts = []Verdict{}
	}
	return r
}

func inspectInto(r *Report, file string, targets []target.Target, explicitTargets bool) (err error) {
	defer func() {
		// Bad input must never crash a CI job; report it as bad input.
		if p := recover(); p != nil {
			err = badInput("internal error while reading %s: %v", file, p)
		}
	}()
	fi, err := os.Stat(file)
	if err != nil {
		return badInput("%v", err)
	}
	if fi.IsDir() {
		if _, err := os.Stat(filepath.Join(file, "index.json")); err != nil {
			return badInput("%s is a directory but not an OCI image layout (no index.json)", file)
		}
		r.Kind = "oci-layout"
		img, err := loadOCI(dirStore{file}, "oci-layout")
		if err != nil {
			return err
		}
		return judgeImage(r, img, targets, explicitTargets)
	}
	if !fi.Mode().IsRegular() {
		return badInput("%s is not a regular file", file)
	}
	f, err := os.Open(file)
	if err != nil {
		return badInput("%v", err)
	}
	defer f.Close()
	var magic [512]byte
	n, _ := io.ReadFull(f, magic[:])
	switch {
	case n >= 262 && bytes.Equal(magic[257:262], []byte("ustar")):
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		img, err := loadDockerArchive(f)
		if err != nil {
			return err
		}
		r.Kind = img.format
		return judgeImage(r, img, targets, explicitTargets)
	case n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
		return badInput("gzip-compressed file: decompress it first (docker save | gzip archives: gunzip -k %s)", file)
	}
	b, err := readBinary(file, f, fi.Size())
	if err != nil {
		return err
	}
	r.Kind, r.Binary = "binary", b
	for _, t := range targets {
		r.Verdicts = append(r.Verdicts, judgePreset(b, t))
	}
	return nil
}

// judgeImage judges the image's Go binary against the image's own files,
// then against any -target given explicitly.
func judgeImage(r *Report, img *image, targets []target.Target, explicitTargets bool) error {
	c := img.config.Config
	r.Image = &ImageInfo{Format: img.format, Ref: img.ref, OS: img.config.OS, Architecture: img.config.Architecture,
		Entrypoint: c.Entrypoint, Cmd: c.Cmd, Env: c.Env, WorkingDir: c.WorkingDir, Layers: len(img.tree.layers)}
	b, notes, err := img.findGoBinary()
	if err != nil {
		return err
	}
	r.Binary = b
	r.Image.BinaryPath = b.Path
	r.Image.Notes = append(notes,
		"/etc/hosts, /etc/resolv.conf and /dev are treated as present: Docker and containerd inject them at run time")
	name := img.ref
	if name == "" {
		name = "image"
	}
	t, obs := target.FromRoot(name, img.tree.probe, target.RootOptions{RuntimeInjects: true, Env: c.Env, User: c.User})
	v := judge(b, targetInfo(t, "image", obs), t, rootEnv{img.tree.probe}, b.Path, envMap(c.Env))
	if arch := img.config.Architecture; arch != "" && b.Build.GOARCH != "" && arch != b.Build.GOARCH {
		v.Start = Check{Feature: "start", Status: statusFail,
			Summary:  fmt.Sprintf("will not start: the image is %s but the binary is GOARCH=%s", arch, b.Build.GOARCH),
			Evidence: []string{"image config architecture " + arch, "build info GOARCH=" + b.Build.GOARCH},
			Runtime:  "exec format error (unless the host emulates " + b.Build.GOARCH + " with binfmt_misc)"}
		v.Compatible = false
	}
	r.Verdicts = append(r.Verdicts, v)
	if explicitTargets {
		for _, t := range targets {
			r.Verdicts = append(r.Verdicts, judgePreset(b, t))
		}
	}
	return nil
}

func envMap(env []string) map[string]string {
	m := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return m
}
