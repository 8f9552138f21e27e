package cli

import (
	"fmt"
	"io"

	"github.com/scratchvet/scratchvet/internal/fixes"
)

// applyFixes applies (or, with diffOnly, prints) the first fix of each
// finding and returns the findings left unfixed. analysed holds the sum of
// each file's content when it was analysed: a file changed since is not
// fixed. On any error no file is changed, and every finding is returned.
func applyFixes(findings []finding, analysed map[string]fixes.Sum, diffOnly bool, stdout, stderr io.Writer) (remaining []finding, errs []string) {
	items := make([]fixes.Item, len(findings))
	for i, f := range findings {
		items[i] = fixes.Item{Fset: f.fset, Diagnostic: f.Diagnostic}
	}
	opts := fixes.Options{
		Analysed: func(file string) (fixes.Sum, bool) { s, ok := analysed[file]; return s, ok },
		Write:    fixes.WriteFiles,
	}
	if diffOnly {
		opts.Diff = stdout
	}
	res := fixes.Apply(items, opts)
	if len(res.Errors) > 0 {
		return findings, res.Errors
	}
	for _, i := range res.Unfixed {
		remaining = append(remaining, findings[i])
	}
	if !diffOnly && res.Fixed > 0 {
		fmt.Fprintf(stderr, "scratchvet: fixed %d finding(s) in %d file(s)\n", res.Fixed, len(res.Files))
	}
	return remaining, nil
}
