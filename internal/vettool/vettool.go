// Package vettool implements the protocol of `go vet -vettool=PROG`:
// -V=full and -flags handshakes, then one invocation per package with a
// JSON .cfg file.
//
// go vet runs the tool on every dependency too (VetxOnly), to compute
// facts. scratchvet's only facts are program summaries, which it computes
// for dependencies from a cheap scan of their files without type-checking
// them; the packages named on the command line are type-checked and
// analysed. The .vetx files hold the summaries as JSON.
package vettool

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/settings"
)

// config is the .cfg file go vet writes (cmd/go/internal/work.vetConfig).
type config struct {
	ID                        string
	Compiler                  string
	Dir                       string
	ImportPath                string
	GoVersion                 string
	GoFiles                   []string
	NonGoFiles                []string
	ImportMap                 map[string]string
	PackageFile               map[string]string
	Standard                  map[string]bool
	PackageVetx               map[string]string
	VetxOnly                  bool
	VetxOutput                string
	Stdout                    string
	FixArchive                string
	SucceedOnTypecheckFailure bool
	ModulePath                string
	ModuleVersion             string
}

// Invoked reports whether args are those of go vet calling a vet tool.
func Invoked(args []string) bool {
	for _, a := range args {
		if a == "-V=full" || a == "-flags" {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// Main runs the vet tool protocol and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("scratchvet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	// go vet hands its tool the go command's CGO_ENABLED whether or not
	// anyone set it (cmd/go exports its configuration to the tools it
	// runs): here it says which build was compiled (settings.LoadedWith),
	// not how a deployment is built.
	opts := settings.Options{Getenv: func(key string) string {
		if key == "CGO_ENABLED" {
			return ""
		}
		return os.Getenv(key)
	}}
	settings.RegisterFlags(fs, &opts)
	var mode outputMode
	fs.BoolVar(&mode.json, "json", false, "emit JSON output")
	fs.BoolVar(&mode.fix, "fix", false, "apply the suggested fixes (go vet -fix)")
	fs.BoolVar(&mode.diff, "diff", false, "with -fix, print the fixes as unified diffs instead")
	checks := fs.String("checks", "", "comma-separated checks to run (default: all not disabled in scratchvet.toml)")
	fs.Int("c", -1, "display offending line with this many lines of context (accepted for go vet; ignored)")
	version := fs.String("V", "", "print version and exit (-V=full)")
	printFlags := fs.Bool("flags", false, "print flags in JSON")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	switch {
	case *version != "":
		return printVersion(stdout, stderr)
	case *printFlags:
		return describeFlags(fs, stdout)
	}
	if fs.NArg() != 1 || !strings.HasSuffix(fs.Arg(0), ".cfg") {
		fmt.Fprintln(stderr, `scratchvet: a vet tool takes one .cfg file; run "go vet -vettool=$(command -v scratchvet) ./..." or "scratchvet ./..."`)
		return 2
	}
	cfg, err := readConfig(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "scratchvet: %v\n", err)
		return 1
	}
	if cfg.VetxOnly {
		if err := summariseDependency(cfg); err != nil {
			fmt.Fprintf(stderr, "scratchvet: %s: %v\n", cfg.ImportPath, err)
			return 1
		}
		return 0
	}
	if *checks != "" {
		opts.Only = strings.Split(*checks, ",")
		for i := range opts.Only {
			opts.Only[i] = strings.TrimSpace(opts.Only[i])
		}
	}
	return analyse(cfg, opts, mode, stdout, stderr)
}

func readConfig(name string) (*config, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	cfg := new(config)
	if err := json.Unmarshal(data, cfg); err != nil {
		return nil, fmt.Errorf("cannot decode vet config %s: %w", name, err)
	}
	if len(cfg.GoFiles) == 0 {
		return nil, fmt.Errorf("package %s has no files", cfg.ImportPath)
	}
	return cfg, nil
}

// printVersion answers -V=full with an ID of the executable's content,
// which the go command uses in its cache keys: the Go build ID recorded in
// the ELF note (itself a content hash, and cheap to read, since go vet asks
// on every run), or a hash of the whole file where there is none.
func printVersion(stdout, stderr io.Writer) int {
	exe, err := os.Executable()
	if err == nil {
		if id := goBuildID(exe); id != "" {
			fmt.Fprintf(stdout, "%s version devel comments-go-here buildID=%s\n", exe, id)
			return 0
		}
		var data []byte
		if data, err = os.ReadFile(exe); err == nil {
			fmt.Fprintf(stdout, "%s version devel comments-go-here buildID=%x\n", exe, sha256.Sum256(data))
			return 0
		}
	}
	fmt.Fprintf(stderr, "scratchvet: %v\n", err)
	return 1
}

// goBuildID reads the Go build ID from the ELF note section
// .note.go.buildid (namesz, descsz, type, "Go\x00\x00", id).
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	data, err := sec.Data()
	if err != nil || len(data) < 16 {
		return ""
	}
	order := f.ByteOrder
	namesz, descsz := order.Uint32(data[0:]), order.Uint32(data[4:])
	if namesz != 4 || string(data[12:16]) != "Go\x00\x00" || uint32(len(data)) < 16+descsz {
		return ""
	}
	return strings.TrimSpace(string(data[16 : 16+descsz]))
}

func describeFlags(fs *flag.FlagSet, stdout io.Writer) int {
	type jsonFlag struct {
		Name  string
		Bool  bool
		Usage string
	}
	flags := []jsonFlag{}
	fs.VisitAll(func(f *flag.Flag) {
		if f.Name == "fix" { // as unitchecker: go vet -fix passes it itself
			return
		}
		b, ok := f.Value.(interface{ IsBoolFlag() bool })
		flags = append(flags, jsonFlag{f.Name, ok && b.IsBoolFlag(), f.Usage})
	})
	data, _ := json.MarshalIndent(flags, "", "\t")
	stdout.Write(data)
	return 0
}

// vetx is the content of a .vetx file.
type vetx struct {
	Scratchvet int // format version
	Closure    *program.Closure
	// Files are the Go files of the packages on the closure's import
	// chains (go vet gives a package the vetx files of its direct imports
	// only): where a report finds where each imports the next.
	Files map[string][]string
}

// 2: reachability (Closure.Init, Entries, Main); 3: typed cause
// positions, Closure.Files, Truncated and the chains' Files; 4:
// Closure.Hedged (how each cause is reached).
const vetxVersion = 4

// writeVetx writes the summary c of the package, with the files of the
// packages on its chains, taken from its imports' vetx files.
func writeVetx(cfg *config, c *program.Closure) error {
	if cfg.VetxOutput == "" || c == nil {
		return nil
	}
	known := map[string][]string{}
	for path := range cfg.PackageVetx {
		if v := readVetx(cfg, path); v != nil {
			known[path] = v.Closure.Files
			for p, files := range v.Files {
				known[p] = files
			}
		}
	}
	files := map[string][]string{}
	for _, cause := range c.Causes {
		for _, p := range append(cause.Chain, cause.Pkg) {
			if f, ok := known[p]; ok {
				files[p] = f
			}
		}
	}
	data, err := json.Marshal(vetx{Scratchvet: vetxVersion, Closure: c, Files: files})
	if err != nil {
		return err
	}
	return os.WriteFile(cfg.VetxOutput, data, 0o666)
}

// readVetx reads the vetx file of an imported package; nil when there is
// none of scratchvet's (a vetx file from another tool, or none at all).
func readVetx(cfg *config, path string) *vetx {
	file, ok := cfg.PackageVetx[path]
	if !ok {
		return nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var v vetx
	if json.Unmarshal(data, &v) != nil || v.Scratchvet != vetxVersion || v.Closure == nil {
		return nil
	}
	return &v
}

// readClosure reads the summary of an imported package; nil when it has
// none.
func readClosure(cfg *config, path string) *program.Closure {
	if v := readVetx(cfg, path); v != nil {
		return v.Closure
	}
	return nil
}

// summariseDependency writes the summary of a dependency without
// type-checking it.
func summariseDependency(cfg *config) error {
	fset := token.NewFileSet()
	pkg := &program.Package{ImportPath: cfg.ImportPath, GoFiles: cfg.GoFiles, Standard: cfg.Standard[cfg.ImportPath]}
	seen := map[string]bool{}
	for _, name := range cfg.GoFiles {
		pkg.Standard = pkg.Standard || program.InGOROOT(name)
		if filepath.Base(name) == "_cgo_gotypes.go" {
			pkg.Cgo = true
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			continue // the compiler reports it
		}
		for _, spec := range f.Imports {
			p, _ := strconv.Unquote(spec.Path.Value)
			if p == "C" {
				pkg.Cgo = true
				continue
			}
			if mapped, ok := cfg.ImportMap[p]; ok {
				p = mapped
			}
			if p != "unsafe" && !seen[p] {
				seen[p] = true
				pkg.Imports = append(pkg.Imports, p)
			}
		}
	}
	var imports []program.Imported
	closures := map[string]*program.Closure{}
	for _, p := range pkg.Imports {
		c := readClosure(cfg, p)
		imports = append(imports, program.Imported{Path: p, Closure: c})
		closures[p] = c
	}
	local, err := program.ScanPackage(fset, pkg, closures)
	if err != nil {
		return err
	}
	return writeVetx(cfg, program.Merge(fset, cfg.ImportPath, local, imports))
}

// analyse type-checks and analyses a package named on the command line.
func analyse(cfg *config, opts settings.Options, mode outputMode, stdout, stderr io.Writer) int {
	out := stdout
	if cfg.Stdout != "" {
		f, err := os.Create(cfg.Stdout)
		if err != nil {
			fmt.Fprintf(stderr, "scratchvet: %v\n", err)
			return 1
		}
		defer f.Close()
		out = f
	}
	resolver, err := suite.Resolver(opts)
	if err != nil {
		var unknown *settings.UnknownCheckError
		if errors.As(err, &unknown) {
			err = fmt.Errorf("-checks: unknown check %q", unknown.Name)
		}
		fmt.Fprintf(stderr, "scratchvet: %v\n", err)
		return 1
	}
	s, err := resolver.ForPackage(cfg.Dir, cfg.ImportPath)
	if err != nil {
		fmt.Fprintf(stderr, "scratchvet: %v\n", err)
		return 1
	}
	pkg, typeErrs := typeCheck(cfg)
	if len(typeErrs) > 0 {
		if cfg.SucceedOnTypecheckFailure {
			return 0 // the compiler reports the errors (go.dev/issue/18395)
		}
		for _, e := range typeErrs {
			fmt.Fprintln(stderr, e)
		}
		return 1
	}
	// What was assumed or left out, as the standalone checker says it
	// ("no deployment declared; not judged against an image"), on stderr
	// in every mode: go vet asks for -json and shows the tool's stderr.
	for _, n := range s.Notes {
		fmt.Fprintf(stderr, "scratchvet: note: %s\n", n)
	}
	pkg.Settings = s.LoadedWith(settings.GoCommandCgo(os.Getenv))
	res := driver.Run(pkg, suite.Enabled(suite.New(resolver), pkg.Settings))
	if err := writeVetx(cfg, res.Closure); err != nil {
		fmt.Fprintf(stderr, "scratchvet: %v\n", err)
		return 1
	}
	return report(cfg, pkg, res, mode, out, stderr)
}

func typeCheck(cfg *config) (*driver.Package, []string) {
	fset := token.NewFileSet()
	var files []*ast.File
	var errs []string
	sources := map[string][]byte{}
	for _, name := range cfg.GoFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		sources[name] = src
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		files = append(files, f)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	compiler := cfg.Compiler
	if compiler == "" {
		compiler = "gc"
	}
	imp := importer.ForCompiler(fset, compiler, func(path string) (io.ReadCloser, error) {
		file, ok := cfg.PackageFile[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(file)
	})
	info := driver.NewInfo()
	tc := &types.Config{
		Importer:  driver.MappedImporter(imp, cfg.ImportMap),
		Sizes:     types.SizesFor(compiler, build()),
		GoVersion: cfg.GoVersion,
		Error:     func(err error) { errs = append(errs, err.Error()) },
	}
	tpkg, _ := tc.Check(cfg.ImportPath, fset, files, info)
	if len(errs) > 0 {
		return nil, errs
	}
	closures := map[string]*program.Closure{}
	for _, imp := range tpkg.Imports() {
		if v := readVetx(cfg, imp.Path()); v != nil {
			closures[imp.Path()] = v.Closure
			for p, files := range v.Files {
				if closures[p] == nil {
					closures[p] = &program.Closure{Files: files} // only to find its imports
				}
			}
		}
	}
	var module *analysis.Module
	if cfg.ModulePath != "" {
		module = &analysis.Module{Path: cfg.ModulePath, Version: cfg.ModuleVersion}
	}
	return &driver.Package{
		Fset: fset, Files: files, OtherFiles: cfg.NonGoFiles, Types: tpkg, TypesInfo: info,
		TypesSizes: tc.Sizes, Module: module, Closures: closures, Sources: sources,
	}, nil
}

func build() string {
	if arch := os.Getenv("GOARCH"); arch != "" {
		return arch
	}
	return goarch
}
