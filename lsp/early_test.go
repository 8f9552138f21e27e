package lsp

import (
	"fmt"
	"sync"
	"testing"
)

// earlyLog records the early publications of a server's rounds that the
// round's end did not leave as they were (issue 19: an early result must
// be the final one).
type earlyLog struct {
	mu        sync.Mutex
	published int
	differ    []string
}

// watchEarly installs the engine's earlyHook (before the edits to watch).
func watchEarly(c *fakeClient) *earlyLog {
	l := &earlyLog{}
	e := c.server.work
	e.mu.Lock()
	e.earlyHook = func(file, early, final string) {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.published++
		if early != final {
			l.differ = append(l.differ, fmt.Sprintf("%s:\n  early %s\n  final %s", file, early, final))
		}
	}
	e.mu.Unlock()
	return l
}

func (l *earlyLog) check(t *testing.T) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.differ {
		t.Errorf("an early publication differs from its round's final one: %s", d)
	}
}

// earlyRounds returns how many rounds published early so far.
func (c *fakeClient) earlyRounds() int {
	e := c.server.work
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.earlyRounds
}

// TestEarlyPublication: an edit of a library file, whose checks are all
// FileLocal and where no command reports, is published from the early
// pass (each such edit: the test fails if the early path is not taken),
// and what it publishes is what the round ends with. An edit of a file
// holding a site a command reports at, and an edit of a command, wait for
// the full round.
func TestEarlyPublication(t *testing.T) {
	c := newClient(t, "skipverify.txtar")
	c.initialize(nil)
	early := watchEarly(c)
	uri := c.open("client/client.go")
	c.waitRound()
	findings := func() int { return len(withCode(c.diagnostics(uri), "skipverify")) }
	if findings() != 1 {
		t.Fatalf("want 1 skipverify finding in client.go, got %+v", c.diagnostics(uri))
	}
	const on, off = "InsecureSkipVerify: true", "InsecureSkipVerify: false"
	steps := []struct {
		old, new string
		want     int
	}{
		{on, off, 0},
		{off, "\n\t\t" + on, 1}, // a line lower
		{"\n\t\t" + on, on, 1},  // back up
		{"package client", "package client\n\n// An edit above everything.", 1},
		{"// Config returns", "var _ = &tls.Config{InsecureSkipVerify: true}\n\n// Config returns", 2},
	}
	for i, st := range steps {
		before := c.earlyRounds()
		c.replace(uri, st.old, st.new)
		c.waitRound()
		if got := findings(); got != st.want {
			t.Errorf("step %d: %d skipverify findings, want %d: %+v", i, got, st.want, c.diagnostics(uri))
		}
		if c.earlyRounds() != before+1 {
			t.Errorf("step %d (%q → %q): the round did not publish early", i, st.old, st.new)
		}
	}
	early.check(t)
}

// TestNoEarlyPublication: an edit of a file holding a site (the command
// reports time.LoadLocation there too), and an edit of the command, wait
// for the full round.
func TestNoEarlyPublication(t *testing.T) {
	c := newClient(t, "demo.txtar")
	c.initialize(nil)
	early := watchEarly(c)
	schedURI := c.open("internal/schedule/schedule.go")
	mainURI := c.open("cmd/server/main.go")
	c.waitRound()
	c.replace(schedURI, "// NextRun returns", "// NextRun (edited) returns")
	c.waitRound()
	c.replace(schedURI, "// NextRun (edited) returns", "// NextRun (edited again) returns") // not tried: it held a site
	c.waitRound()
	c.replace(mainURI, "package main", "package main // edited")
	c.waitRound()
	if got := c.earlyRounds(); got != 0 {
		t.Errorf("%d early rounds for edits of a file with a site and of a command, want none", got)
	}
	if d := c.diagnostics(schedURI); len(withCode(d, "tzdata")) != 1 {
		t.Errorf("schedule.go after a comment edit: %+v", d)
	}
	early.check(t)
}
