package program

// Build is the effective build configuration as the program's summaries
// show it: which standard packages were compiled with cgo (net without
// netgo, os/user without osusergo), and what the binary embeds.
type Build struct {
	Cgo           []Cause // the packages that call C, with their chains
	NetCgo        bool    // net compiled with its cgo resolver (CGO_ENABLED=1, no netgo)
	UserCgo       bool    // os/user compiled with cgo (CGO_ENABLED=1, no osusergo)
	Tzdata        bool    // time/tzdata linked (import or -tags timetzdata)
	FallbackRoots bool    // golang.org/x/crypto/x509roots/fallback linked, or a package like it (RootsProvider)
	Inferred      string  // non-empty when summaries were inferred, and how
}

// BuildOf reads the build configuration off a closure.
func BuildOf(c *Closure) Build {
	b := Build{
		Cgo:           c.CausesOf(KindCgo),
		Tzdata:        c.Embeds("time/tzdata"),
		FallbackRoots: c.Embeds("golang.org/x/crypto/x509roots/fallback") || c.Embeds(RootsProvider),
		Inferred:      c.Inferred,
	}
	for _, cause := range b.Cgo {
		switch cause.Pkg {
		case "net":
			b.NetCgo = true
		case "os/user":
			b.UserCgo = true
		}
	}
	return b
}

// CgoPackages returns the packages of the binary that use cgo (the
// standard library's net, os/user, runtime/cgo and any other): whether one
// outside the linker's own list is present decides whether -extldflags
// reach a linker.
func (b Build) CgoPackages() []string {
	var out []string
	for _, c := range b.Cgo {
		out = append(out, c.Pkg)
	}
	return out
}
