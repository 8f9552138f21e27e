package inspect

import (
	"debug/elf"
	"debug/gosym"
	"sort"
	"strings"
)

// funcTable is the function and source file list from .gopclntab. Unlike the
// ELF symbol table it survives -s -w and strip(1) (docs/FACTS.md#reading-a-binary).
type funcTable struct {
	funcs map[string]bool
	files []string
}

func readFuncTable(ef *elf.File) (*funcTable, error) {
	sec := ef.Section(".gopclntab")
	if sec == nil {
		// Every linux ELF the Go 1.2+ linker writes has it, internal or
		// external link mode, -s or not (testdata/facts_appendix.md).
		return nil, badInput("Go build info present but no .gopclntab section: corrupt or not produced by the Go linker")
	}
	data, err := sec.Data()
	if err != nil {
		return nil, badInput("truncated ELF file: reading .gopclntab: %v", err)
	}
	var textStart uint64
	if text := ef.Section(".text"); text != nil {
		textStart = text.Addr
	}
	tab, err := newGosymTable(data, textStart)
	if err != nil {
		return nil, badInput("unreadable .gopclntab: %v", err)
	}
	ft := &funcTable{funcs: make(map[string]bool, len(tab.Funcs))}
	for _, fn := range tab.Funcs {
		ft.funcs[fn.Name] = true
	}
	for f := range tab.Files {
		ft.files = append(ft.files, f)
	}
	sort.Strings(ft.files)
	return ft, nil
}

// newGosymTable parses a pclntab. debug/gosym panics on some corrupt tables
// (index out of range while decoding), and bad input must never panic.
func newGosymTable(data []byte, textStart uint64) (tab *gosym.Table, err error) {
	defer func() {
		if r := recover(); r != nil {
			tab, err = nil, badInput("corrupt .gopclntab: %v", r)
		}
	}()
	return gosym.NewTable(nil, gosym.NewLineTable(data, textStart))
}

// withPrefix returns the sorted functions starting with prefix.
func (ft *funcTable) withPrefix(prefix string) []string {
	var out []string
	for n := range ft.funcs {
		if strings.HasPrefix(n, prefix) {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// file returns the first source file whose path ends in suffix.
func (ft *funcTable) file(suffix string) (string, bool) {
	for _, f := range ft.files {
		if f == suffix || strings.HasSuffix(f, "/"+suffix) {
			return f, true
		}
	}
	return "", false
}

// cgoPackages lists packages with cgo call stubs. The linker-generated
// _cgo_* data symbols are deliberately ignored: CGO_ENABLED=0 binaries have
// fourteen of them (docs/FACTS.md#reading-a-binary).
func (ft *funcTable) cgoPackages() []string {
	seen := map[string]bool{}
	for n := range ft.funcs {
		for _, stub := range []string{"._Cfunc_", "._C2func_"} {
			if i := strings.Index(n, stub); i > 0 {
				seen[n[:i]] = true
			}
		}
	}
	var pkgs []string
	for p := range seen {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	return pkgs
}
