package report

import (
	"fmt"
	"go/token"
	"go/types"
	"sort"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/settings"
)

// A directive for all of scratchvet (//nolint:scratchvet) is unused only
// if no check used it, which no single check can tell. Under
// -unused-suppressions each check records here, per package, which such
// directives it saw and used; a driver that runs every check on the
// package asks UnusedAll afterwards. (Drivers we do not control, such as
// golangci-lint, have their own report of unused //nolint directives.)

// SuiteCheck is the Check of findings about directives for the whole
// suite: they belong to no single check.
const SuiteCheck = "scratchvet"

var allDirectives sync.Map // *types.Package → *allUsage

type allUsage struct {
	mu     sync.Mutex
	known  []string        // the registry's checks
	checks map[string]bool // the checks that ran
	dirs   map[token.Pos]*allDirective
}

type allDirective struct {
	text string
	used bool
}

// recordAll notes, for a check that ran on pkg, its use of the
// directives for all of scratchvet.
func recordAll(pkg *types.Package, s *settings.Settings, check string, dirs []*directive) {
	if pkg == nil || !s.UnusedSuppressions {
		return
	}
	v, _ := allDirectives.LoadOrStore(pkg, &allUsage{known: s.KnownChecks, checks: map[string]bool{}, dirs: map[token.Pos]*allDirective{}})
	u := v.(*allUsage)
	u.mu.Lock()
	defer u.mu.Unlock()
	u.checks[check] = true
	for _, d := range dirs {
		if !d.all || d.problem != "" {
			continue
		}
		a := u.dirs[d.pos]
		if a == nil {
			a = &allDirective{text: d.text}
			u.dirs[d.pos] = a
		}
		a.used = a.used || d.used
	}
}

// UnusedAll returns, once every check has run on pkg under
// -unused-suppressions, a finding for each directive for all of
// scratchvet (//nolint:scratchvet) that no check used, and forgets the
// package. It returns nothing when some check did not run on it (it
// might have used the directive).
func UnusedAll(pkg *types.Package) []analysis.Diagnostic {
	v, ok := allDirectives.LoadAndDelete(pkg)
	if !ok {
		return nil
	}
	u := v.(*allUsage)
	u.mu.Lock()
	defer u.mu.Unlock()
	for _, c := range u.known {
		if !u.checks[c] {
			return nil
		}
	}
	var out []analysis.Diagnostic
	for pos, d := range u.dirs {
		if !d.used {
			out = append(out, analysis.Diagnostic{Pos: pos,
				Message: fmt.Sprintf("%s suppresses no finding of any check; remove it", d.text)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos < out[j].Pos })
	return out
}
