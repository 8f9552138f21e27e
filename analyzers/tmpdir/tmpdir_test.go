package tmpdir_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/tmpdir"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func TestScratch(t *testing.T) {
	t.Parallel()
	a := testutil.On(t, tmpdir.Check, "scratch")
	analysistest.Run(t, analysistest.TestData(), a, "direct", "explicit", "viadep", "upload", "lineeof")
}

// Multipart parsing counts in the program's own module only: the
// framework's wrappers are linked whether or not it takes uploads, the
// program's handler calling them is what matters.
func TestMultipartInOwnModule(t *testing.T) {
	t.Parallel()
	a := testutil.On(t, tmpdir.Check, "scratch")
	analysistest.Run(t, filepath.Join(analysistest.TestData(), "mod"), a, "./cmd/app")
}

// Targets with /tmp, and TMPDIR set by the deployment, need nothing.
func TestSilent(t *testing.T) {
	t.Parallel()
	for _, target := range []string{"distroless-static", "distroless-static:nonroot", "alpine", "glibc", "scratch,tmp=true", "scratch,tmpdir=/dev/shm"} {
		t.Run(target, func(t *testing.T) {
			t.Parallel()
			testutil.ExpectNone(t, testutil.On(t, tmpdir.Check, target), "direct", "viadep", "upload")
		})
	}
}

func TestBare(t *testing.T) {
	t.Parallel()
	testutil.ExpectSome(t, testutil.On(t, tmpdir.Check, "bare"), "direct", "upload")
}
