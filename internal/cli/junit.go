package cli

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"

	"github.com/scratchvet/scratchvet/analyzers/suite"
)

// The -format junit output: JUnit XML, as GitLab (artifacts:reports:junit),
// Jenkins, Azure Pipelines and CircleCI show test results. One <testsuite>
// per file with findings; one <testcase> per finding, named
// "CHECK file:line:col", with a <failure> (type: the severity) for
// findings of severity error and warning, and none for info (shown in
// <system-out>, not failing, as the exit status does not). Errors of the
// run are test cases with an <error> in a suite "scratchvet".

type junitTestSuites struct {
	XMLName  xml.Name         `xml:"testsuites"`
	Name     string           `xml:"name,attr"`
	Tests    int              `xml:"tests,attr"`
	Failures int              `xml:"failures,attr"`
	Errors   int              `xml:"errors,attr"`
	Suites   []junitTestSuite `xml:"testsuite"`
}

type junitTestSuite struct {
	Name     string          `xml:"name,attr"`
	Tests    int             `xml:"tests,attr"`
	Failures int             `xml:"failures,attr"`
	Errors   int             `xml:"errors,attr"`
	Cases    []junitTestCase `xml:"testcase"`
}

type junitTestCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func writeJUnit(w io.Writer, r results) error {
	byFile := map[string]*junitTestSuite{}
	for _, f := range r.shown() {
		p := f.position()
		name := relPath(r.cwd, p.Filename)
		s := byFile[name]
		if s == nil {
			s = &junitTestSuite{Name: name}
			byFile[name] = s
		}
		where := fmt.Sprintf("%s:%d:%d", name, p.Line, p.Column)
		detail := fmt.Sprintf("%s: %s (%s, target %s)", where, f.Message, f.Check, f.target)
		if c := suite.Lookup(f.Check); c != nil {
			detail += "\nDocumentation: " + c.URL()
		}
		c := junitTestCase{Name: f.Check + " " + where, ClassName: name}
		if f.severity == "info" {
			c.SystemOut = detail
		} else {
			c.Failure = &junitProblem{Message: f.Message, Type: f.severity, Text: detail}
			s.Failures++
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
	}
	names := make([]string, 0, len(byFile))
	for name := range byFile {
		names = append(names, name)
	}
	sort.Strings(names)
	out := junitTestSuites{Name: "scratchvet"}
	for _, name := range names {
		out.Suites = append(out.Suites, *byFile[name])
	}
	if len(r.errs) > 0 {
		s := junitTestSuite{Name: "scratchvet"}
		for i, e := range r.errs {
			s.Cases = append(s.Cases, junitTestCase{Name: fmt.Sprintf("error %d", i+1), ClassName: "scratchvet",
				Error: &junitProblem{Message: e, Type: "error", Text: e}})
			s.Tests++
			s.Errors++
		}
		out.Suites = append(out.Suites, s)
	}
	for _, s := range out.Suites {
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
	}
	return writeXML(w, out)
}
