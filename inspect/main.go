// Package inspect implements `scratchvet inspect`: it reads a built Go
// binary (or the entrypoint binary of a container image) and tells whether
// it starts and which features fail on a deployment target. Every signal it
// reads and every behaviour it quotes is measured: docs/FACTS.md, in
// particular #reading-a-binary; docs/inspect.md documents the output.
package inspect

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/scratchvet/scratchvet/target"
)

const usageText = `usage: scratchvet inspect [-target T]... [-json] FILE...

Reads each FILE, a linux ELF Go binary, a 'docker save' archive or an OCI
image layout directory, and reports whether the binary starts on the target
and which features (user lookups, DNS, time zones, TLS roots, plugins,
crypto/rand) fail there, with the evidence found in the binary.

For an image, the binary is the image's entrypoint and the target is derived
from the files in the image; -target adds verdicts for the given targets.

Flags:
  -target T   deployment target: a preset (%s)
              optionally with overrides, e.g. alpine,zoneinfo=true.
              Repeatable. Default: %s (for plain binaries).
  -json       print one JSON document (schema in docs/inspect.md)

Exit status:
  0  every FILE was judged and is compatible with every target
  1  some binary will not start, or a feature fails, on a target
  2  usage error (bad flag, unknown target, no FILE)
  3  bad input: a FILE is missing, not ELF, not a Go binary, truncated,
     a Mach-O or PE binary, or a broken image (takes precedence over 1)
`

// targetList is the repeatable -target flag.
type targetList []target.Target

func (l *targetList) String() string {
	var names []string
	for _, t := range *l {
		names = append(names, t.Name)
	}
	return strings.Join(names, " ")
}

func (l *targetList) Set(spec string) error {
	t, err := target.Parse(spec)
	if err != nil {
		return err
	}
	*l = append(*l, t)
	return nil
}

// Main runs `scratchvet inspect` with args (the arguments after "inspect")
// and returns the exit status documented in usageText.
func Main(args []string, stdout, stderr io.Writer) int {
	var targets targetList
	var asJSON bool
	fs := flag.NewFlagSet("scratchvet inspect", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var(&targets, "target", "deployment target")
	fs.BoolVar(&asJSON, "json", false, "JSON output")
	usage := fmt.Sprintf(usageText, strings.Join(target.Names(), ", "), target.Default)

	// Flags may follow file names: parse, take one file, repeat.
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, usage)
				return ExitCompatible
			}
			fmt.Fprintf(stderr, "scratchvet inspect: %v\n\n%s", err, usage)
			return ExitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) == 0 {
		fmt.Fprintf(stderr, "scratchvet inspect: no FILE given\n\n%s", usage)
		return ExitUsage
	}
	explicit := len(targets) > 0
	if !explicit {
		t, _ := target.Lookup(target.Default)
		targets = append(targets, t)
	}

	var reports []Report
	exit := ExitCompatible
	for _, file := range files {
		r := inspectFile(file, targets, explicit)
		reports = append(reports, r)
		exit = worse(exit, r.Exit)
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(Output{SchemaVersion: 1, Exit: exit, Reports: reports}); err != nil {
			fmt.Fprintf(stderr, "scratchvet inspect: %v\n", err)
		}
		return exit
	}
	printed := false
	for _, r := range reports {
		if r.Error != "" {
			fmt.Fprintf(stderr, "scratchvet inspect: %s: %s\n", r.File, r.Error)
			continue
		}
		if printed {
			fmt.Fprintln(stdout)
		}
		writeText(stdout, r)
		printed = true
	}
	return exit
}

// Output is the -json document.
type Output struct {
	SchemaVersion int      `json:"schema_version"`
	Exit          int      `json:"exit"`
	Reports       []Report `json:"reports"`
}

// worse orders exit statuses: bad input over incompatible over compatible.
func worse(a, b int) int {
	rank := func(s int) int {
		switch s {
		case ExitBadInput:
			return 2
		case ExitIncompatible:
			return 1
		}
		return 0
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}
