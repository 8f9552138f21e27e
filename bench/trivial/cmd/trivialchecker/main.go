// Command trivialchecker is the filecount analyzer as a standalone checker
// (x/tools singlechecker): trivialchecker ./...
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/scratchvet/scratchvet/bench/trivial/filecount"
)

func main() { singlechecker.Main(filecount.Analyzer) }
