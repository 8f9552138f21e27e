package homedir_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/homedir"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

// USER 65532 in a FROM scratch image: runc sets HOME=/.
func TestNonRootHomeSlash(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, analysistest.TestData(), testutil.On(t, homedir.Check, "scratch,user=65532"), "direct", "reads", "viadep", "lineeof")
}

// alpine's passwd has no 65532 either; distroless's nobody has
// /nonexistent.
func TestOtherImages(t *testing.T) {
	t.Parallel()
	for _, target := range []string{"alpine,user=65532", "glibc,user=1000", "distroless-static,user=nobody", "bare,user=65532"} {
		testutil.ExpectSome(t, testutil.On(t, homedir.Check, target), "direct", "viadep")
	}
}

// Root, distroless :nonroot (its own /home/nonroot), a HOME the deployment
// sets, and an unknown HOME are silent.
func TestSilent(t *testing.T) {
	t.Parallel()
	for _, target := range []string{"scratch", "alpine", "distroless-static:nonroot", "distroless-static,user=nonroot",
		"scratch,user=65532,home=/data", "scratch,passwd=true,user=1000"} {
		testutil.ExpectNone(t, testutil.On(t, homedir.Check, target), "direct", "viadep")
	}
}
