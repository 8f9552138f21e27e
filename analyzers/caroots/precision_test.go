package caroots_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/scratchvet/scratchvet/analyzers/caroots"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

// Each TLS client is judged by its own tls.Config (issue 17): a package
// that sets RootCAs on one client still has its other clients reported.
// Packages that give the binary roots the way x509roots/fallback does
// (x509.SetFallbackRoots, or SSL_CERT_FILE set in init) are recognised by
// what they do, whatever their name.
func TestPerClientAndRootsProviders(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, analysistest.TestData(), testutil.On(t, caroots.Check, "scratch"), "perclient", "rootsprovider", "envroots")
}
