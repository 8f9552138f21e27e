package dynlink_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/dynlink"
	"github.com/scratchvet/scratchvet/internal/settings"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

// The build configuration is driven through the environment, as the go
// command sees it: CGO_ENABLED, GOFLAGS=-tags=..., CC.
func cgo(t *testing.T, enabled bool, goflags string) {
	t.Setenv("CGO_ENABLED", map[bool]string{true: "1", false: "0"}[enabled])
	t.Setenv("GOFLAGS", goflags)
	t.Setenv("CC", "")
}

func on(t *testing.T, target string) *analysis.Analyzer { return testutil.On(t, dynlink.Check, target) }

const static = `-linkmode external -extldflags "-static"`

func TestCgoOnScratch(t *testing.T) {
	cgo(t, true, "")
	analysistest.Run(t, analysistest.TestData(), on(t, "scratch"), "netuser", "owncgo", "viadep", "purego", "useplugin")
}

func TestCgoDisabled(t *testing.T) {
	cgo(t, false, "")
	testutil.ExpectNone(t, on(t, "scratch"), "netuser", "purego")
}

// netgo and osusergo remove the cgo of net and os/user only.
func TestNetgoOsusergo(t *testing.T) {
	cgo(t, true, "-tags=netgo,osusergo")
	testutil.ExpectNone(t, on(t, "scratch"), "netuser")
	testutil.ExpectSome(t, on(t, "scratch"), "owncgo", "viadep")

	cgo(t, true, "-tags=netgo")
	diags := testutil.Diagnostics(t, on(t, "scratch"), "netuser")
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "cgo in os/user needs") {
		t.Errorf("with -tags netgo, want one finding for os/user, got %v", diags)
	}
}

func TestStaticLink(t *testing.T) {
	cgo(t, true, "")
	a := testutil.Analyzer(t, dynlink.Check, settings.Options{Target: "scratch", Ldflags: static})
	testutil.ExpectNone(t, a, "netuser", "owncgo", "viadep")
}

// -extldflags -static without -linkmode external: the internal linker
// links the cgo of net and os/user itself and ignores -extldflags, so the
// binary stays dynamic (docs/FACTS.md#a-static-link-that-is-not-one); a cgo package of its own forces the
// external linker, which honours them.
func TestStaticLinkNeedsExternalLinker(t *testing.T) {
	cgo(t, true, "")
	withLdflags := func(ldflags string) *analysis.Analyzer {
		return testutil.Analyzer(t, dynlink.Check, settings.Options{Target: "scratch", Ldflags: ldflags})
	}
	a := withLdflags(`-s -w -extldflags "-static"`)
	diags := testutil.Diagnostics(t, a, "netuser")
	if len(diags) == 0 || !strings.Contains(testutil.Text(diags[0]), "-extldflags -static without -linkmode external is ignored") {
		t.Errorf("std-only cgo with -extldflags -static: want a finding saying the flags are ignored, got %v", diags)
	}
	testutil.ExpectNone(t, a, "owncgo", "viadep")
	testutil.ExpectSome(t, withLdflags(`-linkmode internal -extldflags "-static"`), "owncgo")
}

func TestTargetsWithLibc(t *testing.T) {
	cgo(t, true, "")
	for _, target := range []string{"distroless-base", "glibc"} {
		t.Run(target, func(t *testing.T) {
			testutil.ExpectNone(t, on(t, target), "netuser", "owncgo")
		})
	}
	// distroless-static has no loader; alpine has musl's, not glibc's.
	for _, target := range []string{"distroless-static", "alpine", "bare"} {
		t.Run(target, func(t *testing.T) {
			testutil.ExpectSome(t, on(t, target), "netuser", "owncgo")
		})
	}
}

// CC=musl-gcc builds need musl's loader: they start on alpine only.
func TestMusl(t *testing.T) {
	cgo(t, true, "")
	t.Setenv("CC", "musl-gcc")
	testutil.ExpectNone(t, on(t, "alpine"), "netuser")
	diags := testutil.Diagnostics(t, on(t, "distroless-base"), "netuser")
	if len(diags) == 0 || !strings.Contains(diags[0].Message, "/lib/ld-musl-x86_64.so.1") {
		t.Errorf("musl build on distroless-base: want a finding naming musl's loader, got %v", diags)
	}
}

// CGO_ENABLED=0 -buildmode=pie still has an ELF interpreter (docs/FACTS.md#starting-at-all-loader-and-libc).
func TestPIE(t *testing.T) {
	cgo(t, false, "")
	pie := func(target string) *analysis.Analyzer {
		return testutil.Analyzer(t, dynlink.Check, settings.Options{Target: target, Buildmode: "pie"})
	}
	diags := testutil.Diagnostics(t, pie("scratch"), "purego")
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "-buildmode=pie") {
		t.Fatalf("want one -buildmode=pie finding, got %v", diags)
	}
	testutil.ExpectNone(t, pie("distroless-base"), "purego")
	t.Setenv("GOFLAGS", "-buildmode=pie")
	testutil.ExpectSome(t, on(t, "distroless-static"), "purego")
}

// One finding per binary, at its first import that links cgo, with every
// cgo cause in the related information: net (through net/http) and
// os/user, each at the import that links it (and at its import "C" where
// the driver passes the package's own files rather than cgo's output).
func TestOneFindingPerBinary(t *testing.T) {
	cgo(t, true, "")
	diags := testutil.Diagnostics(t, on(t, "scratch"), "netuser")
	if len(diags) != 1 {
		t.Fatalf("%d findings, want 1: %v", len(diags), diags)
	}
	text := testutil.Text(diags[0])
	for _, want := range []string{"net/http imports net", "netuser imports os/user",
		"built with CGO_ENABLED=1, no -tags netgo,osusergo", "fix: build with CGO_ENABLED=0 or -tags netgo,osusergo"} {
		if !strings.Contains(text, want) {
			t.Errorf("related information lacks %q:\n%s", want, text)
		}
	}
}
