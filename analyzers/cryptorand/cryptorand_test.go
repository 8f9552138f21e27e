package cryptorand_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/cryptorand"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

func TestBare(t *testing.T) {
	for _, cgo := range []string{"0", "1"} { // crypto/rand never goes through libc
		t.Setenv("CGO_ENABLED", cgo)
		analysistest.Run(t, analysistest.TestData(), testutil.On(t, cryptorand.Check, "bare"), "rnd")
	}
}

// "crypto/rand needs /dev/urandom in scratch" is false: a container has
// /dev, and getrandom(2) needs no file.
func TestTargetsWithDev(t *testing.T) {
	t.Parallel()
	for _, target := range []string{"scratch", "distroless-static", "alpine", "bare,dev-urandom=true"} {
		testutil.ExpectNone(t, testutil.On(t, cryptorand.Check, target), "rnd")
	}
	// A new enough kernel makes crypto/rand safe; opening /dev/urandom is not.
	diags := testutil.Diagnostics(t, testutil.On(t, cryptorand.Check, "bare,kernel=4.19"), "rnd")
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "os.Open") {
		t.Errorf("bare with a 4.19 kernel: %v", diags)
	}
}
