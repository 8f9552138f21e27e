// Package cli is the scratchvet command: the standalone checker, the go vet
// tool, and the subcommands (checks, help, targets, version, lsp, inspect).
package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/settings"
	"github.com/scratchvet/scratchvet/internal/version"
	"github.com/scratchvet/scratchvet/internal/vettool"
	"github.com/scratchvet/scratchvet/target"
)

// Exit statuses of the standalone checker (docs/cli.md).
const (
	ExitClean    = 0 // no findings
	ExitFindings = 1 // findings reported
	ExitError    = 2 // usage, configuration or load error
)

// Subcommand runs a subcommand registered by another package (lsp,
// inspect), with the arguments after its name.
type Subcommand func(args []string, stdout, stderr io.Writer) int

// Subcommands are the subcommands provided by other packages.
var Subcommands = map[string]Subcommand{}

// Main runs scratchvet with args (without the program name).
func Main(args []string, stdout, stderr io.Writer) int {
	if vettool.Invoked(args) {
		return vettool.Main(args, stdout, stderr)
	}
	if len(args) > 0 {
		switch args[0] {
		case "checks":
			return listChecks(stdout)
		case "targets":
			return listTargets(stdout)
		case "deployments":
			return deployments(args[1:], stdout, stderr)
		case "help":
			return help(args[1:], stdout, stderr)
		case "version":
			return printVersion(args[1:], stdout, stderr)
		}
		if sub, ok := Subcommands[args[0]]; ok {
			return sub(args[1:], stdout, stderr)
		}
	}
	return check(args, stdout, stderr)
}

// Version is the version of scratchvet (internal/version).
func Version() string { return version.Version() }

// printVersion is `scratchvet version [-json]`.
func printVersion(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("scratchvet version", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the version, commit and Go version as JSON")
	if err := fs.Parse(args); err != nil {
		return ExitError
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "scratchvet version: unexpected argument %q\n", fs.Arg(0))
		return ExitError
	}
	info := version.Get()
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "\t")
		if err := enc.Encode(info); err != nil {
			return ExitError
		}
		return ExitClean
	}
	fmt.Fprint(stdout, info)
	return ExitClean
}

const usage = `scratchvet reports the lines of a Go program that will break once it is
built statically and shipped into a minimal image (scratch, distroless, alpine).

Usage:
  scratchvet [flags] [packages]      check packages (default ./...)
  go vet -vettool=$(command -v scratchvet) [flags] [packages]
  scratchvet checks                  list the checks
  scratchvet help CHECK              explain a check
  scratchvet targets                 list the target presets and properties
  scratchvet deployments [-json] [dir]  how each main package ships, as the repository declares it
  scratchvet lsp                     run the language server on stdin/stdout
  scratchvet inspect [flags] FILE    judge a built binary or image
  scratchvet version [-json]         print the version, commit and Go version

Exit status: 0 no findings, 1 findings, 2 usage, configuration or load error.

Flags:
`

func listChecks(stdout io.Writer) int {
	for _, c := range suite.Checks() {
		fmt.Fprintf(stdout, "%s\t%s\n", c.Name, c.Summary())
	}
	return ExitClean
}

func listTargets(stdout io.Writer) int {
	fmt.Fprintln(stdout, "Presets (-target NAME, or NAME,key=value,... to override):")
	width := 0
	for _, p := range target.Presets() {
		width = max(width, len(p.Name))
	}
	for _, p := range target.Presets() {
		fmt.Fprintf(stdout, "  %-*s %s\n", width, p.Name, p.Summary)
	}
	fmt.Fprintln(stdout, "\nProperties:")
	width = 0
	for _, p := range target.Properties() {
		width = max(width, len(p.Key))
	}
	for _, p := range target.Properties() {
		fmt.Fprintf(stdout, "  %-*s %s\n", width, p.Key, p.Doc)
	}
	fmt.Fprintf(stdout, "\nThe default is %s. Details and sources: docs/targets.md\n", target.Default)
	return ExitClean
}

func help(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		flagSet(&options{}, stdout).PrintDefaults()
		return ExitClean
	}
	status := ExitClean
	for _, name := range args {
		c := suite.Lookup(name)
		if c == nil {
			fmt.Fprintf(stderr, "scratchvet: unknown check %q (run 'scratchvet checks')\n", name)
			status = ExitError
			continue
		}
		fmt.Fprintf(stdout, "%s\n\nDocumentation: %s\n", c.Doc(), c.URL())
	}
	return status
}

// options are the standalone checker's flags.
type options struct {
	settings        settings.Options // -target, -config, -ldflags, -buildmode, -unused-suppressions
	json, fix, diff bool
	format          string   // -format's value (-json is -format json)
	outputs         []output // parsed from format
	tags            string
	checks          string
}

// flagSet defines the standalone checker's flags: the settings (-target,
// -config, -ldflags, -buildmode), shared with the vet tool, and its own.
func flagSet(opts *options, output io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("scratchvet", flag.ContinueOnError)
	fs.SetOutput(output)
	settings.RegisterFlags(fs, &opts.settings)
	fs.StringVar(&opts.format, "format", "text", "output format: text, json, sarif (SARIF 2.1.0, for code scanning), checkstyle, junit or gitlab (code quality); FORMAT=FILE writes to a file, and a comma-separated list writes several (sarif=scratchvet.sarif,text)")
	fs.BoolVar(&opts.json, "json", false, "print findings as JSON (docs/cli.md has the schema); the same as -format json")
	fs.BoolVar(&opts.fix, "fix", false, "apply the suggested fixes to the files")
	fs.BoolVar(&opts.diff, "diff", false, "print the suggested fixes as a unified diff; change nothing")
	fs.StringVar(&opts.tags, "tags", "", "comma-separated build tags, as for go build")
	fs.StringVar(&opts.checks, "checks", "", "comma-separated checks to run (default: all not disabled in scratchvet.toml)")
	return fs
}

func parseFlags(args []string, stderr io.Writer) (*options, []string, error) {
	opts := &options{}
	fs := flagSet(opts, stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	if opts.fix && opts.diff {
		return nil, nil, fmt.Errorf("-fix and -diff exclude each other")
	}
	if opts.json {
		if opts.format != "text" && opts.format != "json" {
			return nil, nil, fmt.Errorf("-json is -format json; it excludes -format %s", opts.format)
		}
		opts.format = "json"
	}
	outputs, err := parseOutputs(opts.format)
	if err != nil {
		return nil, nil, err
	}
	opts.outputs = outputs
	if opts.format != "text" && (opts.fix || opts.diff) {
		return nil, nil, fmt.Errorf("-format %s prints the findings; it excludes -fix and -diff", opts.format)
	}
	return opts, fs.Args(), nil
}

// splitChecks splits a -checks list.
func splitChecks(list string) []string {
	if list == "" {
		return nil
	}
	var out []string
	for _, name := range strings.Split(list, ",") {
		out = append(out, strings.TrimSpace(name))
	}
	return out
}

// Run is Main on the process's arguments and standard streams.
func Run() int {
	return Main(os.Args[1:], os.Stdout, os.Stderr)
}
