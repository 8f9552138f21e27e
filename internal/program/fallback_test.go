package program

import (
	"errors"
	"strings"
	"testing"
)

// TestFallbackLister: imports a driver did not analyse are summarised by
// the registered lister, once per process, and their closures say how; an
// error, or no lister at all, is said instead of a summary.
func TestFallbackLister(t *testing.T) {
	t.Cleanup(func() { SetDependencyLister(nil) })

	SetDependencyLister(nil)
	if c := fallbackClosures([]string{"net"})["net"]; c == nil || !strings.HasPrefix(c.Inferred, "not summarised:") || len(c.Causes) != 0 {
		t.Errorf("no lister: %+v", c)
	}

	calls := 0
	SetDependencyLister(func(paths []string) ([]*Package, string, error) {
		calls++
		return []*Package{
			{ImportPath: "runtime/cgo", Cgo: true, Standard: true},
			{ImportPath: "net", Imports: []string{"runtime/cgo"}, Standard: true},
		}, "summarised with `go list` in the environment (CGO_ENABLED=1)", nil
	})
	for range 2 {
		c := fallbackClosures([]string{"net"})["net"]
		if c == nil || c.Inferred != "summarised with `go list` in the environment (CGO_ENABLED=1) because these packages were not analysed" {
			t.Fatalf("closure %+v", c)
		}
		if len(c.CausesOf(KindCgo)) == 0 {
			t.Errorf("net's closure has no cgo cause: %+v", c.Causes)
		}
	}
	if calls != 1 {
		t.Errorf("the lister ran %d times for one package, want once", calls)
	}

	SetDependencyLister(func([]string) ([]*Package, string, error) {
		return nil, "", errors.New("go list: exit status 1: no Go files")
	})
	if c := fallbackClosures([]string{"os/user"})["os/user"]; c == nil || c.Inferred != "not summarised: go list: exit status 1: no Go files" {
		t.Errorf("lister error: %+v", c)
	}
}
