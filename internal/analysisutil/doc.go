// Package analysisutil extracts an analyzer's documentation from its
// package's doc.go, in the style of golang.org/x/tools/go/analysis/passes.
package analysisutil

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// MustExtractDoc returns the section "# Analyzer NAME" of the package
// comment in the Go source content (a doc.go file), without its heading.
// It panics if there is none: a check without documentation is a bug.
func MustExtractDoc(content, name string) string {
	doc, err := ExtractDoc(content, name)
	if err != nil {
		panic(err)
	}
	return doc
}

// ExtractDoc is MustExtractDoc with an error.
func ExtractDoc(content, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", err
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc.go of %s has no package comment", name)
	}
	heading := "# Analyzer " + name
	text := f.Doc.Text()
	_, after, ok := strings.Cut(text, heading+"\n")
	if !ok {
		return "", fmt.Errorf("doc.go of %s has no %q section", name, heading)
	}
	if i := strings.Index(after, "\n# "); i >= 0 {
		after = after[:i]
	}
	return strings.TrimSpace(after), nil
}

// Summary returns the first line of an analyzer's Doc without its "NAME: "
// prefix.
func Summary(doc, name string) string {
	if i := strings.IndexByte(doc, '\n'); i >= 0 {
		doc = doc[:i]
	}
	return strings.TrimPrefix(doc, name+": ")
}
