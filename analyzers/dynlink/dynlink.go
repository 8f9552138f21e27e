package dynlink

import (
	_ "embed"
	"fmt"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/check"
	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/internal/settings"
	"github.com/scratchvet/scratchvet/target"
)

//go:embed doc.go
var doc string

// Check reports binaries that need a loader or libc their target lacks.
var Check = &check.Check{
	Name:      "dynlink",
	DocSource: doc,
	Requires:  []*analysis.Analyzer{program.Analyzer},
	Run:       run,
	FileLocal: true, // reports only in package main
}

// noStart is how the kernel refuses a binary whose ELF interpreter is
// missing (docs/FACTS.md#starting-at-all-loader-and-libc).
const noStart = `"exec /app: no such file or directory"`

const staticLink = `-ldflags '-linkmode external -extldflags "-static"'`

func run(cp *check.Pass) error {
	pass, d := cp.Pass, cp.Deployment
	if !program.IsMain(pass) {
		return nil
	}
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	if d.Build.LinksStatically(res.Build.CgoPackages()) {
		return nil // docs/FACTS.md#starting-at-all-loader-and-libc: d, e2, g start anywhere
	}
	libc := d.Build.Libc
	if len(res.Build.Cgo) > 0 {
		if d.Target.CanLoad(libc, true) {
			return nil
		}
		reportCgo(pass, res, d, res.Build.Cgo)
		return nil
	}
	if d.Build.PIE && !d.Target.CanLoad(target.Glibc, false) {
		if f := report.MainFile(pass); f != nil {
			pass.Report(analysis.Diagnostic{
				Pos: f.Name.Pos(),
				Message: fmt.Sprintf("the binary fails to start on %s: %s (-buildmode=pie needs %s)",
					report.Deployments, noStart, target.Glibc.LoaderPath()),
				Related: []analysis.RelatedInformation{
					report.Note("built with -buildmode=pie (%s): the binary has an ELF interpreter even with CGO_ENABLED=0", d.Build.From),
					report.Note("fix: build without -buildmode=pie, or link a static PIE: -ldflags '-linkmode external -extldflags \"-static-pie\"'"),
				},
			})
		}
	}
	return nil
}

// reportCgo reports once per binary that its cgo makes it need a loader
// and libc the deployment lacks: at main's own import "C", else at the
// first import of main (in source order) that links cgo; every cgo cause
// is in the related information.
func reportCgo(pass *analysis.Pass, res *program.Result, d *settings.Deployment, causes []program.Cause) {
	var at token.Pos
	for _, c := range causes {
		if len(c.Chain) == 0 {
			at = report.LocalCgoImport(pass, res, c)
		}
	}
	if !at.IsValid() {
	imports:
		for _, e := range res.Imports {
			for _, c := range causes {
				if c.Chain0() == e.Path {
					at = e.Spec.Pos()
					break imports
				}
			}
		}
	}
	if !at.IsValid() {
		return
	}
	var pkgs []string
	for _, c := range causes {
		name := report.PkgName(pass, c.Pkg)
		if len(c.Chain) == 0 {
			name = "this package"
		}
		if !slices.Contains(pkgs, name) {
			pkgs = append(pkgs, name)
		}
	}
	if len(pkgs) > 2 {
		pkgs = append(pkgs[:2], fmt.Sprintf("%d more", len(pkgs)-2))
	}
	loc := report.NewLocator(pass)
	var related []analysis.RelatedInformation
	for _, c := range causes {
		related = append(related, loc.Cause(res, c, at)...)
	}
	related = append(related, report.Note("%s", built(d, causes)), report.Note("fix: %s", remedy(causes)))
	// The whole verdict is CGO_ENABLED: where the build does not declare
	// it, the finding says it may not apply (the loader is in the note).
	why := fmt.Sprintf("cgo in %s needs %s", settings.JoinNames(pkgs), d.Build.Libc.LoaderPath())
	unsure, note := report.CgoUnsure(d, true)
	if unsure != "" {
		why = "cgo in " + settings.JoinNames(pkgs)
	}
	pass.Report(analysis.Diagnostic{
		Pos:     at,
		Message: fmt.Sprintf("the binary fails to start on %s: %s (%s)%s", report.Deployments, noStart, why, unsure),
		Related: append(append(note, related...), report.Inferred(res)...),
	})
}

// built describes the build configuration that links the cgo dynamically.
func built(d *settings.Deployment, causes []program.Cause) string {
	desc := "built with CGO_ENABLED=1"
	var tags []string
	for _, c := range causes {
		switch c.Pkg {
		case "net":
			tags = append(tags, "netgo")
		case "os/user":
			tags = append(tags, "osusergo")
		}
	}
	if len(tags) > 0 {
		desc += ", no -tags " + strings.Join(tags, ",")
	}
	if d.Build.Libc == target.Musl {
		desc += ", CC=musl-gcc"
	}
	if d.Build.StaticIfForced {
		// docs/FACTS.md#a-static-link-that-is-not-one: the internal linker links this cgo itself and
		// never passes -extldflags on.
		return desc + ", linked dynamically: -extldflags -static without -linkmode external is ignored by Go's internal linker"
	}
	return desc + ", linked dynamically (the binary needs " + d.Build.Libc.LoaderPath() + " and " + libcSoname(d.Build.Libc) + ")"
}

func libcSoname(l target.Libc) string {
	if l == target.Musl {
		return "musl's libc.so"
	}
	return "libc.so.6"
}

// remedy says how to build a binary that starts, given its cgo causes.
func remedy(causes []program.Cause) string {
	var tags []string
	own, plugin := false, false
	for _, c := range causes {
		switch c.Pkg {
		case "net":
			tags = append(tags, "netgo")
		case "os/user":
			tags = append(tags, "osusergo")
		case "plugin":
			plugin = true
		case "runtime/cgo":
		default:
			own = true
		}
	}
	switch {
	case plugin:
		return "plugin needs a dynamic binary and the same libc in the image (static binaries fail too); drop it or choose a target with the libc"
	case own:
		return "choose a target with the libc (distroless-base), or link statically: " + staticLink
	case len(tags) > 0:
		return fmt.Sprintf("build with CGO_ENABLED=0 or -tags %s, or link statically: %s", strings.Join(tags, ","), staticLink)
	}
	return "build with CGO_ENABLED=0, or link statically: " + staticLink
}
