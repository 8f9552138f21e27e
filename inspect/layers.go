package inspect

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/scratchvet/scratchvet/target"
)

// rootTree is the merged root filesystem of an image: the metadata of every
// path after applying the layers in order, whiteouts included. File contents
// stay in the layers; openFile fetches one when needed.
//
// Hostile layers are bounded: the tree holds at most maxTreeEntries tar
// members and maxTreeNameBytes of names over all layers, each name at most
// maxNameLen bytes, and removing a directory costs the size of what it
// holds (whiteouts are linear, not a scan of the tree each).
type rootTree struct {
	nodes  map[string]*treeNode
	layers []blobRef // uncompressed or gzip tar streams, bottom first
	store  blobStore

	entries, nameBytes int // tar members read so far, and the bytes of their names
}

type nodeKind int

const (
	kindFile nodeKind = iota
	kindDir
	kindSymlink
	kindOther
)

type treeNode struct {
	kind     nodeKind
	link     string              // symlink target, verbatim
	layer    int                 // layer whose tar holds the content (files)
	member   int                 // index of the tar member holding the content (files)
	size     int64               // content size (files)
	children map[string]struct{} // base names of the entries below (directories)
}

// whiteout prefixes from the OCI image spec (layer.md, "Whiteouts").
const (
	whiteoutPrefix = ".wh."
	whiteoutOpaque = ".wh..wh..opq"
)

// Limits on what a layer may make inspect hold in memory.
const (
	maxTreeEntries   = 1 << 20  // tar members over all layers
	maxTreeNameBytes = 64 << 20 // bytes of member and link names over all layers
	maxNameLen       = 4096     // Linux's PATH_MAX: no runtime can create a longer path
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
// An uncompressed layer stays seekable, so that the tar reader skips the
// content of members it does not need instead of reading it.
func (t *rootTree) openLayer(i int) (io.Reader, io.Closer, error) {
	rc, err := t.store.open(t.layers[i])
	if err != nil {
		return nil, nil, err
	}
	var br *bufio.Reader
	var magic []byte
	if rs, ok := rc.(io.ReadSeeker); ok {
		var head [4]byte
		n, _ := io.ReadFull(rs, head[:])
		if _, err := rs.Seek(0, io.SeekStart); err != nil {
			rc.Close()
			return nil, nil, badInput("layer %s: %v", t.layers[i], err)
		}
		magic = head[:n]
		if !isCompressed(magic) {
			return rs, rc, nil
		}
		br = bufio.NewReader(rs)
	} else {
		br = bufio.NewReader(rc)
		magic, _ = br.Peek(4)
	}
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

func isCompressed(magic []byte) bool {
	return (len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) || string(magic) == "\x28\xb5\x2f\xfd"
}

// layerEntry is what the tree keeps of a tar member.
type layerEntry struct {
	name     string // cleaned absolute path
	index    int    // the member's index in the layer's tar stream
	typeflag byte
	link     string
	size     int64
}

// apply merges layer i: its whiteouts remove paths of the layers below, then
// its own entries are added in the archive's order (so an opaque directory
// keeps this layer's files, and of two members with the same path the last
// wins, as an unpacking runtime leaves them).
func (t *rootTree) apply(i int) error {
	r, closer, err := t.openLayer(i)
	if err != nil {
		return err
	}
	defer closer.Close()
	var entries []layerEntry
	var removals, opaque []string
	tr := tar.NewReader(r)
	for index := 0; ; index++ {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return badInput("layer %s: corrupt tar: %v", t.layers[i], err)
		}
		if err := t.count(i, hdr); err != nil {
			return err
		}
		name := cleanAbs(hdr.Name)
		base := path.Base(name)
		switch {
		case base == whiteoutOpaque:
			opaque = append(opaque, path.Dir(name))
		case strings.HasPrefix(base, whiteoutPrefix):
			removals = append(removals, path.Join(path.Dir(name), strings.TrimPrefix(base, whiteoutPrefix)))
		default:
			entries = append(entries, layerEntry{name: name, index: index, typeflag: hdr.Typeflag, link: hdr.Linkname, size: hdr.Size})
		}
	}
	for _, dir := range opaque {
		if n, ok := t.nodes[dir]; ok {
			t.removeChildren(dir, n)
		}
	}
	for _, p := range removals {
		t.remove(p)
	}
	for _, e := range entries {
		t.add(i, e)
	}
	return nil
}

// count charges a member to the tree's budget.
func (t *rootTree) count(layer int, hdr *tar.Header) error {
	if len(hdr.Name) > maxNameLen || len(hdr.Linkname) > maxNameLen {
		return badInput("layer %s: a member name of %d bytes: longer than a Linux path can be (%d)",
			t.layers[layer], max(len(hdr.Name), len(hdr.Linkname)), maxNameLen)
	}
	t.entries++
	t.nameBytes += len(hdr.Name) + len(hdr.Linkname)
	if t.entries > maxTreeEntries || t.nameBytes > maxTreeNameBytes {
		return badInput("layer %s: the image's layers hold more than %d files or %d MiB of file names: more than inspect reads",
			t.layers[layer], maxTreeEntries, maxTreeNameBytes>>20)
	}
	return nil
}

// remove deletes p and everything below it.
func (t *rootTree) remove(p string) {
	n, ok := t.nodes[p]
	if !ok || p == "/" {
		return
	}
	t.removeChildren(p, n)
	delete(t.nodes, p)
	if parent, ok := t.nodes[path.Dir(p)]; ok {
		delete(parent.children, path.Base(p))
	}
}

// removeChildren deletes everything below the directory dir (node n).
func (t *rootTree) removeChildren(dir string, n *treeNode) {
	for name := range n.children {
		child := path.Join(dir, name)
		if c, ok := t.nodes[child]; ok {
			t.removeChildren(child, c)
			delete(t.nodes, child)
		}
	}
	n.children = nil
}

// mkdirAll makes sure dir and its parents exist in the tree, creating the
// missing ones as directories, and returns dir's node. A parent that exists
// as something else (a symlink: a runtime would follow it) stays as it is,
// as before; what is added below it is still removed with it.
func (t *rootTree) mkdirAll(dir string) *treeNode {
	if n, ok := t.nodes[dir]; ok {
		return n
	}
	parent := t.mkdirAll(path.Dir(dir))
	n := &treeNode{kind: kindDir}
	t.nodes[dir] = n
	t.link(parent, dir)
	return n
}

func (t *rootTree) link(parent *treeNode, p string) {
	if parent.children == nil {
		parent.children = map[string]struct{}{}
	}
	parent.children[path.Base(p)] = struct{}{}
}

func (t *rootTree) add(layer int, e layerEntry) {
	if e.name == "/" {
		return
	}
	n := &treeNode{layer: layer, member: e.index, size: e.size}
	switch e.typeflag {
	case tar.TypeDir:
		n.kind = kindDir
	case tar.TypeSymlink:
		n.kind, n.link = kindSymlink, e.link
	case tar.TypeLink:
		// A hard link names an earlier member; share its content.
		target, ok := t.nodes[cleanAbs(e.link)]
		if !ok || target.kind == kindDir {
			return
		}
		copied := *target
		n = &copied
	case tar.TypeReg, typeRegA:
		n.kind = kindFile
	default:
		n.kind = kindOther
	}
	parent := t.mkdirAll(path.Dir(e.name))
	if old, ok := t.nodes[e.name]; ok {
		if old.kind == kindDir && n.kind == kindDir {
			return // a directory again: it keeps what it holds
		}
		t.remove(e.name)
	}
	t.nodes[e.name] = n
	t.link(parent, e.name)
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

// openFile returns the content of the regular file at p (after symlinks),
// copied from its layer into a temporary file: a layer is a stream (often
// compressed), and a binary is read at random offsets, never whole into
// memory. cleanup closes and removes the temporary file.
func (t *rootTree) openFile(p string) (resolved string, f *os.File, size int64, cleanup func(), err error) {
	resolved, n, ok := t.resolve(p)
	if !ok {
		return "", nil, 0, nil, badInput("%s: no such file in the image", p)
	}
	if n.kind != kindFile {
		return "", nil, 0, nil, badInput("%s: not a regular file in the image", p)
	}
	if n.size > maxBinarySize {
		return "", nil, 0, nil, badInput("%s: %d bytes, larger than the %d MiB inspect reads", p, n.size, maxBinarySize>>20)
	}
	r, closer, err := t.openLayer(n.layer)
	if err != nil {
		return "", nil, 0, nil, err
	}
	defer closer.Close()
	tr := tar.NewReader(r)
	for index := 0; index < n.member; index++ {
		if _, err := tr.Next(); err != nil {
			return "", nil, 0, nil, badInput("%s: layer %s changed while it was read: %v", p, t.layers[n.layer], err)
		}
	}
	if _, err := tr.Next(); err != nil {
		return "", nil, 0, nil, badInput("%s: layer %s changed while it was read: %v", p, t.layers[n.layer], err)
	}
	f, err = os.CreateTemp("", "scratchvet-inspect-*")
	if err != nil {
		return "", nil, 0, nil, fmt.Errorf("%s: a temporary copy: %w", p, err)
	}
	cleanup = func() {
		f.Close()
		os.Remove(f.Name())
	}
	written, err := io.Copy(f, io.LimitReader(tr, n.size))
	if err == nil && written != n.size {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		cleanup()
		return "", nil, 0, nil, badInput("%s: reading layer %s: %v", p, t.layers[n.layer], err)
	}
	return resolved, f, n.size, cleanup, nil
}

// typeRegA is the pre-POSIX regular-file type flag ('\x00'), still found in
// layers written by old tools (tar.TypeRegA, deprecated in name only).
const typeRegA = '\x00'
