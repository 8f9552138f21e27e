package inspect

import (
	"bytes"
	"debug/buildinfo"
	"debug/elf"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/scratchvet/scratchvet/target"
)

// Binary is everything inspect learned from one Go executable. Every field
// is documented in docs/inspect.md (JSON schema).
type Binary struct {
	Path        string   `json:"path"`
	Size        int64    `json:"size"`
	GoVersion   string   `json:"go_version"`
	MainPackage string   `json:"main_package"`
	MainModule  Module   `json:"main_module"`
	Build       Build    `json:"build"`
	Deps        []Module `json:"deps"`
	ELF         ELFInfo  `json:"elf"`
	Libc        LibcInfo `json:"libc"`
	Markers     []Marker `json:"markers"`
	// CgoPackages are the packages holding cgo call stubs (_Cfunc_/_C2func_
	// functions): what made the binary need a C toolchain.
	CgoPackages []string `json:"cgo_packages"`
	// Caveats are the limits of what the build info can tell (docs/FACTS.md#reading-a-binary).
	Caveats []string `json:"caveats"`
}

// Module is one module from the build info.
type Module struct {
	Path    string `json:"path"`
	Version string `json:"version"`
}

// Build holds the build settings recorded by the go command.
type Build struct {
	GOOS           string    `json:"goos"`
	GOARCH         string    `json:"goarch"`
	CgoEnabled     string    `json:"cgo_enabled"` // "0", "1", or "" when not recorded
	Tags           []string  `json:"tags"`
	Ldflags        string    `json:"ldflags"`
	Buildmode      string    `json:"buildmode"`
	Trimpath       bool      `json:"trimpath"`
	DefaultGODEBUG string    `json:"default_godebug"`
	Settings       []Setting `json:"settings"` // every "build" line, verbatim
}

// Setting is one raw build setting.
type Setting struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// ELFInfo is what the ELF headers say about loading the binary.
type ELFInfo struct {
	Type    string   `json:"type"`    // "EXEC" or "DYN"
	Machine string   `json:"machine"` // e.g. "EM_X86_64"
	Interp  string   `json:"interp"`  // PT_INTERP, "" when none
	Needed  []string `json:"needed"`  // DT_NEEDED
	RunPath []string `json:"runpath"` // DT_RUNPATH or DT_RPATH entries
	// Linkage is "static", "static-pie" (ET_DYN, PT_DYNAMIC, no PT_INTERP)
	// or "dynamic" (has PT_INTERP).
	Linkage   string `json:"linkage"`
	HasSymtab bool   `json:"has_symtab"` // false after -s or strip
	// LibcImports are the dynamic imports that matter to the checks
	// (getaddrinfo, getpwuid_r, ..., dlopen).
	LibcImports []string `json:"libc_imports"`
}

// LibcInfo says which C library the binary contains or needs.
type LibcInfo struct {
	Flavour target.Libc `json:"flavour"` // "none", "glibc", "musl", or "unknown"
	Linkage string      `json:"linkage"` // "none", "static" or "dynamic"
	// Summary uses the wording of the inspection table (testdata/facts_appendix.md), e.g. "static glibc",
	// "none (pure Go)", "no libc, but needs loader /lib64/ld-linux-x86-64.so.2".
	Summary  string   `json:"summary"`
	Evidence []string `json:"evidence"`
}

// unknownLibc marks an interpreter or static C library inspect cannot name.
const unknownLibc target.Libc = "unknown"

// interestingImports are the libc functions whose dynamic import is evidence
// for a marker of the inspection table.
var interestingImports = []string{
	"getaddrinfo", "getnameinfo", "getpwuid_r", "getpwnam_r", "getgrgid_r",
	"getgrnam_r", "getgrouplist", "dlopen",
}

// inputError is bad input: the file cannot be judged. It maps to exit 3.
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }

func badInput(format string, args ...any) error {
	return &inputError{msg: fmt.Sprintf(format, args...)}
}

// readBinary inspects the executable in r (size bytes). name is used in
// messages. The file is never read whole: the ELF and build info readers
// read through a budget (budgetReader), and the string searches stream.
func readBinary(name string, r io.ReaderAt, size int64) (*Binary, error) {
	if size > maxBinarySize {
		return nil, badInput("%d bytes, larger than the %d MiB inspect reads", size, maxBinarySize>>20)
	}
	head := make([]byte, min(size, 4096))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil, badInput("reading: %v", err)
	}
	br := &budgetReader{r: r, left: maxStructuredRead}
	if err := sniffExecutable(head, br); err != nil {
		return nil, err
	}
	if err := checkELFHeaders(r, size); err != nil {
		return nil, err
	}
	ef, err := elf.NewFile(br)
	if err != nil {
		return nil, badInput("truncated or corrupt ELF file: %v", err)
	}
	defer ef.Close()
	elfInfo, err := readELF(ef)
	if err != nil {
		return nil, err
	}
	bi, err := buildinfo.Read(br)
	if err != nil {
		if br.exceeded() {
			return nil, br.err()
		}
		return nil, badInput("ELF file but not a Go binary (no readable Go build info: %v)", err)
	}
	b := &Binary{Path: name, Size: size, GoVersion: bi.GoVersion,
		MainPackage: bi.Path, MainModule: Module{bi.Main.Path, bi.Main.Version}}
	b.Build = readBuildSettings(bi)
	if b.Build.GOOS != "" && b.Build.GOOS != "linux" {
		return nil, badInput("ELF Go binary for GOOS=%s: only linux ELF binaries are judged", b.Build.GOOS)
	}
	for _, d := range bi.Deps {
		m := Module{d.Path, d.Version}
		if d.Replace != nil {
			m.Version = d.Replace.Version
		}
		b.Deps = append(b.Deps, m)
	}
	b.ELF = elfInfo
	fns, err := readFuncTable(ef)
	if err != nil {
		if br.exceeded() {
			return nil, br.err()
		}
		return nil, err
	}
	text := &fileText{r: r, size: size}
	b.CgoPackages = fns.cgoPackages()
	b.Markers = findMarkers(b, fns, text)
	b.Libc = classifyLibc(b.ELF, ef, text)
	b.Caveats = buildCaveats(b)
	b.fillEmpty()
	return b, nil
}

// fillEmpty turns nil lists into empty ones so -json always prints [] for
// "none found" rather than null (docs/inspect.md promises lists).
func (b *Binary) fillEmpty() {
	for _, l := range []*[]string{&b.Build.Tags, &b.ELF.Needed, &b.ELF.RunPath, &b.ELF.LibcImports,
		&b.CgoPackages, &b.Caveats, &b.Libc.Evidence} {
		if *l == nil {
			*l = []string{}
		}
	}
	if b.Deps == nil {
		b.Deps = []Module{}
	}
	if b.Markers == nil {
		b.Markers = []Marker{}
	}
	if b.Build.Settings == nil {
		b.Build.Settings = []Setting{}
	}
}

// sniffExecutable rejects what is not an ELF file, naming what it is.
func sniffExecutable(head []byte, r io.ReaderAt) error {
	switch {
	case bytes.HasPrefix(head, []byte(elf.ELFMAG)):
		return nil
	case bytes.HasPrefix(head, []byte("MZ")):
		return foreignExecutable("PE (Windows)", r)
	case isMachO(head):
		return foreignExecutable("Mach-O (macOS/iOS)", r)
	}
	return badInput("not an ELF executable, docker save archive or OCI image layout (starts with %q)", prefix(head, 8))
}

func isMachO(data []byte) bool {
	for _, magic := range [][]byte{
		{0xfe, 0xed, 0xfa, 0xce}, {0xfe, 0xed, 0xfa, 0xcf}, // big-endian 32/64
		{0xce, 0xfa, 0xed, 0xfe}, {0xcf, 0xfa, 0xed, 0xfe}, // little-endian 32/64
		{0xca, 0xfe, 0xba, 0xbe}, // universal (fat) binary
	} {
		if bytes.HasPrefix(data, magic) {
			return true
		}
	}
	return false
}

// foreignExecutable explains a non-ELF executable, naming its Go build if it
// is one: the verdicts model linux root filesystems only.
func foreignExecutable(kind string, r io.ReaderAt) error {
	bi, err := buildinfo.Read(r)
	if err != nil {
		return badInput("%s executable, not a Go binary inspect can read (%v); only linux ELF binaries are judged", kind, err)
	}
	s := readBuildSettings(bi)
	return badInput("%s Go binary (%s %s/%s): only linux ELF binaries are judged", kind, bi.GoVersion, s.GOOS, s.GOARCH)
}

func prefix(data []byte, n int) []byte {
	if len(data) < n {
		return data
	}
	return data[:n]
}

func readBuildSettings(bi *buildinfo.BuildInfo) Build {
	var b Build
	for _, s := range bi.Settings {
		b.Settings = append(b.Settings, Setting{s.Key, s.Value})
		switch s.Key {
		case "GOOS":
			b.GOOS = s.Value
		case "GOARCH":
			b.GOARCH = s.Value
		case "CGO_ENABLED":
			b.CgoEnabled = s.Value
		case "-tags":
			b.Tags = strings.Split(s.Value, ",")
		case "-ldflags":
			b.Ldflags = s.Value
		case "-buildmode":
			b.Buildmode = s.Value
		case "-trimpath":
			b.Trimpath = s.Value == "true"
		case "DefaultGODEBUG":
			b.DefaultGODEBUG = s.Value
		}
	}
	return b
}

func readELF(ef *elf.File) (ELFInfo, error) {
	info := ELFInfo{Machine: ef.Machine.String()}
	switch ef.Type {
	case elf.ET_EXEC:
		info.Type = "EXEC"
	case elf.ET_DYN:
		info.Type = "DYN"
	default:
		return info, badInput("ELF file of type %v is not an executable", ef.Type)
	}
	hasDynamic := false
	for _, p := range ef.Progs {
		switch p.Type {
		case elf.PT_INTERP:
			// The kernel refuses an interpreter path longer than PATH_MAX
			// (binfmt_elf: ENOEXEC); a crafted size must not be allocated.
			if p.Filesz < 2 || p.Filesz > maxNameLen {
				return info, badInput("PT_INTERP of %d bytes: not an interpreter path (the kernel refuses the binary: exec format error)", p.Filesz)
			}
			raw := make([]byte, p.Filesz)
			if _, err := p.ReadAt(raw, 0); err != nil {
				return info, badInput("truncated ELF file: reading PT_INTERP: %v", err)
			}
			info.Interp = string(bytes.TrimRight(raw, "\x00"))
		case elf.PT_DYNAMIC:
			hasDynamic = true
		}
	}
	switch {
	case info.Interp != "":
		info.Linkage = "dynamic"
	case ef.Type == elf.ET_DYN && hasDynamic:
		info.Linkage = "static-pie"
	default:
		info.Linkage = "static"
	}
	if hasDynamic {
		var err error
		if info.Needed, err = ef.ImportedLibraries(); err != nil {
			return info, badInput("truncated ELF file: reading DT_NEEDED: %v", err)
		}
		for _, tag := range []elf.DynTag{elf.DT_RUNPATH, elf.DT_RPATH} {
			vals, _ := ef.DynString(tag)
			for _, v := range vals {
				info.RunPath = append(info.RunPath, strings.Split(v, ":")...)
			}
		}
		syms, _ := ef.ImportedSymbols()
		seen := map[string]bool{}
		for _, s := range syms {
			for _, want := range interestingImports {
				if s.Name == want && !seen[want] {
					seen[want] = true
					info.LibcImports = append(info.LibcImports, want)
				}
			}
		}
		sort.Strings(info.LibcImports)
	}
	info.HasSymtab = ef.Section(".symtab") != nil
	return info, nil
}

// interpLibc names the C library an ELF interpreter belongs to.
func interpLibc(interp string) target.Libc {
	base := interp[strings.LastIndex(interp, "/")+1:]
	switch {
	case interp == "":
		return target.NoLibc
	case strings.HasPrefix(base, "ld-musl-"):
		return target.Musl
	case strings.HasPrefix(base, "ld-linux"):
		return target.Glibc
	}
	return unknownLibc
}

// isLibcSoname reports whether a DT_NEEDED entry is the C library itself
// (glibc's libc.so.6, musl's libc.so as Debian's musl-gcc links it, or
// Alpine's libc.musl-ARCH.so.1).
func isLibcSoname(name string) bool {
	return name == "libc.so.6" || name == "libc.so" || strings.HasPrefix(name, "libc.musl-")
}

// classifyLibc decides the libc flavour: from PT_INTERP when dynamic, from
// glibc's .note.ABI-tag / GLIBC_TUNABLES or musl's "No error information"
// string when static (docs/FACTS.md#reading-a-binary).
func classifyLibc(e ELFInfo, ef *elf.File, text *fileText) LibcInfo {
	if e.Interp != "" {
		flavour := interpLibc(e.Interp)
		needsLibc := false
		for _, n := range e.Needed {
			needsLibc = needsLibc || isLibcSoname(n)
		}
		ev := []string{"PT_INTERP " + e.Interp}
		if !needsLibc {
			return LibcInfo{Flavour: target.NoLibc, Linkage: "none", Evidence: append(ev, "no libc in DT_NEEDED"),
				Summary: "no libc, but needs loader " + e.Interp}
		}
		ev = append(ev, "DT_NEEDED "+strings.Join(e.Needed, ", "))
		return LibcInfo{Flavour: flavour, Linkage: "dynamic", Summary: "dynamic " + string(flavour), Evidence: ev}
	}
	var glibcEv, muslEv []string
	if ef.Section(".note.ABI-tag") != nil {
		glibcEv = append(glibcEv, "section .note.ABI-tag")
	}
	if text.contains("GLIBC_TUNABLES") {
		glibcEv = append(glibcEv, `string "GLIBC_TUNABLES"`)
	}
	if text.contains("No error information") {
		muslEv = append(muslEv, `string "No error information"`)
	}
	switch {
	case len(glibcEv) > 0:
		return LibcInfo{Flavour: target.Glibc, Linkage: "static", Summary: "static glibc", Evidence: glibcEv}
	case len(muslEv) > 0:
		return LibcInfo{Flavour: target.Musl, Linkage: "static", Summary: "static musl", Evidence: muslEv}
	}
	return LibcInfo{Flavour: target.NoLibc, Linkage: "none", Summary: "none (pure Go)",
		Evidence: []string{"no PT_INTERP, no glibc or musl signature"}}
}

// buildCaveats lists what the build info hides for this binary.
func buildCaveats(b *Binary) []string {
	c := []string{"CC is never recorded in build info: a musl-gcc build looks like a glibc one; the libc verdict comes from the ELF file"}
	if b.Build.Trimpath {
		c = append(c, "-trimpath removes -ldflags and CGO_* flags from build info: a static link is visible only in the ELF file")
	}
	if b.Build.CgoEnabled == "1" && b.ELF.Linkage == "static" && b.Libc.Linkage == "none" {
		c = append(c, "CGO_ENABLED=1 but no package uses cgo, so the binary is static anyway")
	}
	return c
}
