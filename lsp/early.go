package lsp

import (
	"go/ast"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/program"
)

// publishEarly is a round's early pass (issue 19): after an edit of one
// file of a package other than main, it publishes the file's diagnostics
// before the package's full check, from a check in which only that file
// has its function bodies (load.Snapshot.CheckFile: a fraction of the
// type checker's work). It publishes only what the full round will find:
//
//   - every check enabled for the package is check.Check.FileLocal: its
//     findings in the file follow from the file's syntax and types, which
//     are those of the full check, and the package's declarations and
//     imports, which the other files keep;
//   - no command reports in the file, now or after the round: no other
//     package's results are there, and the file holds no site (a command
//     reports only at causes, which are sites; the early check finds at
//     least the full check's sites in the file);
//   - the round checks the package as it is listed, against export data
//     that is current: the file's build header is unchanged, its imports
//     are known, no dependency was edited since the listing, and the
//     package keeps no older results (it parsed since);
//   - the file has no type errors, and the round has only this change.
//
// The full round then runs as always and republishes the file only if
// its diagnostics differ (publishFile), which they should not: tests
// compare the two (earlyHook). Versions are the round's, as its other
// publications'.
func (e *engine) publishEarly(w work, ov overlay) {
	e.earlyFile, e.earlyData = "", ""
	if len(w.dirty) != 1 || w.reload || len(w.reloads) > 0 || w.settings {
		return
	}
	var file string
	for f := range w.dirty {
		file = f
	}
	v := e.viewFor(file)
	if v == nil || v.snap == nil || v.stale || v.failed || v.adhoc != "" {
		return
	}
	pkgs := v.snap.PackagesOf(file)
	if len(pkgs) != 1 {
		return
	}
	pkg := pkgs[0]
	content, err := ov.read(file)
	if err != nil {
		return
	}
	h := ov.hash(file, content)
	if v.analysed[file] == h || v.kept[pkg] {
		return // nothing to check, or the round decides from older results
	}
	if header, ok := v.headers[file]; !ok || header != fileHeader(content) {
		return // the round may list the package again
	}
	info, ok := v.snap.Info(pkg)
	if !ok || !info.Root || info.Name == "main" || v.staleDeps(pkg) {
		return
	}
	for other, res := range v.results {
		if other != pkg && len(res[file]) > 0 {
			return // a command reports here
		}
	}
	mayHaveSites := program.MayHaveSites(content)
	if mayHaveSites && v.sites[file] {
		return // as at the last try: it held sites, and its bytes may still
	}
	delete(v.sites, file)
	c := v.snap.CheckFile(pkg, file, ov.files)
	if c.Package == nil || len(c.Errors) > 0 || len(c.NewImports) > 0 {
		return
	}
	// The file's sites, from its syntax and types alone: at least those
	// the full check finds there (the package's other files can only
	// take sites away: a program probed for, CA roots set).
	var syntax *ast.File
	for _, f := range c.Package.Files {
		if c.Package.Fset.File(f.Pos()).Name() == file {
			syntax = f
		}
	}
	if syntax == nil {
		return
	}
	for _, site := range program.Summarize(c.Package.Fset, []*ast.File{syntax}, c.Package.TypesInfo).Sites {
		if tf := c.Package.Fset.File(site.Pos); tf == nil || tf.Name() == file {
			if mayHaveSites {
				v.sites[file] = true // skip the check next time while the bytes may still hold sites
			}
			return // a command may report at this site
		}
	}
	s, err := e.packageSettings(c)
	if err != nil || !suite.FileLocal(s) {
		return
	}
	c.Package.Settings = s
	c.Package.Overlay = ov.files
	res := driver.Run(c.Package, suite.Enabled(suite.New(e.resolver), s))
	if len(res.Errors) > 0 {
		return // the full round reports them
	}
	if e.newerChanges() {
		return // the round will not publish (publish)
	}
	v.early = map[string]hash{file: h}
	found := v.convert(e, c, res, ov)[file]
	v.early = nil
	var items []*diagItem
	for _, it := range found {
		if moved := e.moveItem(it, ov); moved != nil {
			items = append(items, moved)
		}
	}
	items = dedupeItems(items)
	e.publishFile(ov, file, items)
	e.mu.Lock()
	e.items[file] = items
	e.earlyRounds++
	e.mu.Unlock()
	e.earlyFile, e.earlyData = file, e.published[file]
}
