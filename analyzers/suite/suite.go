// Package suite lists scratchvet's checks, for every front end.
package suite

import (
	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/analyzers/caroots"
	"github.com/scratchvet/scratchvet/analyzers/cgostub"
	"github.com/scratchvet/scratchvet/analyzers/cryptorand"
	"github.com/scratchvet/scratchvet/analyzers/dns"
	"github.com/scratchvet/scratchvet/analyzers/dynlink"
	"github.com/scratchvet/scratchvet/analyzers/plugin"
	"github.com/scratchvet/scratchvet/analyzers/skipverify"
	"github.com/scratchvet/scratchvet/analyzers/tzdata"
	"github.com/scratchvet/scratchvet/analyzers/userlookup"
)

// All returns the checks, in documentation order.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		dynlink.Analyzer,
		tzdata.Analyzer,
		caroots.Analyzer,
		skipverify.Analyzer,
		userlookup.Analyzer,
		dns.Analyzer,
		cryptorand.Analyzer,
		plugin.Analyzer,
		cgostub.Analyzer,
	}
}

// Lookup returns the check with the given name.
func Lookup(name string) *analysis.Analyzer {
	for _, a := range All() {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// Summary returns the first line of a check's Doc ("name: summary").
func Summary(a *analysis.Analyzer) string {
	doc := a.Doc
	for i, r := range doc {
		if r == '\n' {
			doc = doc[:i]
			break
		}
	}
	if len(doc) > len(a.Name)+2 && doc[:len(a.Name)+2] == a.Name+": " {
		return doc[len(a.Name)+2:]
	}
	return doc
}
