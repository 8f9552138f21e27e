package lsp

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scratchvet/scratchvet/lsp/protocol"
)

// TestDifferential drives the server through a seeded random editing
// session and, after every step's $/scratchvet/diagnosticsDone, compares
// its diagnostics with what `scratchvet -json ./...` reports on the same
// text (issue 15). The session adds and removes imports, flips a time zone
// constant, turns InsecureSkipVerify on and off, adds suppressions, breaks
// and repairs the syntax, inserts lines, flips a //go:build line, edits a
// cgo package, creates, opens, saves, closes and deletes files, and
// applies quick fixes.
//
// What is compared, per file: every diagnostic the server publishes
// (except the copies of a command's findings it shows at their causes in
// the workspace, which the command line does not print: each must repeat a
// finding of the command line) against every finding of the command line:
// check, range, severity and message. The command line reads the disk, so
// it runs on a copy of the session's files with the editor's text. A
// round's early publication (publishEarly) must equal what the round
// ends with.
//
// While a package does not parse, the expected diagnostics are the ones
// docs/editors.md defines: the command line's findings on the package's
// last text that parsed (written in its place in the copy; the other
// packages as they are), moved to the current text by lineMap and
// moveRange (dropped where a line they span changed). Every publication
// for an open document with diagnostics must carry its current version.
//
// SCRATCHVET_DIFF_STEPS sets the number of steps (default 20, the brief
// run of `make lsp`), SCRATCHVET_DIFF_SEED the seed (default 1):
//
//	SCRATCHVET_DIFF_STEPS=400 SCRATCHVET_DIFF_SEED=7 go test -run TestDifferential ./lsp/
func TestDifferential(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command line after every step: not in -short mode")
	}
	steps, seed := envInt(t, "SCRATCHVET_DIFF_STEPS", 20), envInt(t, "SCRATCHVET_DIFF_SEED", 1)
	t.Logf("seed %d, %d steps (SCRATCHVET_DIFF_SEED, SCRATCHVET_DIFF_STEPS)", seed, steps)
	s := newDiffSession(t, int64(seed))
	defer s.finish()
	s.settle("open")
	for step := 1; step <= steps && !t.Failed(); step++ {
		s.step = step
		s.randomAction()
		s.settle(s.log[len(s.log)-1])
	}
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		t.Fatalf("%s=%q: want a number", name, v)
	}
	return n
}

// diffSession is the editor's side of the differential test.
type diffSession struct {
	t       *testing.T
	c       *fakeClient
	rng     *rand.Rand
	bin     string // scratchvet, for the command line's findings
	cgo     bool
	step    int
	log     []string                     // the actions so far
	frozen  map[string]map[string]string // package dir → its files' last text that parsed
	created int
	jobs    chan diffJob
	done    sync.WaitGroup
	cache   map[[32]byte][]cliFinding // command-line findings by the copy's content
	shadow  string
	early   *earlyLog // the early publications that differ from their round's end
	// Time waiting for the server's rounds and running the command line,
	// and the command line's runs (the others came from the cache).
	serverTime, cliTime time.Duration
	cliRuns             int
}

// diffJob is one state to compare: the server's diagnostics and the texts
// the command line must see, captured after a round.
type diffJob struct {
	step    int
	action  string
	current map[string]string // rel → current text (files that exist)
	copy    map[string]string // rel → text of the command line's copy
	moved   map[string]bool   // rel → in a package that does not parse
	server  map[string][]protocol.Diagnostic
	history string
}

func newDiffSession(t *testing.T, seed int64) *diffSession {
	s := &diffSession{
		t: t, rng: rand.New(rand.NewSource(seed)), frozen: map[string]map[string]string{},
		jobs: make(chan diffJob, 64), cache: map[[32]byte][]cliFinding{}, shadow: t.TempDir(),
	}
	s.cgo = cgoAvailable()
	if !s.cgo && os.Getenv("CI") == "true" {
		t.Fatal("cgo is not available (CGO_ENABLED=1 and gcc)")
	}
	s.bin = buildBinary(t)
	s.c = newClient(t, "differential.txtar")
	if !s.cgo {
		t.Log("cgo not available: the session runs without its cgo package")
		os.RemoveAll(filepath.Join(s.c.dir, "internal", "cgoz"))
		main := filepath.Join(s.c.dir, "cmd", "app", "main.go")
		data, _ := os.ReadFile(main)
		text := strings.Replace(string(data), "\t\"example.com/diff/internal/cgoz\"\n", "", 1)
		text = strings.Replace(text, ", cgoz.Rand()", "", 1)
		os.WriteFile(main, []byte(text), 0o644)
	}
	s.early = watchEarly(s.c)
	s.c.initialize(nil)
	s.c.open("cmd/app/main.go")
	s.done.Add(1)
	go s.compareLoop()
	return s
}

func cgoAvailable() bool {
	out, err := exec.Command("go", "env", "CGO_ENABLED").Output()
	if err != nil || strings.TrimSpace(string(out)) != "1" {
		return false
	}
	_, err = exec.LookPath("gcc")
	return err == nil
}

func (s *diffSession) finish() {
	close(s.jobs)
	s.done.Wait()
	s.t.Logf("%d steps: %v waiting for the server, %v in %d runs of the command line (the others from its cache)",
		s.step, s.serverTime.Round(time.Millisecond), s.cliTime.Round(time.Millisecond), s.cliRuns)
	s.early.check(s.t)
	s.t.Logf("%d rounds published early", s.c.earlyRounds())
}

// The editor's side: documents are open or not; the text of a file is
// the open document's, or the disk's.

func (s *diffSession) path(rel string) string { return filepath.Join(s.c.dir, filepath.FromSlash(rel)) }

func (s *diffSession) isOpen(rel string) bool {
	s.c.mu.Lock()
	defer s.c.mu.Unlock()
	_, ok := s.c.versions[s.c.uri(rel)]
	return ok
}

func (s *diffSession) text(rel string) (string, bool) {
	if s.isOpen(rel) {
		return s.c.text(s.c.uri(rel)), true
	}
	data, err := os.ReadFile(s.path(rel))
	return string(data), err == nil
}

// goFiles returns the Go files of the workspace (relative, slash-separated).
func (s *diffSession) goFiles() []string {
	var out []string
	filepath.WalkDir(s.c.dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") {
			rel, _ := filepath.Rel(s.c.dir, path)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func (s *diffSession) openDoc(rel string) {
	if !s.isOpen(rel) {
		s.c.open(rel)
	}
}

func (s *diffSession) closeDoc(rel string) {
	uri := s.c.uri(rel)
	s.c.mu.Lock()
	delete(s.c.versions, uri)
	delete(s.c.texts, uri)
	s.c.mu.Unlock()
	s.c.notify(protocol.MethodDidClose, protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}})
}

// change opens the file if needed and applies the replacements (old → new,
// each on the text after the previous) as one didChange.
func (s *diffSession) change(rel string, pairs ...[2]string) {
	s.openDoc(rel)
	uri := s.c.uri(rel)
	text := s.c.text(uri)
	var edits []protocol.TextEdit
	for _, p := range pairs {
		i := strings.Index(text, p[0])
		if i < 0 {
			s.t.Fatalf("step %d: %s has no %q", s.step, rel, p[0])
		}
		if p[0] == "" { // append
			i = len(text)
		}
		r, err := protocol.NewMapper([]byte(text)).Range(i, i+len(p[0]))
		if err != nil {
			s.t.Fatal(err)
		}
		edits = append(edits, protocol.TextEdit{Range: r, NewText: p[1]})
		text = text[:i] + p[1] + text[i+len(p[0]):]
	}
	s.c.edit(uri, edits...)
}

func (s *diffSession) announce(rel string, typ protocol.FileChangeType) {
	s.c.notify(protocol.MethodDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: s.c.uri(rel), Type: typ}}})
}

// toggle turns b into a where the file has b, else a into b (b may
// contain a). It reports false when the file has neither.
func (s *diffSession) toggle(rel, a, b string) bool {
	text, ok := s.text(rel)
	switch {
	case !ok:
		return false
	case strings.Contains(text, b):
		s.change(rel, [2]string{b, a})
	case strings.Contains(text, a):
		s.change(rel, [2]string{a, b})
	default:
		return false
	}
	return true
}

const brokenLine = "func broken( {\n"

// randomAction does one random editor action and logs it.
func (s *diffSession) randomAction() {
	files := []string{"cmd/app/main.go", "internal/zones/zones.go", "internal/tlsconf/tlsconf.go", "internal/tlsconf/plat.go"}
	if s.cgo {
		files = append(files, "internal/cgoz/cgoz.go")
	}
	type action struct {
		name string
		do   func() bool
	}
	actions := []action{
		{"flip the time zone constant", func() bool {
			return s.toggle("internal/zones/zones.go", `const Zone = "UTC"`, `const Zone = "Europe/Paris"`)
		}},
		{"InsecureSkipVerify true/false", func() bool {
			return s.toggle("internal/tlsconf/tlsconf.go", "InsecureSkipVerify: true,", "InsecureSkipVerify: false,")
		}},
		{"InsecureSkipVerify in/out", func() bool {
			return s.toggle("internal/tlsconf/tlsconf.go", "\"example.com\",\n\t}", "\"example.com\",\n\t\tInsecureSkipVerify: true,\n\t}")
		}},
		{"suppression in/out", func() bool {
			return s.toggle("internal/tlsconf/tlsconf.go", "\t\tInsecureSkipVerify: true,", "\t\t//scratchvet:ignore skipverify a test server\n\t\tInsecureSkipVerify: true,")
		}},
		{"build constraint linux/windows", func() bool {
			return s.toggle("internal/tlsconf/plat.go", "//go:build linux\n", "//go:build windows\n")
		}},
		{"import time/tzdata in/out", func() bool {
			return s.toggle("cmd/app/main.go", "\t\"fmt\"\n", "\t\"fmt\"\n\t_ \"time/tzdata\"\n")
		}},
		{"import os/user and a use of it, in/out", func() bool {
			const use = "\nfunc who() string {\n\tu, _ := user.Current()\n\treturn u.Username\n}\n"
			text, _ := s.text("cmd/app/main.go")
			imported, used := strings.Contains(text, "\t\"os/user\"\n"), strings.Contains(text, use)
			switch {
			case imported && used:
				s.change("cmd/app/main.go", [2]string{"\t\"os/user\"\n", ""}, [2]string{use, ""})
			case !imported && !used:
				s.change("cmd/app/main.go", [2]string{"\t\"fmt\"\n", "\t\"fmt\"\n\t\"os/user\"\n"}, [2]string{"", use})
			default:
				return false // a line was inserted into the use: leave them
			}
			return true
		}},
		{"break or repair the syntax", func() bool {
			rel := files[s.rng.Intn(len(files))]
			if rel == "internal/tlsconf/plat.go" {
				return false // a file that may be left out: no syntax errors there
			}
			text, _ := s.text(rel)
			if strings.Contains(text, brokenLine) {
				s.change(rel, [2]string{brokenLine, ""})
				s.log = append(s.log, "repair "+rel)
				return true
			}
			s.insertLine(rel, brokenLine)
			return true
		}},
		{"insert or remove a comment line", func() bool {
			rel := files[s.rng.Intn(len(files))]
			text, _ := s.text(rel)
			if strings.Contains(text, "// note\n") && s.rng.Intn(2) == 0 {
				s.change(rel, [2]string{"// note\n", ""})
				return true
			}
			s.insertLine(rel, "// note\n")
			return true
		}},
		{"create a file", func() bool {
			s.created++
			rel := fmt.Sprintf("internal/tlsconf/gen%d.go", s.created)
			if s.rng.Intn(2) == 0 {
				rel = fmt.Sprintf("internal/zones/gen%d.go", s.created)
			}
			pkg := filepath.Base(filepath.Dir(rel))
			content := fmt.Sprintf("package %s\n\nimport \"crypto/tls\"\n\nvar gen%d = &tls.Config{InsecureSkipVerify: true}\n", pkg, s.created)
			if err := os.WriteFile(s.path(rel), []byte(content), 0o644); err != nil {
				s.t.Fatal(err)
			}
			s.announce(rel, protocol.FileCreated)
			if s.rng.Intn(2) == 0 {
				s.openDoc(rel)
			}
			return true
		}},
		{"delete a created file", func() bool {
			var gen []string
			for _, f := range s.goFiles() {
				if strings.HasPrefix(filepath.Base(f), "gen") {
					gen = append(gen, f)
				}
			}
			if len(gen) == 0 {
				return false
			}
			rel := gen[s.rng.Intn(len(gen))]
			if s.isOpen(rel) {
				s.closeDoc(rel)
			}
			os.Remove(s.path(rel))
			s.announce(rel, protocol.FileDeleted)
			return true
		}},
		{"open or close a file", func() bool {
			all := s.goFiles()
			rel := all[s.rng.Intn(len(all))]
			if s.isOpen(rel) {
				s.closeDoc(rel) // unsaved changes are dropped: the disk's text counts
			} else {
				s.openDoc(rel)
			}
			return true
		}},
		{"save a file", func() bool {
			for _, rel := range s.goFiles() {
				if s.isOpen(rel) && s.rng.Intn(2) == 0 {
					s.c.save(s.c.uri(rel))
					return true
				}
			}
			return false
		}},
		{"apply a quick fix", s.quickFix},
	}
	for {
		a := actions[s.rng.Intn(len(actions))]
		before := len(s.log)
		if a.do() {
			if len(s.log) == before {
				s.log = append(s.log, a.name)
			}
			return
		}
	}
}

// insertLine inserts line at the start of a random line after the
// package clause (after import "C" in a cgo file: the comment above it is
// C code).
func (s *diffSession) insertLine(rel, line string) {
	text, _ := s.text(rel)
	from := strings.Index(text, "\npackage ") + 1
	if i := strings.Index(text, "import \"C\"\n"); i >= 0 {
		from = i
	}
	starts := []int{}
	for i := from; i < len(text)-1; i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	at := starts[s.rng.Intn(len(starts))]
	s.openDoc(rel)
	uri := s.c.uri(rel)
	r, _ := protocol.NewMapper([]byte(s.c.text(uri))).Range(at, at)
	s.c.edit(uri, protocol.TextEdit{Range: r, NewText: line})
	s.log = append(s.log, fmt.Sprintf("insert %q in %s at offset %d", line, rel, at))
}

// quickFix applies a suggested fix of a diagnostic of an open document
// (the silence action when it has none).
func (s *diffSession) quickFix() bool {
	for _, rel := range s.goFiles() {
		if !s.isOpen(rel) {
			continue
		}
		uri := s.c.uri(rel)
		diags := s.c.diagnostics(uri)
		if len(diags) == 0 {
			continue
		}
		d := diags[s.rng.Intn(len(diags))]
		actions := s.c.codeActions(uri, d.Range)
		if len(actions) == 0 {
			continue
		}
		pick := actions[len(actions)-1] // the silence action
		for _, a := range actions {
			if !strings.HasPrefix(a.Title, "Silence") {
				pick = a
				break
			}
		}
		for uri := range pick.Edit.Changes {
			path, _ := uri.Path()
			rel, _ := filepath.Rel(s.c.dir, path)
			s.openDoc(filepath.ToSlash(rel)) // an editor edits a file through its document
		}
		s.c.apply(pick)
		s.log = append(s.log, fmt.Sprintf("quick fix %q for %s in %s", pick.Title, d.Code, rel))
		return true
	}
	return false
}

// settle waits for the round of the current text, then captures the state
// to compare and queues it.
func (s *diffSession) settle(action string) {
	start := time.Now()
	s.c.waitSettled()
	s.serverTime += time.Since(start)
	job := diffJob{step: s.step, action: action, current: map[string]string{}, copy: map[string]string{},
		moved: map[string]bool{}, server: map[string][]protocol.Diagnostic{}}
	for _, rel := range s.goFiles() {
		job.current[rel], _ = s.text(rel)
	}
	// The packages' member files (the build constraints of linux with cgo)
	// and whether they all parse.
	byDir := map[string][]string{}
	for rel, text := range job.current {
		if builtOnLinux(text) {
			byDir[filepath.ToSlash(filepath.Dir(rel))] = append(byDir[filepath.ToSlash(filepath.Dir(rel))], rel)
		}
	}
	for dir, members := range byDir {
		parses := true
		for _, rel := range members {
			if _, err := parser.ParseFile(token.NewFileSet(), rel, job.current[rel], parser.ParseComments|parser.SkipObjectResolution); err != nil {
				parses = false
			}
		}
		if parses {
			frozen := map[string]string{}
			for _, rel := range members {
				frozen[rel] = job.current[rel]
			}
			s.frozen[dir] = frozen
		}
	}
	for rel, text := range job.current {
		dir := filepath.ToSlash(filepath.Dir(rel))
		if frozen, broken := s.brokenDir(dir, byDir[dir], job.current); broken {
			if _, member := frozen[rel]; member || builtOnLinux(text) {
				continue // the package's last text that parsed stands in
			}
		}
		job.copy[rel] = text
	}
	for dir := range s.frozen {
		if frozen, broken := s.brokenDir(dir, byDir[dir], job.current); broken {
			for rel, text := range frozen {
				job.copy[rel] = text
				job.moved[rel] = true
			}
		}
	}
	job.copy["go.mod"] = "module example.com/diff\n\ngo 1.23\n"
	s.c.mu.Lock()
	for uri, p := range s.c.diags {
		path, _ := uri.Path()
		rel, _ := filepath.Rel(s.c.dir, path)
		job.server[filepath.ToSlash(rel)] = p.Diagnostics
		if v, open := s.c.versions[uri]; open && len(p.Diagnostics) > 0 && (p.Version == nil || *p.Version != v) {
			s.t.Errorf("step %d (%s): %s: diagnostics published for version %v, the document is at %d", s.step, action, rel, p.Version, v)
		}
	}
	s.c.mu.Unlock()
	job.history = strings.Join(s.log, "\n\t")
	s.jobs <- job
}

// waitSettled waits until the server has handled every notification sent
// so far, has no round running or due, and its last round's diagnosticsDone
// has arrived. (waitRound is not enough after an action that changes no
// document's version, such as a file created on disk: an earlier round
// has the same versions.)
func (c *fakeClient) waitSettled() {
	c.t.Helper()
	// A request is handled after the notifications before it: when its
	// answer comes, they are recorded as work for the engine.
	c.codeActions(protocol.URIFromPath(filepath.Join(c.dir, "no-such-file.go")), protocol.Range{})
	e := c.server.work
	deadline := time.Now().Add(waitTimeout)
	for {
		e.mu.Lock()
		busy := e.running || e.pending || len(e.dirty) > 0 || e.reload || len(e.reloads) > 0
		round, idle := e.round, e.idle
		e.mu.Unlock()
		if !busy {
			c.waitFor(fmt.Sprintf("diagnosticsDone of round %d", round), func() bool {
				return round == 0 || len(c.rounds) > 0 && c.rounds[len(c.rounds)-1].Round >= round
			})
			return
		}
		select {
		case <-idle:
		case <-time.After(time.Until(deadline)):
			c.t.Fatalf("the server stays busy")
		}
	}
}

// brokenDir reports whether the package in dir does not parse now, and
// its last text that did.
func (s *diffSession) brokenDir(dir string, members []string, current map[string]string) (map[string]string, bool) {
	frozen, ok := s.frozen[dir]
	if !ok {
		return nil, false
	}
	for _, rel := range members {
		if _, err := parser.ParseFile(token.NewFileSet(), rel, current[rel], parser.ParseComments|parser.SkipObjectResolution); err != nil {
			return frozen, true
		}
	}
	return nil, false
}

// builtOnLinux reports whether a file's build constraint holds for
// linux/amd64 with cgo (the session's build).
func builtOnLinux(text string) bool {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "package ") {
			return true
		}
		if constraint.IsGoBuild(line) {
			expr, err := constraint.Parse(line)
			return err != nil || expr.Eval(func(tag string) bool {
				return tag == "linux" || tag == "amd64" || tag == "unix" || tag == "cgo" || tag == "gc" || strings.HasPrefix(tag, "go1.")
			})
		}
	}
	return true
}

// cliFinding is a finding of `scratchvet -json`.
type cliFinding struct {
	Check     string `json:"check"`
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Message   string `json:"message"`
	Severity  string `json:"severity"`
}

// compareLoop runs the command line on each captured state, in order,
// while the session goes on, and compares.
func (s *diffSession) compareLoop() {
	defer s.done.Done()
	failures := 0
	for job := range s.jobs {
		if failures >= 3 {
			continue
		}
		if !s.compare(job) {
			failures++
		}
	}
}

func (s *diffSession) compare(job diffJob) bool {
	findings, ok := s.commandLine(job)
	if !ok {
		return false
	}
	want := map[string][]string{}
	messages := map[string]bool{}
	for _, f := range findings {
		rel, _ := filepath.Rel(s.shadow, f.File)
		rel = filepath.ToSlash(rel)
		src := []byte(job.copy[rel])
		m := protocol.NewMapper(src)
		start, err1 := m.Offset(protocol.Position{Line: uint32(f.Line - 1)})
		if err1 != nil {
			s.t.Errorf("step %d: finding at %s:%d outside the text", job.step, rel, f.Line)
			return false
		}
		start += f.Column - 1
		end := wordEnd(src, start)
		if f.EndLine > 0 {
			e, _ := m.Offset(protocol.Position{Line: uint32(f.EndLine - 1)})
			end = e + f.EndColumn - 1
		}
		r, err := m.Range(start, end)
		if err != nil {
			s.t.Errorf("step %d: %s:%d:%d: %v", job.step, rel, f.Line, f.Column, err)
			return false
		}
		if job.moved[rel] {
			cur, exists := job.current[rel]
			if !exists {
				continue // the file is gone
			}
			if r, ok = moveRange(lineMap(src, []byte(cur)), r); !ok {
				continue // its lines changed
			}
		}
		msg := strings.ReplaceAll(f.Message, s.shadow, s.c.dir)
		messages[f.Check+" "+msg] = true
		want[rel] = append(want[rel], diagKey(r, f.Check, severityName(f.Severity), msg))
	}
	got := map[string][]string{}
	for rel, diags := range job.server {
		for _, d := range diags {
			if len(d.RelatedInformation) > 0 && strings.HasPrefix(d.RelatedInformation[0].Message, "reported for command") {
				// Shown at the cause in the workspace: it must repeat a
				// finding of the command line.
				if !messages[string(d.Code)+" "+d.Message] {
					s.t.Errorf("step %d (%s): %s: a finding shown at its cause matches no finding of the command line: %s %q",
						job.step, job.action, rel, d.Code, d.Message)
					return false
				}
				continue
			}
			got[rel] = append(got[rel], diagKey(d.Range, string(d.Code), d.Severity, d.Message))
		}
	}
	files := map[string]bool{}
	for rel := range want {
		files[rel] = true
	}
	for rel := range got {
		files[rel] = true
	}
	ok = true
	for rel := range files {
		w, g := want[rel], got[rel]
		sort.Strings(w)
		sort.Strings(g)
		if strings.Join(w, "\n") != strings.Join(g, "\n") {
			s.t.Errorf("step %d (%s): %s: the server's diagnostics differ from the command line's%s\nserver:\n\t%s\ncommand line:\n\t%s\nactions:\n\t%s",
				job.step, job.action, rel, movedNote(job.moved[rel]), strings.Join(g, "\n\t"), strings.Join(w, "\n\t"), job.history)
			ok = false
		}
	}
	return ok
}

func movedNote(moved bool) string {
	if moved {
		return " (the package does not parse: its last findings, moved)"
	}
	return ""
}

func diagKey(r protocol.Range, check string, sev protocol.DiagnosticSeverity, msg string) string {
	return fmt.Sprintf("%d:%d-%d:%d %s sev%d %s", r.Start.Line+1, r.Start.Character+1, r.End.Line+1, r.End.Character+1, check, sev, msg)
}

func severityName(s string) protocol.DiagnosticSeverity {
	switch s {
	case "error":
		return protocol.SeverityError
	case "info":
		return protocol.SeverityInformation
	}
	return protocol.SeverityWarning
}

// commandLine writes the copy and runs `scratchvet -json ./...` in it
// (cached by content).
func (s *diffSession) commandLine(job diffJob) ([]cliFinding, bool) {
	var names []string
	for rel := range job.copy {
		names = append(names, rel)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, rel := range names {
		fmt.Fprintf(h, "%s\x00%s\x00", rel, job.copy[rel])
	}
	var key [32]byte
	copy(key[:], h.Sum(nil))
	if f, ok := s.cache[key]; ok {
		return f, true
	}
	os.RemoveAll(s.shadow)
	for rel, text := range job.copy {
		name := filepath.Join(s.shadow, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			s.t.Error(err)
			return nil, false
		}
	}
	start := time.Now()
	defer func() { s.cliTime += time.Since(start); s.cliRuns++ }()
	cmd := exec.CommandContext(context.Background(), s.bin, "-json", "./...")
	cmd.Dir = s.shadow
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOTOOLCHAIN=local")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var out struct {
		Diagnostics []cliFinding `json:"diagnostics"`
		Errors      []string     `json:"errors"`
	}
	if jerr := json.Unmarshal(stdout.Bytes(), &out); jerr != nil {
		s.t.Errorf("step %d: scratchvet -json: %v, %v\n%s", job.step, err, jerr, stderr.String())
		return nil, false
	}
	if len(out.Errors) > 0 {
		// The session only makes syntax errors, and those the copy does
		// not have: anything else is a bug of the session or of a fix.
		s.t.Errorf("step %d (%s): the command line cannot check the copy: %s\nactions:\n\t%s", job.step, job.action,
			strings.Join(out.Errors, "\n"), job.history)
		return nil, false
	}
	s.cache[key] = out.Diagnostics
	return out.Diagnostics, true
}
