package cli

import (
	"fmt"
	"io"

	"github.com/scratchvet/scratchvet/internal/fixes"
)

// applyFixes applies (or, with diffOnly, prints) the first fix of each
// finding and returns the findings left unfixed.
func applyFixes(findings []finding, diffOnly bool, stdout, stderr io.Writer) (remaining []finding, errs []string) {
	items := make([]fixes.Item, len(findings))
	for i, f := range findings {
		items[i] = fixes.Item{Fset: f.fset, Diagnostic: f.Diagnostic}
	}
	var diffOut io.Writer
	if diffOnly {
		diffOut = stdout
	}
	res := fixes.Apply(items, fixes.WriteInPlace, diffOut)
	for _, i := range res.Unfixed {
		remaining = append(remaining, findings[i])
	}
	if !diffOnly && res.Fixed > 0 {
		fmt.Fprintf(stderr, "scratchvet: fixed %d finding(s) in %d file(s)\n", res.Fixed, len(res.Files))
	}
	return remaining, res.Errors
}
