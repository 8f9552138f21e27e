package main_test

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// maxP95 is the longest a finding's message may be at the 95th
// percentile: one sentence saying what fails, where, in the runtime's
// words. Build configurations, import chains and remedies are related
// information.
const maxP95 = 150

// longMessages are the messages allowed over maxP95, each with why.
var longMessages = map[string]string{
	// The runtime's own words are long: the stub's message, cut to 60
	// characters, and a package path from another module.
	"cgostub": "quotes the stub's error and a package path from another module",
}

// TestMessageLength runs scratchvet on every analysistest fixture (as
// GOPATH workspaces) and on testdata/demo, on scratch with cgo and on bare
// without, and bounds the length of the messages: 95% are at most maxP95
// characters; longer ones come from checks listed in longMessages.
func TestMessageLength(t *testing.T) {
	type workspace struct{ dir, gopath string }
	var spaces []workspace
	fixtures, _ := filepath.Glob("../../analyzers/*/testdata")
	fixtures = append(fixtures, "../../internal/report/testdata")
	for _, f := range fixtures {
		abs, err := filepath.Abs(f)
		if err != nil {
			t.Fatal(err)
		}
		spaces = append(spaces, workspace{filepath.Join(abs, "src"), abs})
	}
	spaces = append(spaces, workspace{copyModule(t, "demo"), ""})

	type message struct{ check, text string }
	seen := map[string]bool{}
	var messages []message
	for _, ws := range spaces {
		for _, config := range [][]string{
			{"CGO_ENABLED=1", "SCRATCHVET_TARGET=scratch"},
			{"CGO_ENABLED=0", "SCRATCHVET_TARGET=bare"},
		} {
			env := config
			if ws.gopath != "" {
				env = append(env, "GO111MODULE=off", "GOPATH="+ws.gopath, "GOFLAGS=")
			}
			r := run(t, ws.dir, env, binary, "-json", "./...")
			var out struct {
				Diagnostics []struct{ Check, File, Message string }
				Errors      []string
			}
			if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
				t.Fatalf("%s %v: %v\n%s", ws.dir, config, err, r.stderr)
			}
			for _, d := range out.Diagnostics {
				key := d.File + "\x00" + d.Message
				if !seen[key] {
					seen[key] = true
					messages = append(messages, message{d.Check, d.Message})
				}
			}
		}
	}
	if len(messages) < 50 {
		t.Fatalf("only %d messages: the fixtures did not run", len(messages))
	}
	lengths := make([]int, len(messages))
	for i, m := range messages {
		lengths[i] = utf8.RuneCountInString(m.text)
		if lengths[i] > maxP95 {
			if why := longMessages[m.check]; why == "" {
				t.Errorf("%d characters, and %s is not among the justified exceptions: %s", lengths[i], m.check, m.text)
			}
		}
	}
	sort.Ints(lengths)
	p95 := lengths[(len(lengths)*95+99)/100-1]
	t.Logf("%d messages: median %d, p95 %d, max %d characters", len(lengths), lengths[len(lengths)/2], p95, lengths[len(lengths)-1])
	if p95 > maxP95 {
		t.Errorf("95th percentile of message length %d, want ≤ %d", p95, maxP95)
	}
	if testing.Verbose() {
		var all []string
		for _, m := range messages {
			all = append(all, m.check+": "+m.text)
		}
		t.Logf("messages:\n%s", strings.Join(all, "\n"))
	}
}
