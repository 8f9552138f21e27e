package report

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/settings"
)

// Deployments stands, in a finding's message, for the names of the
// deployments the finding is true on: a check judges one deployment at a
// time and writes Deployments where it would name it; PerDeployment
// replaces it with "scratch", or "scratch and alpine" when the same
// finding holds on both.
const Deployments = "\x00deployments\x00"

// DeploymentPrefix starts the related information PerDeployment adds where
// a file declares a deployment the finding names: "deployment alpine".
const DeploymentPrefix = "deployment "

// PerDeployment runs judge for each deployment and reports each distinct
// finding once. Findings are the same when they differ only in the
// deployments they name: same position, category, message and fixes. A
// deployment that a file declares (the config file's target line) is
// added to the finding's related information.
func PerDeployment(pass *analysis.Pass, deps []settings.Deployment, judge func(*analysis.Pass, *settings.Deployment) error) error {
	type finding struct {
		d     analysis.Diagnostic
		names []string
		deps  []*settings.Deployment
	}
	var (
		found []*finding
		index = map[string]*finding{}
	)
	for i := range deps {
		dep := &deps[i]
		collect := *pass
		collect.Report = func(d analysis.Diagnostic) {
			key := findingKey(d)
			f := index[key]
			if f == nil {
				f = &finding{d: d}
				index[key] = f
				found = append(found, f)
			}
			if !slices.Contains(f.names, dep.Name) {
				f.names = append(f.names, dep.Name)
				f.deps = append(f.deps, dep)
			}
		}
		if err := judge(&collect, dep); err != nil {
			return err
		}
	}
	var loc *Locator
	for _, f := range found {
		var quoted []string
		for _, n := range f.names {
			quoted = append(quoted, TargetName(n))
		}
		f.d.Message = strings.ReplaceAll(f.d.Message, Deployments, settings.JoinNames(quoted))
		for _, dep := range f.deps {
			if !dep.OriginPos.IsValid() || !strings.Contains(f.d.Message, TargetName(dep.Name)) {
				continue
			}
			if loc == nil {
				loc = NewLocator(pass)
			}
			if pos := loc.Pos(dep.OriginPos); pos.IsValid() {
				f.d.Related = append(f.d.Related, analysis.RelatedInformation{Pos: pos,
					Message: DeploymentPrefix + TargetName(dep.Name)})
			}
		}
		pass.Report(f.d)
	}
	return nil
}

// findingKey identifies a finding regardless of the deployment it was
// found on.
func findingKey(d analysis.Diagnostic) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(int(d.Pos)))
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(int(d.End)))
	b.WriteByte(' ')
	b.WriteString(d.Category)
	b.WriteByte(0)
	b.WriteString(d.Message)
	for _, fix := range d.SuggestedFixes {
		b.WriteByte(0)
		b.WriteString(fix.Message)
	}
	return b.String()
}

// CgoUnsure hedges a finding whose verdict is the deployment's
// CGO_ENABLED when its build does not declare one (settings.Build.
// CgoUndeclared): the package was judged as the go command builds by
// default, which may not be how the image's binary is built. cgo says
// what the judged build had. It returns a short suffix for the message
// and a note for the related information; "" and no note when the
// deployment declares CGO_ENABLED.
func CgoUnsure(d *settings.Deployment, cgo bool) (suffix string, note []analysis.RelatedInformation) {
	if d == nil || !d.Build.CgoUndeclared {
		return "", nil
	}
	judged := "CGO_ENABLED=1, its default where a C compiler is found"
	if !cgo {
		judged = "CGO_ENABLED=0, its default where no C compiler is found"
	}
	return " (may not apply: CGO_ENABLED not declared)", []analysis.RelatedInformation{
		Note("the deployment's build declares no CGO_ENABLED: judged as the go command builds here (%s)", judged)}
}
