package vettool

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"

	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/fixes"
)

// outputMode is how go vet asked for results.
type outputMode struct {
	json, fix, diff bool
}

// The JSON that go vet parses (cmd/go/internal/vet: jsonTree): package
// ID → check → diagnostics, or {"error": ...}.
type jsonDiagnostic struct {
	Posn           string        `json:"posn"`
	End            string        `json:"end"`
	Message        string        `json:"message"`
	SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
	Related        []jsonRelated `json:"related,omitempty"`
}

// jsonRelated is related information, as unitchecker writes it.
type jsonRelated struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

type jsonError struct {
	Err string `json:"error"`
}

// report prints or applies the results. Go 1.26's go vet passes -json and
// prints the diagnostics itself; older ones read plain text on stderr.
func report(cfg *config, pkg *driver.Package, res *driver.Result, mode outputMode, out, stderr io.Writer) int {
	fset := pkg.Fset
	switch {
	case mode.fix:
		return fix(cfg, pkg, res, mode.diff, out, stderr)
	case mode.json:
		tree := map[string]any{}
		for _, err := range res.Errors {
			tree["scratchvet"] = jsonError{Err: err.Error()}
		}
		for _, f := range res.Findings {
			list, _ := tree[f.Check].([]jsonDiagnostic)
			tree[f.Check] = append(list, toJSON(fset, f))
		}
		if len(tree) == 0 {
			return 0
		}
		data, err := json.MarshalIndent(map[string]any{cfg.ID: tree}, "", "\t")
		if err != nil {
			fmt.Fprintf(stderr, "scratchvet: %v\n", err)
			return 1
		}
		fmt.Fprintf(out, "%s\n", data)
		return 0
	}
	for _, err := range res.Errors {
		fmt.Fprintf(stderr, "scratchvet: %s: %v\n", cfg.ImportPath, err)
	}
	for _, f := range res.Findings {
		fmt.Fprintf(stderr, "%s: %s\n", fset.Position(f.Pos), f.Message)
	}
	if len(res.Findings) > 0 || len(res.Errors) > 0 {
		return 1
	}
	return 0
}

func toJSON(fset *token.FileSet, f driver.Finding) jsonDiagnostic {
	d := jsonDiagnostic{Posn: fset.Position(f.Pos).String(), Message: f.Message}
	if f.End.IsValid() {
		d.End = fset.Position(f.End).String()
	}
	for _, r := range f.Related {
		// go vet prints each as "posn: \tmessage": a note without a
		// position (the build, the remedy) is shown at the finding.
		jr := jsonRelated{Message: r.Message, Posn: d.Posn}
		if r.Pos.IsValid() {
			jr.Posn = fset.Position(r.Pos).String()
		}
		if r.End.IsValid() {
			jr.End = fset.Position(r.End).String()
		}
		d.Related = append(d.Related, jr)
	}
	for _, sf := range f.SuggestedFixes {
		jf := jsonFix{Message: sf.Message, Edits: []jsonEdit{}}
		for _, e := range sf.TextEdits {
			if file, start, end, ok := fixes.Offsets(fset, e.Pos, e.End); ok {
				jf.Edits = append(jf.Edits, jsonEdit{Filename: file, Start: start, End: end, New: string(e.NewText)})
			}
		}
		if len(jf.Edits) > 0 {
			d.SuggestedFixes = append(d.SuggestedFixes, jf)
		}
	}
	return d
}

// fix applies the fixes: into the archive that go fix / go vet -fix asks
// for, or in place, or as diffs on stdout. Either every file is fixed or
// none (fixes.Apply).
func fix(cfg *config, pkg *driver.Package, res *driver.Result, diffOnly bool, out, stderr io.Writer) int {
	items := make([]fixes.Item, len(res.Findings))
	for i, f := range res.Findings {
		items[i] = fixes.Item{Fset: pkg.Fset, Diagnostic: f.Diagnostic}
	}
	opts := fixes.Options{
		Analysed: func(file string) (fixes.Sum, bool) {
			src, ok := pkg.Sources[file]
			return fixes.SumOf(src), ok
		},
		Write: fixes.WriteFiles,
	}
	if cfg.FixArchive != "" && !diffOnly {
		opts.Write = func(changes []fixes.Change) error { return writeFixArchive(cfg, changes) }
	}
	if diffOnly {
		opts.Diff = out
	}
	result := fixes.Apply(items, opts)
	status := 0
	for _, e := range result.Errors {
		fmt.Fprintf(stderr, "scratchvet: %s\n", e)
		status = 1
	}
	return status
}

// writeFixArchive writes the fixed files into the zip archive go vet -fix
// asks for (the go command applies them), through a temporary file renamed
// into place, so that a failed write leaves no partial archive.
func writeFixArchive(cfg *config, changes []fixes.Change) error {
	dir, base := filepath.Split(cfg.FixArchive)
	f, err := os.CreateTemp(dir, base+".tmp-*")
	if err != nil {
		return err
	}
	archive := zip.NewWriter(f)
	archive.SetComment(cfg.ID)
	for _, c := range changes {
		w, err := archive.Create(c.Name)
		if err == nil {
			_, err = w.Write(c.New)
		}
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			return err
		}
	}
	err = archive.Close()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), cfg.FixArchive)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
