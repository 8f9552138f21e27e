// Package check declares scratchvet's checks. A check states its name,
// documentation, prerequisites and run function once, in a Check; the
// constructor (Check.Analyzer) makes the go/analysis analyzer every front
// end runs: it adds the settings analyzer, the documentation and URL, the
// suppression directives and [exclude] (report.Suppress), the selection
// of checks (settings.Settings.Enabled), and runs the check once per
// deployment, reporting a finding true on several deployments once
// (report.PerDeployment).
//
// The registry of checks is analyzers/suite.
package check

import (
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/scratchvet/scratchvet/internal/analysisutil"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/internal/settings"
)

// Check declares a check.
type Check struct {
	Name string
	// DocSource is the text of the check package's doc.go; its "# Analyzer
	// NAME" section is the check's documentation (its first line "NAME:
	// summary").
	DocSource string
	// AnyDeployment: the check judges the code alone, and its findings
	// hold whatever the image and the build (skipverify). Only such checks
	// run on a main package that no deployment declares in a repository
	// that declares others (settings.Settings.Undeployed); the others,
	// which judge the image or the build, would judge a deployment nobody
	// declared.
	AnyDeployment bool
	// Requires are the analyzers the check reads, besides the settings.
	Requires []*analysis.Analyzer
	// Run judges the package for one deployment. Its findings go to
	// pass.Report; a message names the deployments with
	// report.Deployments.
	Run func(pass *Pass) error
	// FileLocal declares that, in a package other than main, the findings
	// the check reports in a file follow from that file's syntax and
	// types, the package's declarations and imports, and its
	// dependencies' summaries: not from the function bodies of the
	// package's other files, nor from its own summary. A check that
	// reports only in package main (the whole program) is FileLocal. The
	// language server publishes an edited file's diagnostics before the
	// full check of its package ends when every check enabled there is
	// (lsp's early pass).
	FileLocal bool

	docOnce sync.Once
	doc     string
}

// Pass is what Run sees: the analysis pass, the package's settings and
// the deployment being judged.
type Pass struct {
	*analysis.Pass
	Settings   *settings.Settings
	Deployment *settings.Deployment
}

// Doc is the check's documentation, from its doc.go. It panics when the
// section is missing: a check without documentation is a bug (the
// registry's test finds it).
func (c *Check) Doc() string {
	c.docOnce.Do(func() { c.doc = analysisutil.MustExtractDoc(c.DocSource, c.Name) })
	return c.doc
}

// Summary is the first line of the documentation without "NAME: ".
func (c *Check) Summary() string {
	return analysisutil.Summary(c.Doc(), c.Name)
}

// URL is the check's documentation page.
func (c *Check) URL() string { return report.DocURL + c.Name + ".md" }

// Analyzer returns a new analyzer for the check whose settings are the
// result of settingsAnalyzer (settings.NewAnalyzer or NewFlagAnalyzer).
func (c *Check) Analyzer(settingsAnalyzer *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     c.Name,
		Doc:      c.Doc(),
		URL:      c.URL(),
		Requires: append([]*analysis.Analyzer{settingsAnalyzer}, c.Requires...),
		Run: func(pass *analysis.Pass) (any, error) {
			s, _ := pass.ResultOf[settingsAnalyzer].(*settings.Settings)
			if s == nil || !s.Enabled(c.Name) {
				return nil, nil
			}
			return nil, report.Suppress(pass, s, func(pass *analysis.Pass) error {
				return report.PerDeployment(pass, s.Deployments, func(pass *analysis.Pass, d *settings.Deployment) error {
					return c.Run(&Pass{Pass: pass, Settings: s, Deployment: d})
				})
			})
		},
	}
}
