package cli

import (
	"encoding/json"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/report"
	"github.com/scratchvet/scratchvet/internal/textpos"
)

// The -format sarif output: SARIF 2.1.0 (OASIS), as GitHub code scanning
// reads it. Rule ids are the check names; the rules are every check of the
// suite in documentation order, so a rule's index never depends on -checks.
// Paths are relative to the directory scratchvet ran in, under the base id
// %SRCROOT%, so that the log does not depend on where the checkout is.

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	srcRoot      = "%SRCROOT%"
	toolURI      = "https://github.com/scratchvet/scratchvet"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
	Properties  map[string]any    `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

type sarifResult struct {
	RuleID           string             `json:"ruleId"`
	RuleIndex        *int               `json:"ruleIndex,omitempty"` // nil: not a check (report.SuiteCheck)
	Level            string             `json:"level"`
	Message          sarifText          `json:"message"`
	Locations        []sarifLocation    `json:"locations"`
	RelatedLocations []sarifLocation    `json:"relatedLocations,omitempty"`
	Suppressions     []sarifSuppression `json:"suppressions,omitempty"`
	Fixes            []sarifFix         `json:"fixes,omitempty"`
	Properties       map[string]any     `json:"properties,omitempty"`
}

// sarifFix is a suggested fix: replacements of regions in files.
type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent *sarifText  `json:"insertedContent,omitempty"`
}

type sarifLocation struct {
	ID               *int                   `json:"id,omitempty"`
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"` // nil: a note without a position
	Message          *sarifText             `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifSuppression struct {
	Kind          string         `json:"kind"`
	Justification string         `json:"justification,omitempty"`
	Location      *sarifLocation `json:"location,omitempty"`
}

// sarifWriter converts positions: paths relative to cwd, byte columns to
// the code points SARIF counts.
type sarifWriter struct {
	cwd   string
	lines map[string][]string // file → its lines, read once
}

func writeSARIF(w io.Writer, cwd, targetName string, findings []finding, errs []string) error {
	sw := &sarifWriter{cwd: cwd, lines: map[string][]string{}}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "scratchvet", Version: Version(), InformationURI: toolURI, Rules: sarifRules(),
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: len(errs) == 0}},
		ColumnKind:  "unicodeCodePoints",
		Results:     []sarifResult{},
		Properties:  map[string]any{"target": targetName},
	}
	for _, e := range errs {
		run.Invocations[0].Notifications = append(run.Invocations[0].Notifications,
			sarifNotification{Level: "error", Message: sarifText{Text: e}})
	}
	index := map[string]int{}
	for i, name := range suite.Names() {
		index[name] = i
	}
	for _, f := range findings {
		r := sarifResult{
			RuleID: f.Check, Level: sarifLevel(f.severity),
			Message:    sarifText{Text: f.Message},
			Locations:  []sarifLocation{sw.location(f, f.Pos, f.End, "")},
			Properties: map[string]any{"target": f.target},
		}
		if i, ok := index[f.Check]; ok {
			r.RuleIndex = &i
		}
		related := f.Related
		if pos, reason, ok := report.Suppressed(f.Diagnostic); ok {
			if pos.IsValid() {
				loc := sw.location(f, pos, 0, "")
				r.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: reason, Location: &loc}}
			} else { // the config file's [exclude]
				r.Suppressions = []sarifSuppression{{Kind: "external", Justification: reason}}
			}
			related = related[1:]
		}
		r.Fixes = sw.fixes(f)
		for i, rel := range related {
			loc := sw.location(f, rel.Pos, rel.End, rel.Message)
			id := i + 1
			loc.ID = &id
			r.RelatedLocations = append(r.RelatedLocations, loc)
		}
		run.Results = append(run.Results, r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// sarifRules describes every check from its documentation: the summary,
// the whole Doc, and its page.
func sarifRules() []sarifRule {
	var rules []sarifRule
	for _, c := range suite.Checks() {
		rules = append(rules, sarifRule{
			ID: c.Name, Name: c.Name,
			ShortDescription:     sarifText{Text: c.Summary()},
			FullDescription:      sarifText{Text: docBody(c.Doc(), c.Summary())},
			Help:                 sarifText{Text: docBody(c.Doc(), c.Summary()) + "\n\nDocumentation: " + c.URL()},
			HelpURI:              c.URL(),
			DefaultConfiguration: sarifConfig{Level: "warning"},
			Properties:           map[string]any{"tags": []string{"scratchvet", "deployment"}},
		})
	}
	return rules
}

// docBody is the Doc without its "name: summary" first line when more
// follows (the summary is the shortDescription).
func docBody(doc, summary string) string {
	_, rest, _ := strings.Cut(doc, "\n")
	if rest = strings.TrimSpace(rest); rest == "" {
		return summary
	}
	return rest
}

func (sw *sarifWriter) location(f finding, pos, end token.Pos, msg string) sarifLocation {
	var loc sarifLocation
	if msg != "" {
		loc.Message = &sarifText{Text: msg}
	}
	if !pos.IsValid() {
		return loc
	}
	p := f.fset.Position(pos)
	reg := &sarifRegion{StartLine: p.Line, StartColumn: sw.column(p.Filename, p.Line, p.Column)}
	if end.IsValid() {
		e := f.fset.Position(end)
		reg.EndLine, reg.EndColumn = e.Line, sw.column(e.Filename, e.Line, e.Column)
	}
	loc.PhysicalLocation = &sarifPhysicalLocation{ArtifactLocation: sw.artifact(p.Filename), Region: reg}
	return loc
}

// artifact names a file relative to %SRCROOT% (the working directory), or
// by an absolute file URI outside it.
func (sw *sarifWriter) artifact(file string) sarifArtifactLocation {
	if rel, err := filepath.Rel(sw.cwd, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return sarifArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(rel)}).EscapedPath(), URIBaseID: srcRoot}
	}
	return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: filepath.ToSlash(file)}).String()}
}

// column converts a 1-based byte column to code points, reading the line
// from the file; it keeps the byte column when the file cannot be read.
func (sw *sarifWriter) column(file string, line, col int) int {
	if col <= 0 {
		return col
	}
	lines, ok := sw.lines[file]
	if !ok {
		if data, err := os.ReadFile(file); err == nil {
			lines = strings.Split(string(data), "\n")
		}
		sw.lines[file] = lines
	}
	if line < 1 || line > len(lines) || col-1 > len(lines[line-1]) {
		return col
	}
	return utf8.RuneCountInString(lines[line-1][:col-1]) + 1
}

// sarifLevel maps a severity ([severity] in the config) to a SARIF level.
func sarifLevel(severity string) string {
	switch severity {
	case "error":
		return "error"
	case "info":
		return "note"
	}
	return "warning"
}

// fixes converts the finding's suggested fixes. GitHub code scanning
// ignores them; other SARIF viewers (and scripts) can apply them.
func (sw *sarifWriter) fixes(f finding) []sarifFix {
	var out []sarifFix
	for _, fix := range f.SuggestedFixes {
		sf := sarifFix{Description: sarifText{Text: fix.Message}}
		byFile := map[string]int{} // file → index in ArtifactChanges
		for _, edit := range fix.TextEdits {
			if !edit.Pos.IsValid() {
				continue
			}
			// Regions of the text as stored, whatever //line directives say.
			start := textpos.Position(f.fset, edit.Pos)
			end := start
			if edit.End.IsValid() {
				end = textpos.Position(f.fset, edit.End)
			}
			i, ok := byFile[start.Filename]
			if !ok {
				i = len(sf.ArtifactChanges)
				byFile[start.Filename] = i
				sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactChange{ArtifactLocation: sw.artifact(start.Filename)})
			}
			rep := sarifReplacement{DeletedRegion: sarifRegion{
				StartLine: start.Line, StartColumn: sw.column(start.Filename, start.Line, start.Column),
				EndLine: end.Line, EndColumn: sw.column(end.Filename, end.Line, end.Column),
			}}
			if len(edit.NewText) > 0 {
				rep.InsertedContent = &sarifText{Text: string(edit.NewText)}
			}
			sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, rep)
		}
		if len(sf.ArtifactChanges) > 0 {
			out = append(out, sf)
		}
	}
	return out
}
