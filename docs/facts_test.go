// Package docs holds the project's documentation; its test keeps the
// citations of docs/FACTS.md honest.
package docs

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// anchors returns the GitHub anchors of a Markdown file's headings.
func anchors(md []byte) map[string]bool {
	out := map[string]bool{}
	inFence := false
	for _, line := range strings.Split(string(md), "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		if inFence || !strings.HasPrefix(line, "#") {
			continue
		}
		out[slug(strings.TrimSpace(strings.TrimLeft(line, "#")))] = true
	}
	return out
}

// slug is GitHub's heading anchor: lower case, spaces to hyphens, and every
// character other than letters, digits, hyphens and underscores dropped.
func slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestSlug(t *testing.T) {
	for heading, want := range map[string]string{
		"Starting at all: loader and libc": "starting-at-all-loader-and-libc",
		"/proc":                            "proc",
		"What container runtimes give a container": "what-container-runtimes-give-a-container",
	} {
		if got := slug(heading); got != want {
			t.Errorf("slug(%q) = %q, want %q", heading, got, want)
		}
	}
}

// trackedFiles lists the repository's files as git knows them.
func trackedFiles(t *testing.T) (root string, files []string) {
	t.Helper()
	out, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skipf("not in a git checkout: %v", err)
	}
	root = strings.TrimSpace(string(out))
	out, err = exec.Command("git", "-C", root, "ls-files", "-z").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range bytes.Split(out, []byte{0}) {
		if len(f) > 0 {
			files = append(files, string(f))
		}
	}
	return root, files
}

// Every citation of docs/FACTS.md names a section that exists, and no file
// of the project names a path outside it (the facts it cites live in the
// repository) or cites facts by the numbering of another document.
func TestFactsCitations(t *testing.T) {
	root, files := trackedFiles(t)
	facts, err := os.ReadFile(filepath.Join(root, "docs", "FACTS.md"))
	if err != nil {
		t.Fatal(err)
	}
	known := anchors(facts)
	cite := regexp.MustCompile(`FACTS\.md#([A-Za-z0-9_-]+)`)
	outside := regexp.MustCompile(`\.\./shared/|/work/(shared|main|wt|\.library|\.mirror)\b`)
	// "FACTS.md §3" cites another document's numbering.
	oldStyle := regexp.MustCompile(`FACTS\.md` + ` §`)
	self := filepath.ToSlash(filepath.Join("docs", "facts_test.go"))
	citations := 0
	for _, name := range files {
		if name == self {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil || bytes.IndexByte(data, 0) >= 0 {
			continue // deleted in the work tree, or binary
		}
		for i, line := range strings.Split(string(data), "\n") {
			for _, m := range cite.FindAllStringSubmatch(line, -1) {
				citations++
				if !known[m[1]] {
					t.Errorf("%s:%d cites docs/FACTS.md#%s, which has no such section", name, i+1, m[1])
				}
			}
			if loc := outside.FindString(line); loc != "" {
				t.Errorf("%s:%d names %q, a path outside the repository", name, i+1, loc)
			}
			if oldStyle.MatchString(line) {
				t.Errorf("%s:%d cites FACTS.md by section number; cite docs/FACTS.md#section", name, i+1)
			}
		}
	}
	if citations < 20 {
		t.Errorf("found %d citations of docs/FACTS.md sections; the scan is broken", citations)
	}
}
