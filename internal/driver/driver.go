// Package driver runs scratchvet's analyzers on one type-checked package.
//
// Unlike the go/analysis drivers, it never runs analyzers on dependencies:
// the only facts the checks use are program summaries (program.Closure),
// which the caller supplies for the dependencies, computed cheaply from
// their files (standalone checker, language server) or read from the vetx
// files of go vet. See docs/DESIGN.md.
package driver

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"reflect"
	"runtime/debug"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/internal/settings"
)

// Package is a type-checked package to analyse.
type Package struct {
	Fset       *token.FileSet
	Files      []*ast.File
	OtherFiles []string
	Types      *types.Package
	TypesInfo  *types.Info
	TypesSizes types.Sizes
	Module     *analysis.Module
	// Closures holds the summaries of the packages this one imports,
	// directly or not, by package path.
	Closures map[string]*program.Closure
	// Sources holds the text the files were parsed from, by file name,
	// where it may differ from the disk (an editor's unsaved buffers): the
	// checks' Pass.ReadFile returns it. Other files are read from disk.
	Sources map[string][]byte
	// Overlay holds the text of other files where it differs from the disk
	// (the editor's unsaved buffers), for the checks' positions in other
	// packages (related information).
	Overlay map[string][]byte
	// Settings are the package's settings, resolved once by the front end:
	// the result of every settings analyzer the checks require.
	Settings *settings.Settings
	// Inspector, if set, is the inspect analyzer's result for Files, built
	// by the caller (it needs only the syntax, so it can be built while the
	// package is type-checked).
	Inspector *inspector.Inspector
}

// readFile is Pass.ReadFile: the text the package was parsed from.
func (p *Package) readFile(name string) ([]byte, error) {
	if src, ok := p.Sources[name]; ok {
		return src, nil
	}
	if src, ok := p.Overlay[name]; ok {
		return src, nil
	}
	return os.ReadFile(name)
}

// Finding is one diagnostic of one check.
type Finding struct {
	Check string
	analysis.Diagnostic
}

// Result is what Run found.
type Result struct {
	Findings []Finding
	// Closure is the package's own summary (for the packages importing it).
	Closure *program.Closure
	// Errors are the checks that failed, such as an invalid config file.
	Errors []error
	// Program is the program summary of the package (nil if the program
	// analyzer did not run or failed). The language server reads it to
	// point whole-program findings at their causes.
	Program *program.Result
}

// Run runs the analyzers (and those they require) on pkg.
func Run(pkg *Package, analyzers []*analysis.Analyzer) *Result {
	r := &runner{pkg: pkg, results: map[*analysis.Analyzer]any{}, errs: map[*analysis.Analyzer]error{}}
	if pkg.Inspector != nil {
		r.results[inspect.Analyzer] = pkg.Inspector
	}
	res := &Result{}
	for _, a := range analyzers {
		r.run(a)
	}
	for _, err := range r.errs {
		if err != errPrerequisite {
			res.Errors = append(res.Errors, err)
		}
	}
	sort.Slice(res.Errors, func(i, j int) bool { return res.Errors[i].Error() < res.Errors[j].Error() })
	for _, a := range analyzers {
		for _, d := range r.diags[a] {
			res.Findings = append(res.Findings, Finding{Check: a.Name, Diagnostic: d})
		}
	}
	// Directives for all of scratchvet that no check used: known only
	// now that every check has run (-unused-suppressions).
	for _, d := range report.UnusedAll(pkg.Types) {
		res.Findings = append(res.Findings, Finding{Check: report.SuiteCheck, Diagnostic: d})
	}
	sort.SliceStable(res.Findings, func(i, j int) bool { return res.Findings[i].Pos < res.Findings[j].Pos })
	res.Closure = r.exported
	res.Program, _ = r.results[program.Analyzer].(*program.Result)
	return res
}

// errPrerequisite marks an analyzer skipped because one it requires failed.
var errPrerequisite = errors.New("prerequisite failed")

type runner struct {
	pkg      *Package
	results  map[*analysis.Analyzer]any
	errs     map[*analysis.Analyzer]error
	diags    map[*analysis.Analyzer][]analysis.Diagnostic
	exported *program.Closure
}

func (r *runner) run(a *analysis.Analyzer) {
	if _, done := r.results[a]; done {
		return
	}
	if _, failed := r.errs[a]; failed {
		return
	}
	if settings.IsAnalyzer(a) && r.pkg.Settings != nil {
		r.results[a] = r.pkg.Settings // supplied, like the inspector
		return
	}
	inputs := map[*analysis.Analyzer]any{}
	for _, req := range a.Requires {
		r.run(req)
		if err := r.errs[req]; err != nil {
			r.errs[a] = errPrerequisite // reported once, by the prerequisite
			return
		}
		inputs[req] = r.results[req]
	}
	pass := &analysis.Pass{
		Analyzer:          a,
		Fset:              r.pkg.Fset,
		Files:             r.pkg.Files,
		OtherFiles:        r.pkg.OtherFiles,
		Pkg:               r.pkg.Types,
		TypesInfo:         r.pkg.TypesInfo,
		TypesSizes:        r.pkg.TypesSizes,
		Module:            r.pkg.Module,
		ResultOf:          inputs,
		Report:            func(d analysis.Diagnostic) { r.report(a, d) },
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		ImportPackageFact: r.importPackageFact,
		ExportPackageFact: r.exportPackageFact,
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
		ReadFile:          r.pkg.readFile,
	}
	result, err := safeRun(a, pass)
	if err != nil {
		r.errs[a] = err
		return
	}
	if a.ResultType != nil && result != nil && reflect.TypeOf(result) != a.ResultType {
		r.errs[a] = fmt.Errorf("internal error: result of type %T, want %v", result, a.ResultType)
		return
	}
	r.results[a] = result
}

func safeRun(a *analysis.Analyzer, pass *analysis.Pass) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: panic analysing %s: %v\n%s", pass.Pkg.Path(), p, debug.Stack())
		}
	}()
	return a.Run(pass)
}

func (r *runner) report(a *analysis.Analyzer, d analysis.Diagnostic) {
	if r.diags == nil {
		r.diags = map[*analysis.Analyzer][]analysis.Diagnostic{}
	}
	r.diags[a] = append(r.diags[a], d)
}

func (r *runner) importPackageFact(pkg *types.Package, fact analysis.Fact) bool {
	c, ok := fact.(*program.Closure)
	if !ok {
		return false
	}
	have := r.pkg.Closures[pkg.Path()]
	if have == nil {
		return false
	}
	*c = *have
	return true
}

func (r *runner) exportPackageFact(fact analysis.Fact) {
	if c, ok := fact.(*program.Closure); ok {
		r.exported = c
	}
}
