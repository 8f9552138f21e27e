// Command trivialvet is the filecount analyzer as a go vet tool
// (x/tools unitchecker): go vet -vettool=$(command -v trivialvet) ./...
package main

import (
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/scratchvet/scratchvet/bench/trivial/filecount"
)

func main() { unitchecker.Main(filecount.Analyzer) }
