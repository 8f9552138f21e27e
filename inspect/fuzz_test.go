//go:build unix

package inspect

import (
	"bytes"
	"io"
	"testing"
)

// FuzzReadBinary: any bytes read as a binary end in a result or an error,
// never a panic, and the readers never read more than the file holds
// plus the budget.
func FuzzReadBinary(f *testing.F) {
	elf := goELF(f)
	f.Add(elf[:64])
	f.Add(elf[:4096])
	f.Add(withInterp(f, elf[:8192], "/lib/ld-musl-x86_64.so.1\x00", 1<<40))
	f.Add([]byte("MZ\x00\x00"))
	f.Add(fakeMachO())
	f.Fuzz(func(t *testing.T, data []byte) {
		readBinary("fuzz", bytes.NewReader(data), int64(len(data)))
	})
}

// memStore is an image's files in memory.
type memStore map[blobRef][]byte

func (s memStore) open(ref blobRef) (io.ReadCloser, error) {
	data, ok := s[ref]
	if !ok {
		return nil, badInput("no %s", ref)
	}
	return sectionCloser{io.NewSectionReader(bytes.NewReader(data), 0, int64(len(data)))}, nil
}

// FuzzLayers: two layers of any bytes (tar, gzip or neither) make a tree
// or an error, never a panic; the binary at /app is then read.
func FuzzLayers(f *testing.F) {
	f.Add(makeLayer(f, fileEntry("app", "\x7fELF"), dirEntry("d/"), fileEntry("d/x", "1")),
		makeLayer(f, fileEntry("d/.wh.x", ""), fileEntry(".wh..wh..opq", ""), fileEntry("app", "2"), fileEntry("app", "3")))
	f.Add(gzipped(f, makeLayer(f, linkEntry("app", "/bin/x"), tarEntry{name: "bin/x", hardlink: "app"})), []byte{})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		tree, err := newRootTree(memStore{"a": a, "b": b}, []blobRef{"a", "b"})
		if err != nil {
			return
		}
		if _, f, size, cleanup, err := tree.openFile("/app"); err == nil {
			readBinary("/app", f, size)
			cleanup()
		}
	})
}
