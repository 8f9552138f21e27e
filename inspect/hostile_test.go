//go:build unix

package inspect

import (
	"archive/tar"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Crafted inputs (issue 14): each must end in a clear message and exit 3,
// or in the verdict an unpacking runtime would give, with memory bounded
// whatever the file claims. Memory is measured as the bytes allocated
// while Main runs (runtime.MemStats.TotalAlloc, an upper bound of the
// heap's growth); these tests do not run in parallel.

const hostileAllocLimit = 128 << 20

// allocated runs f and returns the bytes it allocated.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// runMain runs inspect on file and checks the exit status, that stderr
// holds want, and the memory allocated.
func runMain(t *testing.T, file string, wantExit int, want string, limit uint64) string {
	t.Helper()
	var out, errb bytes.Buffer
	code := -1
	n := allocated(func() { code = Main([]string{file}, &out, &errb) })
	if code != wantExit {
		t.Errorf("exit %d, want %d; stderr %q", code, wantExit, errb.String())
	}
	if !strings.Contains(errb.String()+out.String(), want) {
		t.Errorf("output %q, want it to contain %q", errb.String()+out.String(), want)
	}
	if n > limit {
		t.Errorf("allocated %d MiB, want at most %d MiB", n>>20, limit>>20)
	}
	t.Logf("allocated %.1f MiB", float64(n)/(1<<20))
	return out.String()
}

// programHeaders returns the offsets of an ELF64 little-endian file's
// program headers.
func programHeaders(t testing.TB, data []byte) []int {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\x7fELF\x02\x01")) {
		t.Skip("not an ELF64 little-endian test binary")
	}
	phoff := int(binary.LittleEndian.Uint64(data[32:]))
	size, num := int(binary.LittleEndian.Uint16(data[54:])), int(binary.LittleEndian.Uint16(data[56:]))
	var offs []int
	for i := 0; i < num; i++ {
		offs = append(offs, phoff+i*size)
	}
	return offs
}

// withInterp turns a PT_INTERP, or else the PT_NOTE, of a Go binary into a
// PT_INTERP of the given size, pointing at text appended to the file.
func withInterp(t testing.TB, data []byte, text string, size uint64) []byte {
	t.Helper()
	data = bytes.Clone(data)
	var at int = -1
	for _, off := range programHeaders(t, data) {
		switch binary.LittleEndian.Uint32(data[off:]) {
		case 3: // PT_INTERP
			at = off
		case 4: // PT_NOTE
			if at < 0 {
				at = off
			}
		}
	}
	if at < 0 {
		t.Skip("no PT_NOTE or PT_INTERP to rewrite")
	}
	binary.LittleEndian.PutUint32(data[at:], 3)
	binary.LittleEndian.PutUint64(data[at+8:], uint64(len(data))) // p_offset
	binary.LittleEndian.PutUint64(data[at+16:], 0)                // p_vaddr: no address the build info reader looks at
	binary.LittleEndian.PutUint64(data[at+24:], 0)                // p_paddr
	binary.LittleEndian.PutUint64(data[at+32:], size)             // p_filesz
	binary.LittleEndian.PutUint64(data[at+40:], size)             // p_memsz
	return append(data, text...)
}

// A PT_INTERP claiming 1 TiB made inspect allocate it: fatal "out of
// memory", exit 2. The kernel refuses such a binary (PATH_MAX).
func TestHostileInterpSize(t *testing.T) {
	data := withInterp(t, goELF(t), "/lib/ld-musl-x86_64.so.1\x00", 1<<40)
	runMain(t, writeTemp(t, "interp", data), ExitBadInput, "PT_INTERP of 1099511627776 bytes", hostileAllocLimit)
}

// sparseCopy writes data followed by a hole up to size bytes.
func sparseCopy(t *testing.T, data []byte, size int64) string {
	t.Helper()
	p := writeTemp(t, "sparse", data)
	if err := os.Truncate(p, size); err != nil {
		t.Fatal(err)
	}
	return p
}

// A plain binary was read whole: a 3 GiB sparse file took 3.1 GB of
// memory, 40 GiB crashed inspect.
func TestHostileHugeBinary(t *testing.T) {
	for _, size := range []int64{3 << 30, 40 << 30} {
		p := sparseCopy(t, goELF(t), size)
		runMain(t, p, ExitBadInput, fmt.Sprintf("%d bytes, larger than the 1024 MiB inspect reads", size), hostileAllocLimit)
	}
}

// A binary just under the limit is judged without being read into memory.
func TestLargeBinaryStreamed(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 1 GiB of a sparse file")
	}
	p := sparseCopy(t, goELF(t), maxBinarySize)
	var out, errb bytes.Buffer
	code := -1
	n := allocated(func() { code = Main([]string{"-json", p}, &out, &errb) })
	if code != ExitCompatible && code != ExitIncompatible {
		t.Errorf("exit %d, want a verdict; stderr %q", code, errb.String())
	}
	if n > hostileAllocLimit {
		t.Errorf("allocated %d MiB, want at most %d MiB", n>>20, hostileAllocLimit>>20)
	}
}

// A section header table or section name table of a crafted size is
// refused before debug/elf allocates it.
func TestHostileSectionHeaders(t *testing.T) {
	data := goELF(t)
	crafted := bytes.Clone(data)
	binary.LittleEndian.PutUint16(crafted[60:], 0) // e_shnum 0: the count is section 0's sh_size
	shoff := binary.LittleEndian.Uint64(crafted[40:])
	binary.LittleEndian.PutUint64(crafted[shoff+32:], 1<<40)
	runMain(t, writeTemp(t, "sections", crafted), ExitBadInput, "1099511627776 sections", hostileAllocLimit)

	crafted = bytes.Clone(data)
	strndx := uint64(binary.LittleEndian.Uint16(crafted[62:]))
	binary.LittleEndian.PutUint64(crafted[shoff+strndx*64+32:], 1<<40)
	runMain(t, writeTemp(t, "names", crafted), ExitBadInput, "a section name table of 1099511627776 bytes", hostileAllocLimit)
}

// sparseLayer writes an uncompressed layer whose members are holes of the
// given sizes (or the given content): a tar of many GiB costing nothing.
type sparseMember struct {
	name    string
	size    int64
	content []byte
}

func writeSparseLayer(t *testing.T, p string, members ...sparseMember) {
	t.Helper()
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, m := range members {
		size := m.size
		if m.content != nil {
			size = int64(len(m.content))
		}
		var hdr bytes.Buffer
		tw := tar.NewWriter(&hdr)
		if err := tw.WriteHeader(&tar.Header{Name: m.name, Mode: 0o755, Size: size, Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		f.Write(hdr.Bytes())
		f.Write(m.content)
		// The rest of the member is a hole, up to its padding.
		if _, err := f.Seek((size+511)/512*512-int64(len(m.content)), io.SeekCurrent); err != nil {
			t.Fatal(err)
		}
	}
	f.Write(make([]byte, 1024)) // end of archive
}

// writeLayoutWithLayers writes an OCI layout whose layers are the given
// files (already written), judged by their paths, not their digests.
func writeLayoutWithLayers(t *testing.T, cfg testImageConfig, layers func(dir string) []string) string {
	t.Helper()
	layout := t.TempDir()
	blobs := filepath.Join(layout, "blobs", "sha256")
	must(os.MkdirAll(blobs, 0o755))
	var descs []any
	for i, p := range layers(t.TempDir()) {
		hex := fmt.Sprintf("%064x", i+1)
		must(os.Rename(p, filepath.Join(blobs, hex)))
		descs = append(descs, map[string]any{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": "sha256:" + hex})
	}
	config := writeBlob(t, layout, "application/vnd.oci.image.config.v1+json", cfg.json(t))
	m := writeBlob(t, layout, "application/vnd.oci.image.manifest.v1+json", mustJSON(t, map[string]any{
		"schemaVersion": 2, "config": config, "layers": descs}))
	writeOCIIndex(t, layout, m)
	return layout
}

// The same path twice in one layer: a runtime unpacks both in order and
// keeps the last. inspect judged the first, so a crafted image could hide
// the binary that runs (here one needing a loader the image lacks) behind
// one that starts; and the first copy's size escaped the read limit (a
// 14 MB archive took 6.9 GB of memory).
func TestHostileDuplicateMember(t *testing.T) {
	good := goELF(t)
	bad := withInterp(t, good, "/nonexistent/ld-crafted.so.1\x00", uint64(len("/nonexistent/ld-crafted.so.1\x00")))
	cfg := testImageConfig{Entrypoint: []string{"/app"}}
	img := writeOCI(t, cfg, true, staticBase(t), makeLayer(t,
		tarEntry{name: "app", content: good}, tarEntry{name: "app", content: bad}))
	out := runMain(t, img, ExitIncompatible, "ld-crafted.so.1", hostileAllocLimit)
	if !strings.Contains(out, "will not start") {
		t.Errorf("the last copy, which needs a loader, was not judged:\n%s", out)
	}

	// The first copy is 3 GiB (a hole), the last a real binary: only the
	// last is read, and the limit applies to each copy on its own.
	sparse := writeLayoutWithLayers(t, cfg, func(dir string) []string {
		p := filepath.Join(dir, "layer.tar")
		writeSparseLayer(t, p, sparseMember{name: "app", size: 3 << 30}, sparseMember{name: "app", content: good})
		return []string{p}
	})
	var out2, errb bytes.Buffer
	n := allocated(func() { Main([]string{sparse}, &out2, &errb) })
	if strings.Contains(errb.String(), "larger than") || n > hostileAllocLimit {
		t.Errorf("allocated %d MiB, stderr %q", n>>20, errb.String())
	}
	huge := writeLayoutWithLayers(t, cfg, func(dir string) []string {
		p := filepath.Join(dir, "layer.tar")
		writeSparseLayer(t, p, sparseMember{name: "app", content: good}, sparseMember{name: "app", size: 3 << 30})
		return []string{p}
	})
	runMain(t, huge, ExitBadInput, "/app: 3221225472 bytes, larger than the 1024 MiB inspect reads", hostileAllocLimit)
}

// 80,000 whiteouts over 80,000 files took 52 s: each whiteout scanned the
// whole tree. Removing a path now costs what it holds.
func TestHostileWhiteouts(t *testing.T) {
	const n = 80000
	var files, whiteouts []tarEntry
	for i := 0; i < n; i++ {
		files = append(files, fileEntry(fmt.Sprintf("data/f%d", i), ""))
		whiteouts = append(whiteouts, fileEntry(fmt.Sprintf("data/.wh.f%d", i), ""))
	}
	files = append(files, fileEntry("data/kept", "x"))
	img := writeOCI(t, testImageConfig{Entrypoint: []string{"/app"}}, false,
		staticBase(t), makeLayer(t, files...), makeLayer(t, whiteouts...))
	var tree *rootTree
	cpu := cpuTime(t, func() {
		im, err := loadOCI(dirStore{img}, "oci-layout")
		if err != nil {
			t.Fatal(err)
		}
		tree = im.tree
	})
	t.Logf("loading the image took %v of CPU time", cpu)
	// CPU time, not wall time: the machine may be busy. Linear: well under
	// a second; quadratic: about a minute.
	if cpu > 10*time.Second {
		t.Errorf("80,000 whiteouts took %v of CPU time (quadratic)", cpu)
	}
	if _, ok := tree.nodes["/data/f1"]; ok {
		t.Error("/data/f1 survived its whiteout")
	}
	if _, ok := tree.nodes["/data/kept"]; !ok {
		t.Error("/data/kept was removed")
	}
	if d := tree.nodes["/data"]; d == nil || len(d.children) != 1 {
		t.Errorf("/data holds %v", d)
	}
}

// cpuTime returns the CPU time the process spent running f.
func cpuTime(t *testing.T, f func()) time.Duration {
	t.Helper()
	var before, after syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &before); err != nil {
		t.Fatal(err)
	}
	f()
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &after); err != nil {
		t.Fatal(err)
	}
	used := func(r syscall.Rusage) time.Duration {
		return time.Duration(r.Utime.Nano() + r.Stime.Nano())
	}
	return used(after) - used(before)
}

// Opaque directories and whiteouts of directories remove what they hold,
// and only from the layers below.
func TestWhiteoutSemantics(t *testing.T) {
	img := writeOCI(t, testImageConfig{Entrypoint: []string{"/app"}}, false,
		makeLayer(t, fileEntry("a/x", "1"), fileEntry("a/b/y", "2"), fileEntry("c/z", "3"), fileEntry("d/w", "4")),
		makeLayer(t, fileEntry("a/new", "5"), fileEntry("a/.wh..wh..opq", ""), fileEntry(".wh.c", ""),
			fileEntry("d/.wh.w", ""), fileEntry("d/w", "6")))
	im, err := loadOCI(dirStore{img}, "oci-layout")
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{"/a/x": false, "/a/b/y": false, "/a/b": false, "/a/new": true, "/a": true,
		"/c": false, "/c/z": false, "/d/w": true} {
		if _, ok := im.tree.nodes[p]; ok != want {
			t.Errorf("%s present = %v, want %v", p, ok, want)
		}
	}
	if n := im.tree.nodes["/d/w"]; n == nil || n.layer != 1 {
		t.Errorf("/d/w = %+v, want the upper layer's", n)
	}
}

// Names longer than a Linux path and more members than inspect holds are
// refused with a message, before they fill memory.
func TestHostileNames(t *testing.T) {
	long := strings.Repeat("a", maxNameLen+1)
	img := writeOCI(t, testImageConfig{Entrypoint: []string{"/app"}}, true, makeLayer(t, fileEntry(long, "")))
	runMain(t, img, ExitBadInput, "a member name of 4097 bytes", hostileAllocLimit)
}
