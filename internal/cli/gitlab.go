package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// The -format gitlab output: GitLab's code quality report
// (artifacts:reports:codequality), a subset of the Code Climate issue
// format. Each finding is an object with GitLab's required fields:
// description, check_name, fingerprint, severity and location.path with
// location.lines.begin. Paths are relative to the directory scratchvet ran
// in (run it at the repository root). The fingerprint hashes the check,
// the path, the message and the finding's rank among identical ones, not
// the line, so that a finding keeps its identity when lines move above it.
// Errors of the run have no place in the format: they go to standard error.

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

// gitlabSeverity maps [severity] to GitLab's scale (info, minor, major,
// critical, blocker).
var gitlabSeverity = map[string]string{"error": "major", "warning": "minor", "info": "info"}

func writeGitLab(w io.Writer, r results) error {
	issues := []gitlabIssue{}
	seen := map[string]int{}
	for _, f := range r.shown() {
		p := f.position()
		path := relPath(r.cwd, p.Filename)
		key := strings.Join([]string{f.Check, path, f.Message}, "\x00")
		seen[key]++
		sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(seen[key])))
		sev := gitlabSeverity[f.severity]
		if sev == "" {
			sev = "minor"
		}
		issues = append(issues, gitlabIssue{
			Description: f.Message, CheckName: f.Check, Fingerprint: hex.EncodeToString(sum[:16]),
			Severity: sev, Location: gitlabLocation{Path: path, Lines: gitlabLines{Begin: p.Line}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}
