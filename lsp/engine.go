package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/driver"
	"github.com/scratchvet/scratchvet/internal/settings"
	"github.com/scratchvet/scratchvet/lsp/protocol"
)

// engine runs the analysis in rounds on one worker goroutine. A round
// takes the pending work (changed files, views to reload) and a snapshot
// of the editor's text, re-checks what changed, and only then replaces
// the published diagnostics of the files whose results changed: until a
// round is done, the client keeps the previous diagnostics (no flicker).
// Work that arrives during a round waits for the next one.
type engine struct {
	// source takes the session a round reads (a value); pub is all the
	// engine sends to the client. The engine never touches the Server.
	source func() session
	pub    publisher

	mu       sync.Mutex
	started  bool
	stopped  bool
	running  bool
	pending  bool            // a round is due: poked, or the debounce timer runs
	dirty    map[string]bool // files whose text may differ from what was analysed
	reload   bool            // reload every view (settings or folders changed)
	settings bool            // resolve settings anew (options or a config file changed)
	reloads  map[string]bool // directories whose module files changed
	timer    *time.Timer     // debounce of changes while typing
	wakeup   chan struct{}   // cap 1: there is work
	quit     chan struct{}
	finished chan struct{} // closed when the worker returns
	idle     chan struct{} // closed (and replaced) at the end of each round
	round    int
	// items are the current diagnostics by file, for code actions.
	items map[string][]*diagItem
	// roundHook, for tests, runs in each round after it took its text.
	roundHook func()
	// resultHook, for tests, sees each package's results before they are
	// converted (set before the first round).
	resultHook func(*driver.Result)
	// earlyHook, for tests, sees each early publication (publishEarly)
	// at the end of its round: the file, the JSON of the version and
	// diagnostics published early, and the same of what the round's end
	// left published ("" for none).
	earlyHook func(file, early, final string)
	// earlyRounds counts the rounds that published early (for tests).
	earlyRounds int

	// Owned by the worker goroutine.
	sess session // the running round's
	// resolver resolves the packages' settings under the current options;
	// nil until the first use after they (or a config file) changed.
	resolver  *settings.Resolver
	views     []*view
	published map[string]string // file → JSON of the diagnostics last published
	// diskHashes caches the hashes of files not open (forgotten when they
	// change).
	diskHashes map[string]hash
	shown      map[string]bool // messages already shown to the user
	progress   bool            // the first load's progress has been reported
	listings   int             // workspace listings (load) so far, for tests
	// withheld is set when this round found newer changes waiting and did
	// not publish; withheldLast when the round before did.
	withheld, withheldLast bool
	// earlyFile is the file the running round published early, and
	// earlyData what (as in published).
	earlyFile, earlyData string
}

// A session is what a round reads of the editor: the options, the
// workspace folders, the client's capabilities and the open documents,
// taken together when the round starts. Notifications that arrive during
// the round do not change it.
type session struct {
	opts    Options
	folders []string
	caps    protocol.ClientCapabilities
	overlay
}

// publisher is what the engine sends to the client.
type publisher interface {
	publishDiagnostics(protocol.PublishDiagnosticsParams)
	diagnosticsDone(diagnosticsDoneParams)
	showMessage(protocol.MessageType, string)
	logMessage(protocol.MessageType, string)
	// beginProgress reports work-done progress, if the client supports it
	// (caps), and returns the function that ends it.
	beginProgress(caps protocol.ClientCapabilities, title string) func(msg string)
}

func newEngine(source func() session, pub publisher) *engine {
	return &engine{
		source:     source,
		pub:        pub,
		dirty:      map[string]bool{},
		reloads:    map[string]bool{},
		wakeup:     make(chan struct{}, 1),
		quit:       make(chan struct{}),
		finished:   make(chan struct{}),
		idle:       make(chan struct{}),
		items:      map[string][]*diagItem{},
		published:  map[string]string{},
		diskHashes: map[string]hash{},
		shown:      map[string]bool{},
	}
}

// start starts the worker (at initialized) with a first load of the
// workspace folders.
func (e *engine) start() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.started || e.stopped {
		return
	}
	e.started = true
	e.reload = true
	go e.loop()
	e.poke()
}

// stop ends the worker after the current round.
func (e *engine) stop() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.stopped {
		return
	}
	e.stopped = true
	if e.timer != nil {
		e.timer.Stop()
	}
	close(e.quit)
	if !e.started {
		close(e.finished)
	}
}

// wait waits for the worker to return (after stop).
func (e *engine) wait() { <-e.finished }

// poke wakes the worker; e.mu is held.
func (e *engine) poke() {
	e.pending = true
	select {
	case e.wakeup <- struct{}{}:
	default:
	}
}

// When a changed file is analysed.
type schedule int

const (
	later     schedule = iota // with other work (run=onSave: at the next save)
	debounced                 // after the delay, unless more changes come
	now                       // at once (open, close, changes on disk)
)

// changed records that a file's text changed; a debounced change waits
// for delay.
func (e *engine) changed(path string, when schedule, delay time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.dirty[path] = true
	switch when {
	case now:
		e.poke()
	case debounced:
		e.debounce(delay)
	}
}

// saved records a save: the disk now holds the editor's text.
func (e *engine) saved(path string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.dirty[path] = true
	e.poke()
}

func (e *engine) debounce(delay time.Duration) {
	if e.timer != nil {
		e.timer.Stop()
	}
	if delay <= 0 {
		e.poke()
		return
	}
	e.pending = true
	e.timer = time.AfterFunc(delay, func() {
		e.mu.Lock()
		defer e.mu.Unlock()
		e.poke()
	})
}

// settingsChanged asks the worker to resolve the settings anew (new
// options, or a config file changed) before the next round.
func (e *engine) settingsChanged() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.settings = true
}

func (e *engine) reloadAll() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.reload = true
	e.poke()
}

func (e *engine) reloadDir(dir string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.reloads[dir] = true
	e.poke()
}

// busy reports whether a round is running or due; e.mu is held. Changed
// files alone (run=onSave, not saved yet) do not make the engine busy.
func (e *engine) busy() bool {
	return e.running || e.pending
}

func (e *engine) loop() {
	defer close(e.finished)
	for {
		select {
		case <-e.quit:
			return
		case <-e.wakeup:
		}
		e.mu.Lock()
		if e.timer != nil {
			e.timer.Stop() // this round takes the debounced changes too
		}
		e.pending = false
		if len(e.dirty) == 0 && !e.reload && len(e.reloads) == 0 {
			e.mu.Unlock()
			continue
		}
		w := work{dirty: e.dirty, reload: e.reload, reloads: e.reloads, settings: e.settings}
		e.dirty, e.reload, e.reloads, e.settings = map[string]bool{}, false, map[string]bool{}, false
		e.running = true
		e.round++
		round := e.round
		hook, earlyHook := e.roundHook, e.earlyHook
		e.mu.Unlock()

		e.sess = e.source()
		ov := e.sess.overlay
		if hook != nil {
			hook()
		}
		e.runRound(w, ov)
		withheld := e.withheld
		e.withheldLast, e.withheld = withheld, false
		if e.earlyFile != "" && !withheld && earlyHook != nil {
			earlyHook(e.earlyFile, e.earlyData, e.published[e.earlyFile])
		}

		e.mu.Lock()
		e.running = false
		close(e.idle)
		e.idle = make(chan struct{})
		e.mu.Unlock()
		if !withheld { // the round right after it, due now, reports
			e.roundDone(round, ov)
		}
	}
}

// work is what one round does.
type work struct {
	dirty    map[string]bool
	reload   bool
	reloads  map[string]bool
	settings bool
}

// runRound loads or re-checks the views and publishes what changed.
func (e *engine) runRound(w work, ov overlay) {
	if w.settings {
		e.resolver = nil
	}
	if w.reload {
		e.setViews(e.discoverViews(ov))
		clear(e.diskHashes)
	}
	for path := range w.dirty {
		delete(e.diskHashes, path) // changed on disk, closed, or saved
	}
	for dir := range w.reloads {
		var kept []*view
		for _, v := range e.views {
			if v.adhoc != "" && v.covers(dir) {
				continue // a go.mod or go.work appeared (or changed) next to it
			}
			if v.covers(dir) {
				v.stale = true
			}
			kept = append(kept, v)
		}
		e.views = kept
		if e.viewFor(dir) == nil {
			e.addViewFor(dir, "", ov)
		}
	}
	// Files outside every view (opened from elsewhere) get a view of their
	// own module, or of themselves outside any module; such a view of a
	// file is dropped when the file is closed.
	var kept []*view
	for _, v := range e.views {
		if _, open := ov.files[v.adhoc]; v.adhoc == "" || open {
			kept = append(kept, v)
		}
	}
	e.views = kept
	for path := range w.dirty {
		if e.viewFor(path) == nil {
			e.addViewFor(filepath.Dir(path), path, ov)
		}
	}
	e.publishEarly(w, ov)
	for _, v := range e.views {
		if v.stale || v.snap == nil && !v.failed {
			v.load(e, ov)
			continue
		}
		if v.snap == nil {
			continue // the load failed: wait for a change of the module files
		}
		var files []string
		for path := range w.dirty {
			if v.owns(path) {
				files = append(files, path)
			}
		}
		if len(files) > 0 && !v.update(e, files, ov) {
			v.load(e, ov) // the listing is out of date
		}
	}
	e.publish(ov, nil)
	for _, v := range e.views {
		v.syncTexts()
	}
}

// roundDone tells a client that asked for it that a round ended and its
// diagnostics are published, with the document versions it analysed. A
// round that withheld its results does not report.
func (e *engine) roundDone(round int, ov overlay) {
	if !e.sess.opts.DiagnosticsDone {
		return
	}
	docs := map[protocol.DocumentURI]int32{}
	for path, v := range ov.versions {
		docs[ov.uris[path]] = v
	}
	e.pub.diagnosticsDone(diagnosticsDoneParams{Round: round, Documents: docs})
}

// methodDiagnosticsDone is the notification sent after each round when
// the diagnosticsDoneNotification option is set. A "$/" method, so clients
// that do not know it may ignore it.
const methodDiagnosticsDone = "$/scratchvet/diagnosticsDone"

type diagnosticsDoneParams struct {
	Round int `json:"round"`
	// Documents maps the open documents to the version the round analysed.
	Documents map[protocol.DocumentURI]int32 `json:"documents"`
}

// publish sends the diagnostics of every file whose diagnostics changed,
// and records the items for code actions. Files in hold are left as
// they were: a round publishes early the files whose diagnostics are
// final, and holds those that results still to come may change.
//
// Every diagnostic published refers to the round's text of its file, and
// carries that text's version when the file is open: items computed on
// older text (a package that does not parse keeps the results of its last
// check) are moved to it, or dropped (moveItem).
//
// A round that finds newer changes waiting publishes nothing: its text
// is already out of date (an editor action sent as several notifications,
// caught half applied), and the next round, due at once, publishes all
// that changed. So that a user typing faster than the rounds still sees
// results, a round publishes anyway when the one before it did not.
func (e *engine) publish(ov overlay, hold map[string]bool) {
	if e.withheld || e.newerChanges() && !e.withheldLast {
		e.withheld = true
		return
	}
	byFile := map[string][]*diagItem{}
	for _, v := range e.views {
		for _, res := range v.results {
			for file, items := range res {
				if !hold[file] {
					byFile[file] = append(byFile[file], items...)
				}
			}
		}
	}
	if len(hold) > 0 {
		e.mu.Lock()
		for file := range hold {
			if items, ok := e.items[file]; ok {
				byFile[file] = items
			}
		}
		e.mu.Unlock()
	}
	var files []string
	for f := range byFile {
		files = append(files, f)
	}
	for f := range e.published {
		if _, ok := byFile[f]; !ok && !hold[f] {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	for _, file := range files {
		if hold[file] {
			continue // as published, and as recorded in e.items
		}
		var items []*diagItem
		for _, it := range byFile[file] {
			if moved := e.moveItem(it, ov); moved != nil {
				items = append(items, moved)
			}
		}
		items = dedupeItems(items)
		byFile[file] = items
		e.publishFile(ov, file, items)
	}
	e.mu.Lock()
	e.items = byFile
	e.mu.Unlock()
}

// publishFile sends the diagnostics of one file, unless they (and the
// version of the text they refer to) are what was published last.
func (e *engine) publishFile(ov overlay, file string, items []*diagItem) {
	diags := make([]protocol.Diagnostic, 0, len(items))
	for _, it := range items {
		diags = append(diags, it.diag)
	}
	version := ov.version(file)
	data, _ := json.Marshal(struct {
		V *int32
		D []protocol.Diagnostic
	}{version, diags})
	if e.published[file] == string(data) || len(items) == 0 && e.published[file] == "" {
		return
	}
	if len(items) == 0 {
		delete(e.published, file)
	} else {
		e.published[file] = string(data)
	}
	uri := ov.uri(file)
	if len(items) > 0 {
		uri = items[0].uri
	}
	e.pub.publishDiagnostics(protocol.PublishDiagnosticsParams{URI: uri, Version: version, Diagnostics: diags})
}

// moveItem returns the item as it applies to the round's text of its
// file: itself when computed on that text, a copy moved to it (without
// its fixes, which edit the older text) when its lines are unchanged, or
// nil. Its related information is moved, or left out, alike.
func (e *engine) moveItem(it *diagItem, ov overlay) *diagItem {
	cur, ok := e.currentHash(it.file, ov)
	if !ok {
		return nil // the file is gone
	}
	out := it
	if it.hash != cur {
		lines, ok := e.lines(it.file, it.hash, ov)
		if !ok {
			return nil
		}
		r, ok := moveRange(lines, it.diag.Range)
		if !ok {
			return nil
		}
		cp := *it
		cp.diag.Range, cp.hash, cp.fixes = r, cur, nil
		out = &cp
	}
	var related []protocol.DiagnosticRelatedInformation
	changed := false
	for i, ri := range it.diag.RelatedInformation {
		if i >= len(it.relHashes) || it.relHashes[i] == (hash{}) {
			related = append(related, ri)
			continue
		}
		file, err := ri.Location.URI.Path()
		if err != nil {
			changed = true
			continue
		}
		if h, ok := e.currentHash(file, ov); ok && h == it.relHashes[i] {
			related = append(related, ri)
			continue
		}
		changed = true
		if lines, ok := e.lines(file, it.relHashes[i], ov); ok {
			if r, ok := moveRange(lines, ri.Location.Range); ok {
				ri.Location.Range = r
				related = append(related, ri)
			}
		}
	}
	if changed {
		if out == it {
			cp := *it
			out = &cp
		}
		out.diag.RelatedInformation = related
		out.relHashes = nil // they refer to the round's text now
	}
	return out
}

// currentHash returns the hash of the round's text of a file (false if it
// cannot be read); for files not open, the disk's text, cached until the
// file changes.
func (e *engine) currentHash(file string, ov overlay) (hash, bool) {
	if src, ok := ov.files[file]; ok {
		return ov.hash(file, src), true
	}
	if h, ok := e.diskHashes[file]; ok {
		return h, true
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return hash{}, false
	}
	h := hashOf(src)
	e.diskHashes[file] = h
	return h, true
}

// text returns the text of file with the given hash: kept by a view
// (every checked text is), or else the disk's when it still has it.
func (e *engine) text(file string, h hash) ([]byte, bool) {
	for _, v := range e.views {
		if t, ok := v.texts[h]; ok {
			return t, true
		}
	}
	if src, err := os.ReadFile(file); err == nil && hashOf(src) == h {
		return src, true
	}
	return nil, false
}

// lines maps the lines of a file's text with the given hash (kept by a
// view) to the lines of its round's text.
func (e *engine) lines(file string, from hash, ov overlay) ([]int, bool) {
	old, ok := e.text(file, from)
	if !ok {
		return nil, false
	}
	cur, err := ov.read(file)
	if err != nil {
		return nil, false
	}
	return lineMap(old, cur), true
}

// newerChanges reports whether a round is due for changes that arrived
// after this round took its work.
func (e *engine) newerChanges() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.pending && len(e.dirty) > 0
}

// dedupeItems merges items for the same finding at the same place (one
// cause reported through several commands): the first stays, with the
// related information of the others.
func dedupeItems(items []*diagItem) []*diagItem {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i].diag.Range.Start, items[j].diag.Range.Start
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Character < b.Character
	})
	var out []*diagItem
	seen := map[string]*diagItem{}
	for _, it := range items {
		key := fmt.Sprintf("%v|%s|%s", it.diag.Range, it.diag.Code, it.key)
		if have := seen[key]; have != nil {
			merged := *have
			merged.diag.RelatedInformation = append(append([]protocol.DiagnosticRelatedInformation(nil),
				have.diag.RelatedInformation...), it.diag.RelatedInformation...)
			*have = merged
			continue
		}
		cp := *it
		seen[key] = &cp
		out = append(out, &cp)
	}
	return out
}

// showOnce shows an error message once per session (a broken config file
// is reported when found, not after every keystroke).
func (e *engine) showOnce(msg string) {
	if e.shown[msg] {
		return
	}
	e.shown[msg] = true
	e.pub.showMessage(protocol.MessageError, msg)
	e.pub.logMessage(protocol.MessageError, msg)
}

// itemsFor returns the current diagnostics of a file, waiting while a
// round that may change them is pending (so that a code action right
// after an edit sees the edit's results). It returns early when ctx is
// cancelled.
func (e *engine) itemsFor(ctx context.Context, path string, current hash) ([]*diagItem, error) {
	for {
		e.mu.Lock()
		items := e.items[path]
		fresh := true
		for _, it := range items {
			if it.hash != current {
				fresh = false
			}
		}
		if e.dirty[path] {
			fresh = false
		}
		if fresh || !e.busy() || e.stopped {
			e.mu.Unlock()
			return items, nil
		}
		idle := e.idle
		e.mu.Unlock()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-e.quit:
		case <-idle:
		}
	}
}

// shortList joins at most n strings.
func shortList(ss []string, n int) string {
	if len(ss) > n {
		return strings.Join(ss[:n], ", ") + fmt.Sprintf(" and %d more", len(ss)-n)
	}
	return strings.Join(ss, ", ")
}

// settingsFor resolves the settings of a package in dir under the current
// options (on the worker goroutine).
func (e *engine) settingsFor(dir, pkgPath string) (*settings.Settings, error) {
	if e.resolver == nil {
		r, err := suite.Resolver(e.sess.opts.settingsOptions())
		if err != nil {
			return nil, err // the options were validated: not expected
		}
		e.resolver = r
	}
	return e.resolver.ForPackage(dir, pkgPath)
}
