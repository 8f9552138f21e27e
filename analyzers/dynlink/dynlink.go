package dynlink

import (
	_ "embed"
	"fmt"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/analysisutil"
	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/internal/settings"
	"github.com/scratchvet/scratchvet/target"
)

//go:embed doc.go
var doc string

// Analyzer reports binaries that need a loader or libc their target lacks.
var Analyzer = &analysis.Analyzer{
	Name:     "dynlink",
	Doc:      analysisutil.MustExtractDoc(doc, "dynlink"),
	URL:      report.DocURL + "dynlink.md",
	Requires: []*analysis.Analyzer{settings.Analyzer, program.Analyzer},
	Run:      report.Suppress(run), // directives apply in every driver (docs/suppressions.md)
}

const noStart = `so it will not start ("exec /app: no such file or directory", exit 127)`

func run(pass *analysis.Pass) (any, error) {
	if !program.IsMain(pass) {
		return nil, nil
	}
	s := pass.ResultOf[settings.Analyzer].(*settings.Settings)
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	if s.Build.LinksStatically(res.Build.CgoPackages()) {
		return nil, nil // docs/FACTS.md#starting-at-all-loader-and-libc: d, e2, g start anywhere
	}
	tgt := report.TargetName(s.Target.Name)
	libc := s.Build.Libc
	if len(res.Build.Cgo) > 0 {
		if s.Target.CanLoad(libc, true) {
			return nil, nil
		}
		needs := fmt.Sprintf("%s and %s", libc.LoaderPath(), libcSoname(libc))
		for _, cause := range res.Build.Cgo {
			site := report.LocalCgoImport(pass, res, cause)
			found, ok := report.Locate(pass, res, cause, site)
			if !ok {
				continue
			}
			subject := fmt.Sprintf("importing %s links %s", strconv.Quote(found.Cause.Chain0()), cause.What)
			if found.Edge == nil {
				subject = cause.What
			} else if len(cause.Chain) > 1 {
				subject += " (" + report.Via(pass, cause) + ")"
			}
			pass.Report(analysis.Diagnostic{
				Pos: found.Pos,
				Message: fmt.Sprintf("%s with %s: the binary needs %s, which target %s lacks, %s; %s%s",
					subject, buildDescription(s, cause, libc), needs, tgt, noStart, remedy(cause), report.Inferred(res)),
			})
		}
		return nil, nil
	}
	if s.Build.PIE && !s.Target.CanLoad(target.Glibc, false) {
		if f := report.MainFile(pass); f != nil {
			pass.Report(analysis.Diagnostic{
				Pos: f.Name.Pos(),
				Message: fmt.Sprintf("built with -buildmode=pie (%s), the binary has the ELF interpreter %s even with CGO_ENABLED=0; "+
					"target %s lacks it, %s; build without -buildmode=pie, or link a static PIE (-ldflags '-linkmode external -extldflags \"-static-pie\"')",
					s.Build.From, target.Glibc.LoaderPath(), tgt, noStart),
			})
		}
	}
	return nil, nil
}

func libcSoname(l target.Libc) string {
	if l == target.Musl {
		return "musl's libc.so"
	}
	return "libc.so.6"
}

func buildDescription(s *settings.Settings, cause program.Cause, libc target.Libc) string {
	desc := "CGO_ENABLED=1"
	switch cause.Pkg {
	case "net":
		desc += " and no -tags netgo"
	case "os/user":
		desc += " and no -tags osusergo"
	}
	if libc == target.Musl {
		desc += ", CC=musl-gcc"
	}
	if s.Build.StaticIfForced {
		// docs/FACTS.md#a-static-link-that-is-not-one: the internal linker links this cgo itself and
		// never passes -extldflags on.
		return desc + ", linked dynamically (-extldflags -static without -linkmode external is ignored by Go's internal linker)"
	}
	return desc + ", linked dynamically"
}

func remedy(cause program.Cause) string {
	const static = `or link statically (-ldflags '-linkmode external -extldflags "-static"')`
	switch cause.Pkg {
	case "net":
		return "build with CGO_ENABLED=0 or -tags netgo, " + static
	case "os/user":
		return "build with CGO_ENABLED=0 or -tags osusergo, " + static
	case "plugin":
		return "plugin needs a dynamic binary and the same libc in the image (it fails in static binaries too: \"plugin: not implemented\"); drop it or choose a target with libc"
	case "runtime/cgo":
		return "build with CGO_ENABLED=0, " + static
	}
	return "choose a target with the libc (distroless-base), " + static
}
