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

// BenchmarkColdLoad is a cold standalone run on the demo module: list,
// summarise, type-check and check every package, with an empty build
// cache of its own at every iteration (GOCACHE in a fresh directory; the
// shared build cache is neither used nor wiped). "source" is Load's
// default (nothing compiled, dependencies' declarations type-checked from
// source); "export" lists with -export, which compiles every dependency,
// the standard library included, as Load did before.
//
//	flock /tmp/scratchvet-heavy.lock go test -run '^$' -bench ColdLoad -benchtime 3x ./internal/load
func BenchmarkColdLoad(b *testing.B) {
	dir, err := filepath.Abs("../../testdata/demo")
	if err != nil {
		b.Fatal(err)
	}
	for _, export := range []bool{false, true} {
		name := "source"
		if export {
			name = "export"
		}
		b.Run(name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				cache, err := os.MkdirTemp("", "scratchvet-cold")
				if err != nil {
					b.Fatal(err)
				}
				env := append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GOCACHE="+cache)
				b.StartTimer()
				prog, err := load.Load(load.Config{Dir: dir, Env: env, Patterns: []string{"./..."}, ExportData: export})
				if err != nil {
					b.Fatal(err)
				}
				prog.Each(func(r *load.Root) {
					if r.Package == nil {
						b.Fatal(r.Errors)
					}
					r.Package.Closures = prog.Closures
					driver.Run(r.Package, suite.All())
				})
				b.StopTimer()
				os.RemoveAll(cache)
				b.StartTimer()
			}
		})
	}
}
