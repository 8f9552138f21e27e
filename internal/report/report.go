// Package report holds what the checks share when they report: where a
// whole-program finding goes in package main, how its message names the
// cause, and the edits of the quick fixes.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/program"
)

// DocURL is the base of the check pages (codeDescription.href, SARIF helpUri).
const DocURL = "https://github.com/scratchvet/scratchvet/blob/main/docs/checks/"

// Found is a cause located in package main: either a site in main itself
// or the first import of main, in source order, that leads to it.
type Found struct {
	Pos   token.Pos
	File  *ast.File // the file of Pos
	Cause program.Cause
	Edge  *program.Edge // nil for a site in main itself
	// Others is the number of other causes of the kind in dependencies
	// that the summary kept; AtLeast says it kept only some of them.
	Others  int
	AtLeast bool
}

// Locate finds where, in package main, to report cause. Causes in main are
// reported at their site; causes in dependencies at the first import that
// leads to them, so that one cause gives one diagnostic per binary.
func Locate(pass *analysis.Pass, res *program.Result, cause program.Cause, site token.Pos) (Found, bool) {
	if len(cause.Chain) == 0 {
		if site.IsValid() {
			return Found{Pos: site, File: fileOf(pass, site), Cause: cause}, true
		}
		return Found{}, false
	}
	for i := range res.Imports {
		e := &res.Imports[i]
		if e.Path != cause.Chain[0] || e.Closure == nil {
			continue
		}
		return Found{Pos: e.Spec.Pos(), File: fileOf(pass, e.Spec.Pos()), Cause: cause, Edge: e}, true
	}
	return Found{}, false
}

// DependencyCauses returns the causes of kind k that lie in dependencies,
// in the order of main's imports (the import through which each is
// linked), and whether the summary kept only some of them.
func DependencyCauses(res *program.Result, k program.Kind) (causes []program.Cause, atLeast bool) {
	var deps []program.Cause
	for _, c := range res.Closure.Reached(k) {
		if len(c.Chain) > 0 {
			deps = append(deps, c)
		}
	}
	taken := make([]bool, len(deps))
	for _, e := range res.Imports {
		for i, c := range deps {
			if !taken[i] && c.Chain[0] == e.Path {
				causes = append(causes, c)
				taken[i] = true
			}
		}
	}
	// The first is reported: one reached directly, if any.
	sort.SliceStable(causes, func(i, j int) bool {
		return causes[i].How == program.Directly && causes[j].How != program.Directly
	})
	return causes, res.Closure.Truncated[k]
}

// Unsure hedges a finding about a dependency's cause that the program
// reaches only by a conservative rule (docs/DESIGN.md#reachability): a
// short suffix for the message, and a related note saying which rule. It
// returns "" and no note for a cause reached directly.
func Unsure(c program.Cause) (suffix string, note []analysis.RelatedInformation) {
	typ, method := c.Through, ""
	if i := strings.LastIndex(c.Through, "."); i >= 0 {
		typ, method = c.Through[:i], c.Through[i+1:]
	}
	switch c.How {
	case program.ThroughMethod:
		return " (may be unreachable: via a method)", []analysis.RelatedInformation{
			Note("reached only through method %s of %s, which no code on the way to main calls by name: through an interface or reflection, if at all", method, typ)}
	case program.ThroughMethods:
		return " (may be unreachable: via methods)", []analysis.RelatedInformation{
			Note("reached only through methods that no code on the way to main calls by name, such as %s of %s", method, typ)}
	case program.ThroughTable:
		return " (may be unreachable: via a table)", []analysis.RelatedInformation{
			Note("reached only through the table of functions %s: which of them runs is decided at run time", c.Through)}
	case program.ThroughNoMain:
		return " (may be unreachable: no func main)", []analysis.RelatedInformation{
			Note("package %s has no func main (a plugin or a C library): every function of it counts as called", c.Through)}
	}
	return "", nil
}

// Name shortens a site's description for a message:
// "time.LoadLocation(...)" and "http.Client{...}" lose their ellipses, a
// method known by its name alone (".ParseMultipartForm(...)") its dot.
func Name(what string) string {
	return strings.TrimPrefix(strings.TrimSuffix(strings.TrimSuffix(what, "(...)"), "{...}"), ".")
}

// PkgName shortens an import path for a message: relative to the module
// of the package under analysis when it is in it ("internal/schedule").
func PkgName(pass *analysis.Pass, path string) string {
	if m := pass.Module; m != nil && m.Path != "" {
		if rel, ok := strings.CutPrefix(path, m.Path+"/"); ok {
			return rel
		}
	}
	return path
}

// Subject names a whole-program cause in a message: "time.LoadLocation"
// for a site in main, "time.LoadLocation in internal/schedule" for a
// dependency's, with "(and 2 more)" when other dependencies have such
// causes too.
func Subject(pass *analysis.Pass, found Found) string {
	s := Name(found.Cause.What)
	if found.Edge != nil || len(found.Cause.Chain) > 0 {
		s += " in " + PkgName(pass, found.Cause.Pkg)
	}
	return s + More(found.Others, found.AtLeast)
}

// More renders " (and 2 more)" for a count of further causes, " (and at
// least 2 more)" when the count is a lower bound.
func More(n int, atLeast bool) string {
	switch {
	case n <= 0:
		return ""
	case atLeast:
		return fmt.Sprintf(" (and at least %d more)", n)
	}
	return fmt.Sprintf(" (and %d more)", n)
}

func fileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// MainFile returns the first non-test source file of the package, where
// package-level findings are reported. Files generated by cgo are passed
// over unless their //line directives map them back to a source file.
func MainFile(pass *analysis.Pass) *ast.File {
	var fallback *ast.File
	for _, f := range pass.Files {
		if program.IsTestFile(pass.Fset.File(f.Pos()).Name()) {
			continue
		}
		name := pass.Fset.Position(f.Name.Pos()).Filename
		if strings.HasSuffix(name, ".go") && !strings.HasPrefix(filepath.Base(name), "_cgo_") {
			return f
		}
		if fallback == nil {
			fallback = f
		}
	}
	return fallback
}

// Quote quotes the runtime's words for a message, as every check does:
// "unknown time zone". Words that hold double quotes themselves (os/exec's
// exec: "git": executable file not found in $PATH) go in backquotes
// instead, as %#q would, so that the message shows them unchanged.
func Quote(words string) string {
	if strings.Contains(words, `"`) && strconv.CanBackquote(words) {
		return "`" + words + "`"
	}
	return strconv.Quote(words)
}

// TargetName quotes a target's name for messages.
func TargetName(name string) string {
	if strings.Contains(name, ",") {
		return strconv.Quote(name)
	}
	return name
}

// FileOf returns the file of pass that contains pos.
func FileOf(pass *analysis.Pass, pos token.Pos) *ast.File { return fileOf(pass, pos) }

// Inferred is the related information saying that the build configuration
// was inferred, or nil.
func Inferred(res *program.Result) []analysis.RelatedInformation {
	if res.Build.Inferred == "" {
		return nil
	}
	return []analysis.RelatedInformation{{Message: "build configuration inferred: " + res.Build.Inferred}}
}

// Note is related information without a position: the build
// configuration ("built with ..."), a remedy ("fix: ..."). Editors show it
// at the finding.
func Note(format string, args ...any) analysis.RelatedInformation {
	return analysis.RelatedInformation{Message: fmt.Sprintf(format, args...)}
}

// LocalCgoImport returns the import "C" of the package under analysis,
// where a cgo cause in main itself is reported.
func LocalCgoImport(pass *analysis.Pass, res *program.Result, cause program.Cause) token.Pos {
	if len(cause.Chain) > 0 || cause.Kind != program.KindCgo {
		return token.NoPos
	}
	for _, spec := range res.Local.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); p == "C" {
			return spec.Pos()
		}
	}
	if f := MainFile(pass); f != nil {
		return f.Name.Pos() // cgo-processed files, as go vet passes them
	}
	return token.NoPos
}

// WholeProgram reports the causes of kind k for a binary: every site in
// main (built by local), and once the first cause in a dependency (built
// by dep, given where it is linked and how many more there are).
// Diagnostics without a message are dropped. The related information of
// the dependency's finding starts with what is added here: the cause's
// site and the imports that link it, then the sites of the other causes;
// both findings end with the note that the build configuration was
// inferred, when it was.
func WholeProgram(pass *analysis.Pass, res *program.Result, k program.Kind,
	local func(site program.Site) analysis.Diagnostic,
	dep func(found Found) analysis.Diagnostic) {
	for _, site := range res.Local.Sites {
		if site.Kind != k {
			continue
		}
		if d := local(site); d.Message != "" {
			d.Pos = site.Pos
			d.Related = append(slices.Clip(d.Related), Inferred(res)...)
			pass.Report(d)
		}
	}
	causes, atLeast := DependencyCauses(res, k)
	if len(causes) == 0 {
		return
	}
	found, ok := Locate(pass, res, causes[0], token.NoPos)
	if !ok {
		return
	}
	found.Others, found.AtLeast = len(causes)-1, atLeast
	d := dep(found)
	if d.Message == "" {
		return
	}
	d.Pos = found.Pos
	suffix, note := Unsure(causes[0])
	d.Message += suffix
	loc := NewLocator(pass)
	related := append(note, loc.Cause(res, causes[0], d.Pos)...)
	for _, c := range causes[1:] {
		related = append(related, loc.Site(res, c)...)
	}
	d.Related = append(append(related, d.Related...), Inferred(res)...)
	pass.Report(d)
}
