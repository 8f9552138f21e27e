package program

import (
	"fmt"
	"go/token"
	"sort"
	"strings"
	"sync"
)

// A ScanCache keeps the local summaries that ScanAll computed, for later
// scans of the same run: a run that judges several build configurations
// (CGO_ENABLED, tags) scans each, and most packages have the same files in
// all of them. A package's local summary depends only on its files and on
// what its imports' closures offer by name (ScanPackage: the entry names
// it searches its files for, the package names qualifying them, which
// entries reach a cause); when those are the same, the summary is reused
// and only merged again with the imports' closures of the new scan.
//
// The summaries hold positions of the file set they were scanned into:
// every scan using a cache must use the same file set.
type ScanCache struct {
	sync.Mutex
	fset *token.FileSet
	m    map[string]scanned // scanKey → summary
	// Reused and Scanned count the summaries taken from the cache and
	// computed (read them under the lock).
	Reused, Scanned int
}

type scanned struct {
	local Local
	err   error
}

// NewScanCache returns an empty cache for scans into fset.
func NewScanCache(fset *token.FileSet) *ScanCache {
	return &ScanCache{fset: fset, m: map[string]scanned{}}
}

// scan is ScanPackage, reusing an earlier scan's summary when it would
// compute the same. A nil cache scans.
func (c *ScanCache) scan(fset *token.FileSet, p *Package, imports map[string]*Closure) (Local, error) {
	if c == nil || fset != c.fset {
		return ScanPackage(fset, p, imports)
	}
	key := scanKey(p, imports)
	c.Lock()
	s, ok := c.m[key]
	if ok {
		c.Reused++
	}
	c.Unlock()
	if ok {
		return s.local, s.err
	}
	local, err := ScanPackage(fset, p, imports)
	c.Lock()
	c.m[key] = scanned{local, err}
	c.Scanned++
	c.Unlock()
	return local, err
}

// scanKey is everything ScanPackage's result depends on: the package's
// files and facts, and per import whether it has a closure, its package
// name and the names it offers (EntryNames, marked by whether they lead to
// a cause). How an entry is reached (Closure.Hedged) changes the reach of
// what a declaration reaches, never whether it reaches anything, which is
// all the scan asks (potentNames); Hedged is keyed by cause index, which
// shifts when a configuration adds a cause (cgo), so keying on it would
// miss most packages of a cgo configuration.
func scanKey(p *Package, imports map[string]*Closure) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%q\x00%v %v\x00", p.ImportPath, p.GoFiles, p.Cgo, p.Standard)
	for _, path := range p.Imports {
		c := imports[path]
		if c == nil {
			fmt.Fprintf(&b, "%s -\x00", path)
			continue
		}
		names := make([]string, 0, len(c.Entries))
		for name := range c.EntryNames() {
			live := false
			for _, i := range c.Entries[name] {
				if i >= 0 && i < len(c.Causes) {
					live = true
					break
				}
			}
			if live {
				names = append(names, name+"+")
			} else {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		fmt.Fprintf(&b, "%s %s %q\x00", path, c.Name, names)
	}
	return b.String()
}
