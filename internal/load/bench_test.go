package load_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/load"
)

// BenchmarkEditRound is the language server's work after an edit of a large
// package (go/types from the installed Go, ~40k lines): type-check it
// again with one file changed (dependencies from export data, the other
// files' syntax reused), then run every check on it.
//
//	go test -bench EditRound -benchmem ./internal/load
func BenchmarkEditRound(b *testing.B) {
	src := filepath.Join(runtime.GOROOT(), "src")
	snap, err := load.NewSnapshot(load.Config{Dir: src, Env: append(os.Environ(), "GOFLAGS=", "GOWORK=off"), Patterns: []string{"go/types"}})
	if err != nil {
		b.Skip(err)
	}
	file := filepath.Join(src, "go", "types", "expr.go")
	text, err := os.ReadFile(file)
	if err != nil {
		b.Skip(err)
	}
	for _, checks := range []bool{false, true} {
		name := "typecheck"
		if checks {
			name = "typecheck+checks"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := range b.N {
				edited := append(append([]byte(nil), text...), fmt.Sprintf("\nvar _ = %d\n", i)...)
				c := snap.Check("go/types", map[string][]byte{file: edited})
				if c.Package == nil || c.TypeErrors {
					b.Fatal(c.Errors)
				}
				if checks {
					driver.Run(c.Package, suite.All())
				}
			}
		})
	}
}
