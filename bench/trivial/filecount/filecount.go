// Package filecount is the trivial comparator of the scratchvet benchmark
// (bench/run.sh): one analyzer that counts the files of each package, uses
// no facts, no other analyzers and reports nothing. Whatever a driver
// spends on it is the driver's own cost (loading, parsing, type checking).
package filecount

import (
	"golang.org/x/tools/go/analysis"
)

// Analyzer counts files. Its -nonce flag is ignored; the benchmark gives
// it a fresh value on every run so that go vet cannot reuse cached vet
// results (the flags are part of go vet's cache key).
var Analyzer = &analysis.Analyzer{
	Name: "filecount",
	Doc:  "filecount counts the Go files of each package and reports nothing",
	Run:  run,
}

var nonce string

// Files is the number of files seen (per process).
var Files int

func init() {
	Analyzer.Flags.StringVar(&nonce, "nonce", "", "ignored; change it to defeat go vet's result cache")
}

func run(pass *analysis.Pass) (any, error) {
	Files += len(pass.Files)
	return nil, nil
}
