package lsp

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
)

// mainFlags are the command-line flags of `scratchvet lsp`.
type mainFlags struct {
	cpuProfile string
	memProfile string
}

const mainUsage = `usage: scratchvet lsp [--stdio] [-profile.cpu FILE] [-profile.mem FILE]

Runs the language server on standard input and output. See docs/editors.md.

  --stdio            accepted and ignored (stdio is the only transport)
  -profile.cpu FILE  write a CPU profile of the whole session to FILE
  -profile.mem FILE  write a heap profile to FILE when the session ends
`

// parseMainFlags parses the arguments. A nil result means Main returns
// the code (help, or a usage error).
func parseMainFlags(args []string, stdout, stderr io.Writer) (*mainFlags, int) {
	f := &mainFlags{}
	fs := flag.NewFlagSet("scratchvet lsp", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Bool("stdio", true, "") // VS Code's client appends --stdio
	fs.StringVar(&f.cpuProfile, "profile.cpu", "", "")
	fs.StringVar(&f.memProfile, "profile.mem", "", "")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(stdout, mainUsage)
			return nil, 0
		}
		fmt.Fprintf(stderr, "scratchvet lsp: %v\n%s", err, mainUsage)
		return nil, 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "scratchvet lsp: unexpected argument %q\n%s", fs.Arg(0), mainUsage)
		return nil, 2
	}
	return f, 0
}

// startProfiles starts the CPU profile and returns the function that
// ends it and writes the heap profile. The profiles are for finding where
// a slow round spends its time (bench/lsp/run.sh -profile).
func (f *mainFlags) startProfiles() (stop func() error, err error) {
	var cpu *os.File
	if f.cpuProfile != "" {
		cpu, err = os.Create(f.cpuProfile)
		if err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, err
		}
	}
	return func() error {
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				return err
			}
		}
		if f.memProfile == "" {
			return nil
		}
		mem, err := os.Create(f.memProfile)
		if err != nil {
			return err
		}
		runtime.GC()
		if err := pprof.WriteHeapProfile(mem); err != nil {
			mem.Close()
			return err
		}
		return mem.Close()
	}, nil
}
