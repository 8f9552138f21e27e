package cli

import (
	"encoding/json"
	"io"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/fixes"
)

// The -json output. Its schema is documented in docs/cli.md; fields are
// only ever added.
type jsonOutput struct {
	Target      string           `json:"target"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Errors      []string         `json:"errors"`
}

type jsonDiagnostic struct {
	Check     string    `json:"check"`
	File      string    `json:"file"`
	Line      int       `json:"line"`
	Column    int       `json:"column"`
	EndLine   int       `json:"endLine,omitempty"`
	EndColumn int       `json:"endColumn,omitempty"`
	Message   string    `json:"message"`
	Severity  string    `json:"severity"`
	Target    string    `json:"target"`
	URL       string    `json:"url"`
	Fixes     []jsonFix `json:"fixes,omitempty"`
	// Related is the related information: a whole-program finding's
	// cause and the imports that link it, notes on the build and the
	// remedy (those have no file).
	Related []jsonRelated `json:"related,omitempty"`
}

type jsonRelated struct {
	File      string `json:"file,omitempty"`
	Line      int    `json:"line,omitempty"`
	Column    int    `json:"column,omitempty"`
	EndLine   int    `json:"endLine,omitempty"`
	EndColumn int    `json:"endColumn,omitempty"`
	Message   string `json:"message"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	File    string `json:"file"`
	Offset  int    `json:"offset"` // byte offsets in the file as on disk
	End     int    `json:"end"`
	NewText string `json:"newText"`
}

func writeJSON(w io.Writer, targetName string, findings []finding, errs []string) error {
	out := jsonOutput{Target: targetName, Diagnostics: []jsonDiagnostic{}, Errors: errs}
	if out.Errors == nil {
		out.Errors = []string{}
	}
	for _, f := range findings {
		p := f.position()
		d := jsonDiagnostic{
			Check: f.Check, File: p.Filename, Line: p.Line, Column: p.Column,
			Message: f.Message, Severity: f.severity, Target: f.target,
		}
		if c := suite.Lookup(f.Check); c != nil {
			d.URL = c.URL()
		}
		if f.End.IsValid() {
			e := f.fset.Position(f.End)
			d.EndLine, d.EndColumn = e.Line, e.Column
		}
		for _, r := range f.related() {
			jr := jsonRelated{Message: r.Message}
			if r.Pos.IsValid() {
				p := f.fset.Position(r.Pos)
				jr.File, jr.Line, jr.Column = p.Filename, p.Line, p.Column
			}
			if r.End.IsValid() {
				e := f.fset.Position(r.End)
				jr.EndLine, jr.EndColumn = e.Line, e.Column
			}
			d.Related = append(d.Related, jr)
		}
		for _, fix := range f.SuggestedFixes {
			jf := jsonFix{Message: fix.Message, Edits: []jsonEdit{}}
			for _, edit := range fix.TextEdits {
				file, start, end, ok := fixes.Offsets(f.fset, edit.Pos, edit.End)
				if !ok {
					continue
				}
				jf.Edits = append(jf.Edits, jsonEdit{File: file, Offset: start, End: end, NewText: string(edit.NewText)})
			}
			if len(jf.Edits) > 0 {
				d.Fixes = append(d.Fixes, jf)
			}
		}
		out.Diagnostics = append(out.Diagnostics, d)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
