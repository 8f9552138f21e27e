//go:build ignore

// Profile runs scratchvet standalone (internal/cli) in-process with CPU and
// heap profiles, to see where its time and memory go:
//
//	cd MODULE && go run PATH/TO/scratchvet/bench/profile/main.go -cpu=cpu.out -mem=mem.out -- ./...
//	go tool pprof -top cpu.out
//
// It is excluded from builds (go:build ignore) and lives in the main module
// only because it imports internal packages.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/scratchvet/scratchvet/internal/cli"
)

func main() {
	cpu := flag.String("cpu", "", "write a CPU profile")
	mem := flag.String("mem", "", "write a heap profile (taken at the peak: after the run, before GC)")
	flag.Parse()
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			panic(err)
		}
		pprof.StartCPUProfile(f)
	}
	var peak uint64
	done := make(chan bool)
	go func() { // sample the heap in use
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak {
					peak = ms.HeapInuse
				}
			}
		}
	}()
	if *mem != "" {
		runtime.MemProfileRate = 64 * 1024
	}
	start := time.Now()
	code := cli.Main(flag.Args(), os.Stdout, os.Stderr)
	close(done)
	if *cpu != "" {
		pprof.StopCPUProfile()
	}
	if *mem != "" {
		f, err := os.Create(*mem)
		if err != nil {
			panic(err)
		}
		pprof.Lookup("allocs").WriteTo(f, 0)
		f.Close()
	}
	fmt.Fprintf(os.Stderr, "profile: exit %d, %v, peak heap in use ~%d MiB\n", code, time.Since(start), peak>>20)
	os.Exit(code)
}
