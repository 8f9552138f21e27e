package dynlink_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/dynlink"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

// The build configuration is driven through the environment, as the go
// command sees it: CGO_ENABLED, GOFLAGS=-tags=..., CC.
func cgo(t *testing.T, enabled bool, goflags string) {
	t.Setenv("CGO_ENABLED", map[bool]string{true: "1", false: "0"}[enabled])
	t.Setenv("GOFLAGS", goflags)
	t.Setenv("CC", "")
}

func TestCgoOnScratch(t *testing.T) {
	cgo(t, true, "")
	testutil.Target(t, "scratch")
	analysistest.Run(t, analysistest.TestData(), dynlink.Analyzer, "netuser", "owncgo", "viadep", "purego", "useplugin")
}

func TestCgoDisabled(t *testing.T) {
	cgo(t, false, "")
	testutil.Target(t, "scratch")
	testutil.ExpectNone(t, dynlink.Analyzer, "netuser", "purego")
}

// netgo and osusergo remove the cgo of net and os/user only.
func TestNetgoOsusergo(t *testing.T) {
	cgo(t, true, "-tags=netgo,osusergo")
	testutil.Target(t, "scratch")
	testutil.ExpectNone(t, dynlink.Analyzer, "netuser")
	testutil.ExpectSome(t, dynlink.Analyzer, "owncgo", "viadep")

	cgo(t, true, "-tags=netgo")
	diags := testutil.Diagnostics(t, dynlink.Analyzer, "netuser")
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "os/user's cgo") {
		t.Errorf("with -tags netgo, want one finding for os/user, got %v", diags)
	}
}

func TestStaticLink(t *testing.T) {
	cgo(t, true, "")
	testutil.Target(t, "scratch")
	testutil.SetFlag(t, "ldflags", `-linkmode external -extldflags "-static"`)
	testutil.ExpectNone(t, dynlink.Analyzer, "netuser", "owncgo", "viadep")
}

// -extldflags -static without -linkmode external: the internal linker
// links the cgo of net and os/user itself and ignores -extldflags, so the
// binary stays dynamic (docs/FACTS.md#a-static-link-that-is-not-one); a cgo package of its own forces the
// external linker, which honours them.
func TestStaticLinkNeedsExternalLinker(t *testing.T) {
	cgo(t, true, "")
	testutil.Target(t, "scratch")
	testutil.SetFlag(t, "ldflags", `-s -w -extldflags "-static"`)
	diags := testutil.Diagnostics(t, dynlink.Analyzer, "netuser")
	if len(diags) == 0 || !strings.Contains(diags[0].Message, "-extldflags -static without -linkmode external is ignored") {
		t.Errorf("std-only cgo with -extldflags -static: want a finding saying the flags are ignored, got %v", diags)
	}
	testutil.ExpectNone(t, dynlink.Analyzer, "owncgo", "viadep")
	testutil.SetFlag(t, "ldflags", `-linkmode internal -extldflags "-static"`)
	testutil.ExpectSome(t, dynlink.Analyzer, "owncgo")
}

func TestTargetsWithLibc(t *testing.T) {
	cgo(t, true, "")
	for _, target := range []string{"distroless-base", "glibc"} {
		t.Run(target, func(t *testing.T) {
			testutil.Target(t, target)
			testutil.ExpectNone(t, dynlink.Analyzer, "netuser", "owncgo")
		})
	}
	// distroless-static has no loader; alpine has musl's, not glibc's.
	for _, target := range []string{"distroless-static", "alpine", "bare"} {
		t.Run(target, func(t *testing.T) {
			testutil.Target(t, target)
			testutil.ExpectSome(t, dynlink.Analyzer, "netuser", "owncgo")
		})
	}
}

// CC=musl-gcc builds need musl's loader: they start on alpine only.
func TestMusl(t *testing.T) {
	cgo(t, true, "")
	t.Setenv("CC", "musl-gcc")
	testutil.Target(t, "alpine")
	testutil.ExpectNone(t, dynlink.Analyzer, "netuser")
	testutil.Target(t, "distroless-base")
	diags := testutil.Diagnostics(t, dynlink.Analyzer, "netuser")
	if len(diags) == 0 || !strings.Contains(diags[0].Message, "/lib/ld-musl-x86_64.so.1") {
		t.Errorf("musl build on distroless-base: want a finding naming musl's loader, got %v", diags)
	}
}

// CGO_ENABLED=0 -buildmode=pie still has an ELF interpreter (docs/FACTS.md#starting-at-all-loader-and-libc).
func TestPIE(t *testing.T) {
	cgo(t, false, "")
	testutil.Target(t, "scratch")
	testutil.SetFlag(t, "buildmode", "pie")
	diags := testutil.Diagnostics(t, dynlink.Analyzer, "purego")
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "-buildmode=pie") {
		t.Fatalf("want one -buildmode=pie finding, got %v", diags)
	}
	testutil.Target(t, "distroless-base")
	testutil.ExpectNone(t, dynlink.Analyzer, "purego")
	t.Setenv("GOFLAGS", "-buildmode=pie")
	testutil.SetFlag(t, "buildmode", "")
	testutil.Target(t, "distroless-static")
	testutil.ExpectSome(t, dynlink.Analyzer, "purego")
}
