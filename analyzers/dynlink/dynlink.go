package dynlink

import (
	_ "embed"
	"fmt"
	"strconv"

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
}

const noStart = `so it will not start ("exec /app: no such file or directory", exit 127)`

func run(cp *check.Pass) error {
	pass, d := cp.Pass, cp.Deployment
	if !program.IsMain(pass) {
		return nil
	}
	res := pass.ResultOf[program.Analyzer].(*program.Result)
	if d.Build.LinksStatically(res.Build.CgoPackages()) {
		return nil // docs/FACTS.md#starting-at-all-loader-and-libc: d, e2, g start anywhere
	}
	tgt := report.Deployments
	libc := d.Build.Libc
	if len(res.Build.Cgo) > 0 {
		if d.Target.CanLoad(libc, true) {
			return nil
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
					subject, buildDescription(d, cause, libc), needs, tgt, noStart, remedy(cause), report.Inferred(res)),
			})
		}
		return nil
	}
	if d.Build.PIE && !d.Target.CanLoad(target.Glibc, false) {
		if f := report.MainFile(pass); f != nil {
			pass.Report(analysis.Diagnostic{
				Pos: f.Name.Pos(),
				Message: fmt.Sprintf("built with -buildmode=pie (%s), the binary has the ELF interpreter %s even with CGO_ENABLED=0; "+
					"target %s lacks it, %s; build without -buildmode=pie, or link a static PIE (-ldflags '-linkmode external -extldflags \"-static-pie\"')",
					d.Build.From, target.Glibc.LoaderPath(), tgt, noStart),
			})
		}
	}
	return nil
}

func libcSoname(l target.Libc) string {
	if l == target.Musl {
		return "musl's libc.so"
	}
	return "libc.so.6"
}

func buildDescription(d *settings.Deployment, cause program.Cause, libc target.Libc) string {
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
	if d.Build.StaticIfForced {
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
