package inspect

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
)

// Limits that keep inspect's memory bounded whatever a file claims
// (docs/inspect.md, "Hostile input"). A binary is never read whole: the
// ELF, build info and pclntab readers of the standard library allocate what
// the headers say, so they read through a budget; string searches stream.
const (
	// maxBinarySize is the largest executable inspect judges, on disk or
	// in an image (the largest Go binaries are a few hundred MiB).
	maxBinarySize = 1 << 30
	// maxStructuredRead bounds the bytes the ELF, build info and pclntab
	// readers may read from one binary (sections they keep in memory).
	maxStructuredRead = 256 << 20
	// maxSections bounds the ELF section header table.
	maxSections = 1 << 16
	// maxSectionNames bounds the section name table, which debug/elf
	// reads whole.
	maxSectionNames = 1 << 20
)

// budgetReader is an io.ReaderAt that fails once more than left bytes
// have been read through it: a crafted size in a header then costs at most
// the budget, not the claimed size.
type budgetReader struct {
	r    io.ReaderAt
	left int64
	over bool
}

var errBudget = errors.New("read budget exceeded")

func (b *budgetReader) ReadAt(p []byte, off int64) (int, error) {
	if int64(len(p)) > b.left {
		b.over = true
		return 0, errBudget
	}
	n, err := b.r.ReadAt(p, off)
	b.left -= int64(n)
	return n, err
}

func (b *budgetReader) exceeded() bool { return b.over }

func (b *budgetReader) err() error {
	return badInput("its headers make inspect read more than %d MiB: corrupt or crafted", maxStructuredRead>>20)
}

// fileText searches the bytes of a file without holding them. The strings
// inspect looks for are found in one pass over the file, on first use.
type fileText struct {
	r     io.ReaderAt
	size  int64
	found map[string]bool
}

// searchedStrings are the strings contains may be asked about.
var searchedStrings = []string{"GLIBC_TUNABLES", "No error information", "plugin: not implemented"}

// contains reports whether s, one of searchedStrings, occurs in the file.
func (t *fileText) contains(s string) bool {
	if t == nil {
		return false
	}
	if t.found == nil {
		t.found = t.scan()
	}
	return t.found[s]
}

func (t *fileText) scan() map[string]bool {
	found := map[string]bool{}
	const chunk = 1 << 20
	overlap := 0
	for _, s := range searchedStrings {
		overlap = max(overlap, len(s)-1)
	}
	buf := make([]byte, chunk+overlap)
	for off := int64(0); off < t.size && len(found) < len(searchedStrings); off += chunk {
		n, err := t.r.ReadAt(buf[:min(int64(len(buf)), t.size-off)], off)
		for _, s := range searchedStrings {
			if !found[s] && bytes.Contains(buf[:n], []byte(s)) {
				found[s] = true
			}
		}
		if err != nil && err != io.EOF {
			break
		}
	}
	return found
}

// checkELFHeaders refuses an ELF file whose section header table or
// section name table is larger than any real binary's, before debug/elf
// allocates them.
func checkELFHeaders(r io.ReaderAt, size int64) error {
	var ident [64]byte
	if n, _ := r.ReadAt(ident[:], 0); n < 52 {
		return badInput("truncated or corrupt ELF file: %d bytes", n)
	}
	var order binary.ByteOrder
	switch ident[5] {
	case 1:
		order = binary.LittleEndian
	case 2:
		order = binary.BigEndian
	default:
		return nil // debug/elf reports it
	}
	var shoff uint64
	var shentsize, shnum, shstrndx uint16
	switch ident[4] {
	case 1: // ELFCLASS32
		shoff = uint64(order.Uint32(ident[32:]))
		shentsize, shnum, shstrndx = order.Uint16(ident[46:]), order.Uint16(ident[48:]), order.Uint16(ident[50:])
	case 2: // ELFCLASS64
		shoff = order.Uint64(ident[40:])
		shentsize, shnum, shstrndx = order.Uint16(ident[58:]), order.Uint16(ident[60:]), order.Uint16(ident[62:])
	default:
		return nil
	}
	if shoff == 0 || shentsize == 0 || shoff >= uint64(size) {
		return nil
	}
	// sectionSize reads the size field of section header i.
	sectionSize := func(i uint64) (uint64, bool) {
		var buf [8]byte
		off := shoff + i*uint64(shentsize)
		if ident[4] == 1 {
			if _, err := r.ReadAt(buf[:4], int64(off+20)); err != nil {
				return 0, false
			}
			return uint64(order.Uint32(buf[:4])), true
		}
		if _, err := r.ReadAt(buf[:], int64(off+32)); err != nil {
			return 0, false
		}
		return order.Uint64(buf[:]), true
	}
	count := uint64(shnum)
	if count == 0 {
		// SHN_UNDEF: the real count is the size field of section 0.
		count, _ = sectionSize(0)
	}
	if count > maxSections {
		return badInput("corrupt ELF file: %d sections (inspect reads at most %d)", count, maxSections)
	}
	index := uint64(shstrndx)
	if index == 0xffff { // SHN_XINDEX: the index is in section 0's sh_link
		return nil
	}
	if index < count {
		if n, ok := sectionSize(index); ok && n > maxSectionNames {
			return badInput("corrupt ELF file: a section name table of %d bytes (inspect reads at most %d)", n, maxSectionNames)
		}
	}
	return nil
}
