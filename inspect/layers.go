package inspect

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"errors"
	"io"
	"path"
	"strings"

	"github.com/scratchvet/scratchvet/target"
)

// rootTree is the merged root filesystem of an image: the metadata of every
// path after applying the layers in order, whiteouts included. File contents
// stay in the layers; readFile fetches one when needed.
type rootTree struct {
	nodes  map[string]*treeNode
	layers []blobRef // uncompressed or gzip tar streams, bottom first
	store  blobStore
}

type nodeKind int

const (
	kindFile nodeKind = iota
	kindDir
	kindSymlink
	kindOther
)

type treeNode struct {
	kind   nodeKind
	link   string // symlink target, verbatim
	layer  int    // layer whose tar holds the content (files)
	member string // tar member name holding the content (files)
	size   int64
}

// whiteout prefixes from the OCI image spec (layer.md, "Whiteouts").
const (
	whiteoutPrefix = ".wh."
	whiteoutOpaque = ".wh..wh..opq"
)

func newRootTree(store blobStore, layers []blobRef) (*rootTree, error) {
	t := &rootTree{nodes: map[string]*treeNode{"/": {kind: kindDir}}, layers: layers, store: store}
	for i := range layers {
		if err := t.apply(i); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// openLayer returns the layer's tar stream, decompressed. Compression is
// detected from the bytes: media types are often wrong in docker archives.
func (t *rootTree) openLayer(i int) (io.Reader, io.Closer, error) {
	rc, err := t.store.open(t.layers[i])
	if err != nil {
		return nil, nil, err
	}
	br := bufio.NewReader(rc)
	magic, _ := br.Peek(4)
	switch {
	case len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
		zr, err := gzip.NewReader(br)
		if err != nil {
			rc.Close()
			return nil, nil, badInput("layer %s: bad gzip stream: %v", t.layers[i], err)
		}
		return zr, rc, nil
	case len(magic) == 4 && string(magic) == "\x28\xb5\x2f\xfd":
		rc.Close()
		return nil, nil, badInput("layer %s is zstd-compressed: not supported (the standard library has no zstd reader)", t.layers[i])
	}
	return br, rc, nil
}

type layerEntry struct {
	name string
	hdr  *tar.Header
}

// apply merges layer i: its whiteouts remove paths of the layers below, then
// its own entries are added (so an opaque directory keeps this layer's files).
func (t *rootTree) apply(i int) error {
	r, closer, err := t.openLayer(i)
	if err != nil {
		return err
	}
	defer closer.Close()
	var entries []layerEntry
	var removals, opaque []string
	tr := tar.NewReader(r)
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return badInput("layer %s: corrupt tar: %v", t.layers[i], err)
		}
		name := cleanAbs(hdr.Name)
		base := path.Base(name)
		switch {
		case base == whiteoutOpaque:
			opaque = append(opaque, path.Dir(name))
		case strings.HasPrefix(base, whiteoutPrefix):
			removals = append(removals, path.Join(path.Dir(name), strings.TrimPrefix(base, whiteoutPrefix)))
		default:
			entries = append(entries, layerEntry{name, hdr})
		}
	}
	for _, dir := range opaque {
		t.removeBelow(dir)
	}
	for _, p := range removals {
		t.removeBelow(p)
		delete(t.nodes, p)
	}
	for _, e := range entries {
		t.add(i, e)
	}
	return nil
}

func (t *rootTree) removeBelow(dir string) {
	prefix := strings.TrimSuffix(dir, "/") + "/"
	for p := range t.nodes {
		if strings.HasPrefix(p, prefix) {
			delete(t.nodes, p)
		}
	}
}

func (t *rootTree) add(layer int, e layerEntry) {
	if e.name == "/" {
		return
	}
	for d := path.Dir(e.name); d != "/"; d = path.Dir(d) {
		if _, ok := t.nodes[d]; !ok {
			t.nodes[d] = &treeNode{kind: kindDir}
		}
	}
	n := &treeNode{layer: layer, member: e.hdr.Name, size: e.hdr.Size}
	switch e.hdr.Typeflag {
	case tar.TypeDir:
		n.kind = kindDir
	case tar.TypeSymlink:
		n.kind, n.link = kindSymlink, e.hdr.Linkname
	case tar.TypeLink:
		// A hard link names an earlier member; share its content.
		target, ok := t.nodes[cleanAbs(e.hdr.Linkname)]
		if !ok {
			return
		}
		copied := *target
		n = &copied
	case tar.TypeReg, typeRegA:
		n.kind = kindFile
	default:
		n.kind = kindOther
	}
	if old, ok := t.nodes[e.name]; ok && old.kind == kindDir && n.kind != kindDir {
		t.removeBelow(e.name)
	}
	t.nodes[e.name] = n
}

func cleanAbs(name string) string {
	return path.Clean("/" + name)
}

// resolve follows symlinks inside the image.
func (t *rootTree) resolve(p string) (string, *treeNode, bool) {
	resolved, ok := target.ResolveInRoot(p, func(q string) (string, bool) {
		n, ok := t.nodes[q]
		if !ok {
			return "", false
		}
		if n.kind == kindSymlink {
			return n.link, true
		}
		return "", true
	})
	if !ok {
		return "", nil, false
	}
	return resolved, t.nodes[resolved], true
}

// probe is the tree as a target.RootProbe.
func (t *rootTree) probe(p string) target.PathKind {
	_, n, ok := t.resolve(p)
	if !ok {
		return target.Missing
	}
	switch n.kind {
	case kindFile:
		return target.RegularFile
	case kindDir:
		return target.Directory
	}
	return target.OtherFile
}

// maxBinarySize bounds what readFile loads into memory.
const maxBinarySize = 1 << 30

// readFile returns the content of the regular file at p (after symlinks).
func (t *rootTree) readFile(p string) (string, []byte, error) {
	resolved, n, ok := t.resolve(p)
	if !ok {
		return "", nil, badInput("%s: no such file in the image", p)
	}
	if n.kind != kindFile {
		return "", nil, badInput("%s: not a regular file in the image", p)
	}
	if n.size > maxBinarySize {
		return "", nil, badInput("%s: %d bytes, larger than the 1 GiB inspect reads", p, n.size)
	}
	r, closer, err := t.openLayer(n.layer)
	if err != nil {
		return "", nil, err
	}
	defer closer.Close()
	tr := tar.NewReader(r)
	for {
		hdr, err := tr.Next()
		if err != nil {
			return "", nil, badInput("%s: member %s not found again in layer %s: %v", p, n.member, t.layers[n.layer], err)
		}
		if hdr.Name == n.member {
			data, err := io.ReadAll(tr)
			if err != nil {
				return "", nil, badInput("%s: reading layer %s: %v", p, t.layers[n.layer], err)
			}
			return resolved, data, nil
		}
	}
}

// typeRegA is the pre-POSIX regular-file type flag ('\x00'), still found in
// layers written by old tools (tar.TypeRegA, deprecated in name only).
const typeRegA = '\x00'
