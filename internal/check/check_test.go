package check_test

import (
	"go/ast"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/scratchvet/scratchvet/internal/check"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/internal/settings"
	"github.com/scratchvet/scratchvet/internal/testutil"
)

const fakeDoc = `// Package fake is a check for tests.
//
// # Analyzer fake
//
// fake: reports calls of same, differs and only
package fake`

// fake reports, on each deployment, "same" alike on every deployment,
// "differs" naming the deployment itself, and "only" on alpine only.
var fake = &check.Check{
	Name:      "fake",
	DocSource: fakeDoc,
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	Run: func(pass *check.Pass) error {
		ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		ins.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
			id, ok := n.(*ast.CallExpr).Fun.(*ast.Ident)
			if !ok {
				return
			}
			switch {
			case id.Name == "same":
				pass.Reportf(n.Pos(), "same fails on %s", report.Deployments)
			case id.Name == "differs":
				pass.Reportf(n.Pos(), "differs on %s", pass.Deployment.Name)
			case id.Name == "only" && pass.Deployment.Name == "alpine":
				pass.Reportf(n.Pos(), "only fails on %s", report.Deployments)
			}
		})
		return nil
	},
}

// given is a settings analyzer whose result is s, as a driver supplies it.
func given(s *settings.Settings) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       settings.AnalyzerName,
		Doc:        "test settings",
		ResultType: reflect.TypeOf(s),
		Run:        func(*analysis.Pass) (any, error) { return s, nil },
	}
}

func twoDeployments() *settings.Settings {
	return &settings.Settings{
		Deployments: []settings.Deployment{{Name: "scratch"}, {Name: "alpine"}},
		KnownChecks: []string{"fake"},
	}
}

// The check runs once per deployment; a finding true on both is reported
// once naming them, findings that differ are reported apart, and the
// directives apply.
func TestPerDeployment(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, analysistest.TestData(), fake.Analyzer(given(twoDeployments())), "a")
}

// A check the settings disable does not run.
func TestDisabled(t *testing.T) {
	t.Parallel()
	s := twoDeployments()
	s.Disabled = map[string]bool{"fake": true}
	testutil.ExpectNone(t, fake.Analyzer(given(s)), "a")
}

func TestDoc(t *testing.T) {
	t.Parallel()
	a := fake.Analyzer(given(twoDeployments()))
	if a.Doc != "fake: reports calls of same, differs and only" || fake.Summary() != "reports calls of same, differs and only" {
		t.Errorf("Doc %q, summary %q", a.Doc, fake.Summary())
	}
	if a.URL != report.DocURL+"fake.md" || a.Name != "fake" {
		t.Errorf("URL %q", a.URL)
	}
	if len(a.Requires) != 2 || !settings.IsAnalyzer(a.Requires[0]) {
		t.Errorf("Requires %v: want the settings analyzer, then the check's", a.Requires)
	}
}
