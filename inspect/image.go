package inspect

import (
	"archive/tar"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/scratchvet/scratchvet/target"
)

// blobRef names a file inside an image: a path relative to an OCI layout
// directory, or a member name of a docker save archive.
type blobRef string

// blobStore opens the files of an image, wherever they are stored.
type blobStore interface {
	open(ref blobRef) (io.ReadCloser, error)
}

// dirStore is an OCI image layout directory.
type dirStore struct{ dir string }

func (s dirStore) open(ref blobRef) (io.ReadCloser, error) {
	clean := path.Clean("/" + string(ref))
	f, err := os.Open(filepath.Join(s.dir, filepath.FromSlash(clean)))
	if err != nil {
		return nil, badInput("image file %s: %v", ref, err)
	}
	return f, nil
}

// tarStore is a docker save archive (or an OCI layout packed in a tar).
// Members are located once; opening one is a section read, no re-scan.
type tarStore struct {
	f       *os.File
	members map[string]tarMember
}

type tarMember struct{ offset, size int64 }

func openTarStore(f *os.File) (*tarStore, error) {
	s := &tarStore{f: f, members: map[string]tarMember{}}
	tr := tar.NewReader(f)
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, badInput("corrupt or truncated tar archive: %v", err)
		}
		if hdr.Typeflag != tar.TypeReg && hdr.Typeflag != typeRegA {
			continue
		}
		// archive/tar leaves the file positioned at the member's content.
		off, err := f.Seek(0, io.SeekCurrent)
		if err != nil {
			return nil, err
		}
		s.members[path.Clean(hdr.Name)] = tarMember{off, hdr.Size}
	}
	return s, nil
}

func (s *tarStore) open(ref blobRef) (io.ReadCloser, error) {
	m, ok := s.members[path.Clean(string(ref))]
	if !ok {
		return nil, badInput("archive member %s missing", ref)
	}
	return sectionCloser{io.NewSectionReader(s.f, m.offset, m.size)}, nil
}

// sectionCloser is a member of the archive: readable, seekable (tar
// readers skip members by seeking), nothing to close.
type sectionCloser struct{ *io.SectionReader }

func (sectionCloser) Close() error { return nil }

func (s *tarStore) has(name string) bool {
	_, ok := s.members[name]
	return ok
}

// maxJSON bounds an index, manifest or config (real ones are kilobytes).
const maxJSON = 8 << 20

func readJSON(store blobStore, ref blobRef, v any) error {
	rc, err := store.open(ref)
	if err != nil {
		return err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxJSON+1))
	if err != nil {
		return badInput("reading %s: %v", ref, err)
	}
	if len(data) > maxJSON {
		return badInput("%s: larger than the %d MiB inspect reads of an image's JSON", ref, maxJSON>>20)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return badInput("%s: invalid JSON: %v", ref, err)
	}
	return nil
}

// imageConfig is the part of the OCI/Docker image config inspect uses.
type imageConfig struct {
	OS           string `json:"os"`
	Architecture string `json:"architecture"`
	Config       struct {
		Entrypoint []string `json:"Entrypoint"`
		Cmd        []string `json:"Cmd"`
		Env        []string `json:"Env"`
		WorkingDir string   `json:"WorkingDir"`
		User       string   `json:"User"`
	} `json:"config"`
}

// image is a loaded container image.
type image struct {
	format string // "docker-archive" or "oci-layout"
	ref    string // a tag or ref name, when recorded
	config imageConfig
	tree   *rootTree
}

// dockerManifest is one entry of a docker save manifest.json.
type dockerManifest struct {
	Config   string   `json:"Config"`
	RepoTags []string `json:"RepoTags"`
	Layers   []string `json:"Layers"`
}

func loadDockerArchive(f *os.File) (*image, error) {
	store, err := openTarStore(f)
	if err != nil {
		return nil, err
	}
	if !store.has("manifest.json") {
		if store.has("index.json") {
			return loadOCI(store, "oci-archive")
		}
		return nil, badInput("tar archive without manifest.json or index.json: not a docker save archive or OCI image")
	}
	var manifests []dockerManifest
	if err := readJSON(store, "manifest.json", &manifests); err != nil {
		return nil, err
	}
	if len(manifests) == 0 {
		return nil, badInput("manifest.json lists no image")
	}
	m := manifests[0]
	img := &image{format: "docker-archive"}
	if len(m.RepoTags) > 0 {
		img.ref = m.RepoTags[0]
	}
	if err := readJSON(store, blobRef(m.Config), &img.config); err != nil {
		return nil, err
	}
	var layers []blobRef
	for _, l := range m.Layers {
		layers = append(layers, blobRef(l))
	}
	if img.tree, err = newRootTree(store, layers); err != nil {
		return nil, err
	}
	return img, nil
}

// OCI descriptors, index and manifest (image-spec v1.1), reduced.
type ociDescriptor struct {
	MediaType   string            `json:"mediaType"`
	Digest      string            `json:"digest"`
	Platform    *ociPlatform      `json:"platform"`
	Annotations map[string]string `json:"annotations"`
}

type ociPlatform struct {
	OS           string `json:"os"`
	Architecture string `json:"architecture"`
}

type ociIndex struct {
	MediaType string          `json:"mediaType"`
	Manifests []ociDescriptor `json:"manifests"`
	// A manifest, when a descriptor actually pointed at one.
	Config *ociDescriptor  `json:"config"`
	Layers []ociDescriptor `json:"layers"`
}

func blobPath(digest string) (blobRef, error) {
	alg, hex, ok := strings.Cut(digest, ":")
	if !ok || alg == "" || hex == "" || strings.ContainsAny(digest, "/\\") {
		return "", badInput("invalid digest %q", digest)
	}
	return blobRef("blobs/" + alg + "/" + hex), nil
}

// loadOCI reads an OCI image layout: index.json, then (through nested
// indexes) the linux/amd64 manifest, preferring it over other platforms.
func loadOCI(store blobStore, format string) (*image, error) {
	var idx ociIndex
	if err := readJSON(store, "index.json", &idx); err != nil {
		return nil, err
	}
	img := &image{format: format}
	for depth := 0; ; depth++ {
		if idx.Config != nil {
			break
		}
		if depth > 4 || len(idx.Manifests) == 0 {
			return nil, badInput("OCI index lists no image manifest")
		}
		d := pickManifest(idx.Manifests)
		if name := d.Annotations["org.opencontainers.image.ref.name"]; name != "" && img.ref == "" {
			img.ref = name
		}
		ref, err := blobPath(d.Digest)
		if err != nil {
			return nil, err
		}
		idx = ociIndex{}
		if err := readJSON(store, ref, &idx); err != nil {
			return nil, err
		}
	}
	cfg, err := blobPath(idx.Config.Digest)
	if err != nil {
		return nil, err
	}
	if err := readJSON(store, cfg, &img.config); err != nil {
		return nil, err
	}
	var layers []blobRef
	for _, l := range idx.Layers {
		ref, err := blobPath(l.Digest)
		if err != nil {
			return nil, err
		}
		layers = append(layers, ref)
	}
	if img.tree, err = newRootTree(store, layers); err != nil {
		return nil, err
	}
	return img, nil
}

// pickManifest prefers linux/amd64 (the platform the target presets model),
// then any linux image, skipping attestation manifests (platform unknown).
func pickManifest(ds []ociDescriptor) ociDescriptor {
	for _, want := range []func(p *ociPlatform) bool{
		func(p *ociPlatform) bool { return p != nil && p.OS == "linux" && p.Architecture == "amd64" },
		func(p *ociPlatform) bool { return p != nil && p.OS == "linux" },
		func(p *ociPlatform) bool { return p == nil },
	} {
		for _, d := range ds {
			if want(d.Platform) {
				return d
			}
		}
	}
	return ds[0]
}

// defaultPath is what Docker uses when the image sets no PATH.
const defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// lookPath resolves a command name the way the runtime does: names with a
// slash relative to WorkingDir, bare names through the image's PATH.
func (img *image) lookPath(name string) (string, bool) {
	if strings.Contains(name, "/") {
		p := name
		if !path.IsAbs(p) {
			wd := img.config.Config.WorkingDir
			if wd == "" {
				wd = "/"
			}
			p = path.Join(wd, p)
		}
		return p, img.tree.probe(p) != target.Missing
	}
	pathVar := defaultPath
	for _, kv := range img.config.Config.Env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			pathVar = v
		}
	}
	for _, dir := range strings.Split(pathVar, ":") {
		if p := path.Join("/", dir, name); img.tree.probe(p) == target.RegularFile {
			return p, true
		}
	}
	return "", false
}

// argv is the command the runtime executes: Entrypoint followed by Cmd.
func (img *image) argv() []string {
	return append(append([]string(nil), img.config.Config.Entrypoint...), img.config.Config.Cmd...)
}

// findGoBinary returns the Go binary the image runs: the entrypoint itself,
// or, when that is a wrapper (a shell, tini), the first Go binary named in
// its arguments. notes explain what was chosen.
func (img *image) findGoBinary() (b *Binary, notes []string, err error) {
	argv := img.argv()
	if len(argv) == 0 {
		return nil, nil, badInput("image config has neither Entrypoint nor Cmd: no binary to judge")
	}
	p, ok := img.lookPath(argv[0])
	if !ok {
		return nil, nil, badInput("entrypoint %q is not in the image: the container cannot start (%s)", argv[0], factNoExecDocker)
	}
	resolved, f, size, cleanup, err := img.tree.openFile(p)
	if err != nil {
		return nil, nil, err
	}
	b, firstErr := readBinary(resolved, f, size)
	cleanup()
	if firstErr == nil {
		if resolved != p {
			notes = append(notes, fmt.Sprintf("entrypoint %s is a symlink to %s", p, resolved))
		}
		return b, notes, nil
	}
	for _, arg := range argv[1:] {
		for _, word := range strings.Fields(arg) {
			if !strings.HasPrefix(word, "/") && !strings.HasPrefix(word, "./") {
				continue
			}
			cand, ok := img.lookPath(word)
			if !ok {
				continue
			}
			res, f, size, cleanup, err := img.tree.openFile(cand)
			if err != nil {
				continue
			}
			b, err := readBinary(res, f, size)
			cleanup()
			if err == nil {
				notes = append(notes, fmt.Sprintf("entrypoint %s is not a Go binary (%v); judging %s, named in its arguments", p, firstErr, res))
				return b, notes, nil
			}
		}
	}
	return nil, nil, badInput("entrypoint %s: %v", p, firstErr)
}
