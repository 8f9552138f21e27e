package cli

import (
	"encoding/xml"
	"io"
	"sort"
)

// The -format checkstyle output: Checkstyle's XML report (its XMLLogger),
// which Jenkins (warnings-ng), SonarQube, reviewdog and others import. One
// <file> per file with findings, one <error> per finding; severity is the
// finding's ([severity]: error, warning, info); source is
// "scratchvet.CHECK". Errors of the run (a package that does not load)
// are <error>s with source "scratchvet", at their position when they
// have one, else under the directory scratchvet ran in (".").

type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

func writeCheckstyle(w io.Writer, r results) error {
	byFile := map[string][]checkstyleError{}
	for _, f := range r.shown() {
		p := f.position()
		name := relPath(r.cwd, p.Filename)
		byFile[name] = append(byFile[name], checkstyleError{Line: p.Line, Column: p.Column,
			Severity: f.severity, Message: f.Message, Source: "scratchvet." + f.Check})
	}
	for _, e := range r.errs {
		file, line, col, msg, ok := errorPosition(e)
		name := "."
		if ok {
			name = relPath(r.cwd, file)
		} else {
			line = 0
		}
		byFile[name] = append(byFile[name], checkstyleError{Line: line, Column: col, Severity: "error", Message: msg, Source: "scratchvet"})
	}
	names := make([]string, 0, len(byFile))
	for name := range byFile {
		names = append(names, name)
	}
	sort.Strings(names)
	report := checkstyleReport{Version: "4.3"} // the version Checkstyle's own reports carry
	for _, name := range names {
		report.Files = append(report.Files, checkstyleFile{Name: name, Errors: byFile[name]})
	}
	return writeXML(w, report)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
