package cgostub

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/check"
	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/report"
)

//go:embed doc.go
var doc string

// Check reports imports that link a !cgo stub.
var Check = &check.Check{
	Name:      "cgostub",
	DocSource: doc,
	Requires:  []*analysis.Analyzer{program.Analyzer},
	Run:       run,
	FileLocal: true, // at the package's imports, from their summaries
}

func run(cp *check.Pass) error {
	pass := cp.Pass
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	reported := map[string]bool{}
	for _, edge := range res.Imports {
		if edge.Closure == nil || reported[edge.Path] {
			continue
		}
		for _, cause := range edge.Closure.CausesOf(program.KindCgoStub) {
			// A stub reached through a package of the same module is that
			// package's finding: report it once, where the import is.
			if len(cause.Chain) > 0 && sameModule(pass, edge.Path) {
				continue
			}
			reported[edge.Path] = true
			fromHere := cause
			fromHere.Chain = append([]string{edge.Path}, cause.Chain...) // the edge's closure starts below it
			related := report.NewLocator(pass).Cause(res, fromHere, edge.Spec.Pos())
			related = append(related, report.Note("fix: build with CGO_ENABLED=1 (for scratch, link statically: "+
				"-ldflags '-linkmode external -extldflags \"-static\"'), or use a pure-Go alternative"))
			pass.Report(analysis.Diagnostic{
				Pos: edge.Spec.Pos(),
				Message: fmt.Sprintf("%s is a stub when built with CGO_ENABLED=0 and fails at run time: %s",
					report.PkgName(pass, cause.Pkg), shorten(cause.What)),
				Related: related,
			})
			break
		}
	}
	return nil
}

// sameModule reports whether path belongs to the module of the package
// under analysis (without module information: the same first path element).
func sameModule(pass *analysis.Pass, path string) bool {
	if m := pass.Module; m != nil && m.Path != "" {
		return path == m.Path || strings.HasPrefix(path, m.Path+"/")
	}
	first := func(p string) string { head, _, _ := strings.Cut(p, "/"); return head }
	return first(path) == first(pass.Pkg.Path())
}

// shorten keeps the start of a quoted stub error, enough to recognise it.
func shorten(quoted string) string {
	const max = 60
	s, err := strconv.Unquote(quoted)
	if err != nil || len(s) <= max {
		return quoted
	}
	cut := strings.LastIndexByte(s[:max], ' ')
	if cut < max/2 {
		cut = max
	}
	return strconv.Quote(s[:cut] + "...")
}
