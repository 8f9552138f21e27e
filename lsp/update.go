package lsp

import (
	"errors"
	"fmt"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"

	"github.com/scratchvet/scratchvet/internal/load"
	"github.com/scratchvet/scratchvet/lsp/protocol"
)

// update re-checks the packages of the changed files against the view's
// listing and runs the checks of the commands that import them again. A
// file created or deleted, or whose build constraints, package clause or
// import "C" changed, makes its package be listed again alone (not the
// workspace); an import the listing does not know is listed with its
// dependencies. It returns false when the whole view must be listed
// again.
func (v *view) update(e *engine, files []string, ov overlay) bool {
	dirty := map[string]bool{}
	relist := map[string]bool{}    // files whose package is listed again
	leftOut := map[string]string{} // files the listing does not hold → their header
	for _, f := range files {
		pkgs := v.snap.PackagesOf(f)
		content, err := ov.read(f)
		if err != nil {
			if len(pkgs) > 0 {
				relist[f] = true // a listed file was deleted
			}
			delete(v.unlisted, f)
			delete(v.analysed, f) // its last text is not needed any more
			delete(v.headers, f)
			continue
		}
		if len(pkgs) == 0 {
			if !isPackageFile(f) || !v.listable(filepath.Dir(f)) {
				continue
			}
			h := fileHeader(content)
			if old, ok := v.unlisted[f]; ok && old == h {
				continue // left out for its build constraints, which did not change
			}
			relist[f] = true // a new file, or its constraints changed
			leftOut[f] = h
			continue
		}
		if old, ok := v.headers[f]; ok {
			if h := fileHeader(content); h != "" && h != old {
				relist[f] = true // it may now be left out
			}
		}
		if v.analysed[f] == hashOf(content) && !v.anyKept(pkgs) {
			continue // opened or closed without a change
		}
		for _, p := range pkgs {
			dirty[p] = true
		}
	}
	if len(relist) > 0 {
		changed := make([]string, 0, len(relist))
		for f := range relist {
			changed = append(changed, f)
		}
		sort.Strings(changed)
		pkgs, err := v.snap.RelistFiles(changed, ov.files)
		var unknown *load.UnknownImportsError
		if errors.As(err, &unknown) && v.snap.Extend(unknown.Importer, unknown.Imports) == nil {
			pkgs, err = v.snap.RelistFiles(changed, ov.files) // once: another package may need more
		}
		for f, h := range leftOut {
			v.unlisted[f] = h // until a listing holds it
		}
		if err != nil {
			if !errors.Is(err, load.ErrListAgain) {
				e.pub.logMessage(protocol.MessageLog, fmt.Sprintf("scratchvet: %v", err))
			}
			return false
		}
		for _, p := range pkgs {
			dirty[p] = true
		}
		for f := range leftOut {
			if len(v.snap.PackagesOf(f)) > 0 {
				delete(v.unlisted, f)
			}
		}
	}
	for p := range dirty {
		v.modified[p] = true // its export data may be out of date
	}
	rerun := map[string]bool{}
	for _, p := range v.snap.Roots() { // dependency order
		if !dirty[p] {
			continue
		}
		c := v.snap.Check(p, ov.files)
		if len(c.NewImports) > 0 {
			if err := v.snap.Extend(p, c.NewImports); err != nil {
				return false
			}
			if c = v.snap.Check(p, ov.files); len(c.NewImports) > 0 {
				return false
			}
		}
		if c.Package == nil {
			e.pub.logMessage(protocol.MessageLog, fmt.Sprintf("scratchvet: %s: %s", p, shortList(c.Errors, 3)))
			if c.ParseErrors {
				// The package keeps the results and summary of its last
				// check, moved to the current text as they are published.
				v.kept[p] = true
				continue
			}
			// It cannot be listed or read (no Go files left, say): like
			// the standalone checker, report nothing for it.
			delete(v.results, p)
			delete(v.mains, p)
			delete(v.kept, p)
			continue
		}
		if c.TypeErrors && v.staleDeps(p) {
			return false // export data of an edited dependency is out of date
		}
		v.snap.SetImports(p, c.Imports)
		v.checked(c)
		delete(v.kept, p)
		res := e.run(c, ov)
		if res.Program != nil {
			for _, a := range v.snap.Update(p, c.Package.Fset, res.Program.Local, res.Closure) {
				if v.mains[a] != nil && !dirty[a] {
					rerun[a] = true
				}
			}
		}
		v.results[p] = v.convert(e, c, res, ov)
		if c.Name == "main" {
			v.mains[p] = c
		} else {
			delete(v.mains, p)
		}
	}
	if len(rerun) > 0 {
		// The edited packages' results are final: publish them now, and
		// hold the files where the commands still to check report.
		hold := map[string]bool{}
		for p := range rerun {
			for file := range v.results[p] {
				hold[file] = true
			}
		}
		e.publish(ov, hold)
	}
	for _, p := range v.snap.Roots() {
		if rerun[p] {
			c := v.mains[p]
			v.results[p] = v.convert(e, c, e.run(c, ov), ov)
		}
	}
	// The commands not run again (their closures did not change) may show
	// findings at causes in the edited files that were checked again: same
	// places, new text.
	for _, f := range files {
		content, err := ov.read(f)
		if err != nil || v.analysed[f] != hashOf(content) {
			continue // not checked again (it does not parse): as it was
		}
		h := hashOf(content)
		for p, res := range v.results {
			if dirty[p] || rerun[p] {
				continue
			}
			for _, it := range res[f] {
				it.hash = h
			}
		}
	}
	return true
}

// checked records the text a package was checked on: its files' hashes,
// build headers, and the text itself, so that its results (and the causes
// its summary places there) can be moved to later text while it does not
// parse. The text is kept, not read again from disk when needed: by then
// a save, or another program writing the file, may have replaced it (what
// is kept is the workspace's own source, a few megabytes in a large
// module).
func (v *view) checked(c *load.Checked) {
	for file, src := range c.Sources {
		h := hashOf(src)
		if old, ok := v.analysed[file]; !ok || old != h {
			v.headers[file] = fileHeader(src)
		}
		v.analysed[file] = h
		v.texts[h] = src
	}
}

// anyKept reports whether one of the packages keeps the results of a
// check before its current state (it did not parse since): a file back at
// the text it was checked on does not make them current again, since its
// package's other files, its listing or its imports may have changed.
func (v *view) anyKept(pkgs []string) bool {
	for _, p := range pkgs {
		if v.kept[p] {
			return true
		}
	}
	return false
}

// staleDeps reports whether a package imports one edited since the
// listing, whose export data may no longer match its source.
func (v *view) staleDeps(pkg string) bool {
	for dep := range v.modified {
		if dep != pkg && v.snap.DependsOn(pkg, dep) {
			return true
		}
	}
	return false
}

// isPackageFile reports whether a file may belong to a package the view
// lists: a Go file, not a test (the listing has no tests).
func isPackageFile(path string) bool {
	return strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go")
}

// listable reports whether the view's patterns (./...) may match a
// package in dir: not in testdata, vendor, or a directory whose name
// starts with "." or "_", which ./... leaves out.
func (v *view) listable(dir string) bool {
	for _, m := range v.modDirs {
		rel, err := filepath.Rel(m, dir)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		for _, elem := range strings.Split(filepath.ToSlash(rel), "/") {
			if elem == "testdata" || elem == "vendor" || elem != "." && (strings.HasPrefix(elem, ".") || strings.HasPrefix(elem, "_")) {
				return false
			}
		}
		return true
	}
	return v.adhoc != ""
}

// fileHeader returns what of a file decides whether and how go list lists
// it: its build constraint lines, its package name and whether it imports
// "C" ("" when the header does not parse).
func fileHeader(src []byte) string {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly|parser.ParseComments)
	if err != nil || f.Name == nil {
		return ""
	}
	var b strings.Builder
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		for _, c := range cg.List {
			if constraint.IsGoBuild(c.Text) || constraint.IsPlusBuild(c.Text) {
				b.WriteString(c.Text)
				b.WriteByte('\n')
			}
		}
	}
	b.WriteString("package " + f.Name.Name)
	for _, spec := range f.Imports {
		if spec.Path != nil && spec.Path.Value == `"C"` {
			b.WriteString("; import \"C\"")
			break
		}
	}
	return b.String()
}

// syncTexts forgets the texts that neither a file's last check nor a
// result refers to any more.
func (v *view) syncTexts() {
	keep := map[hash]bool{}
	for _, h := range v.analysed {
		keep[h] = true
	}
	for _, res := range v.results {
		for _, items := range res {
			for _, it := range items {
				keep[it.hash] = true
				for _, h := range it.relHashes {
					keep[h] = true
				}
			}
		}
	}
	for h := range v.texts {
		if !keep[h] {
			delete(v.texts, h)
		}
	}
}
