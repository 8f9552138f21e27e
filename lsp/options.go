package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/scratchvet/scratchvet/analyzers/suite"
	"github.com/scratchvet/scratchvet/internal/settings"
	"github.com/scratchvet/scratchvet/target"
)

// Options are the server's settings, from initializationOptions and
// workspace/didChangeConfiguration (docs/editors.md lists them). The
// config file at the module root (scratchvet.toml) is read as the other
// front ends read it; these settings take precedence over it where both
// say something.
type Options struct {
	// Target is a preset with optional ",key=value" overrides, as for
	// -target; TargetOverrides are more overrides (on Target, or on the
	// default preset).
	Target          string
	TargetOverrides map[string]string
	// Checks turns checks on (true) or off (false) over the config file.
	Checks    map[string]bool
	BuildTags []string
	// GoFlags is appended to $GOFLAGS for the go command.
	GoFlags string
	// Env adds to (or overrides) the server's environment for the go
	// command.
	Env       map[string]string
	Ldflags   string
	BuildMode string
	Config    string // config file; "" = scratchvet.toml at the module root
	// Run is "onType" (diagnostics while typing, after Delay) or "onSave".
	Run   string
	Delay time.Duration
	// AllowNetwork lets the go command use the module proxy ($GOPROXY from
	// the environment). By default the server sets GOPROXY=off, so opening
	// a repository never downloads modules; Env can set GOPROXY instead.
	AllowNetwork bool
	// DiagnosticsDone asks for a $/scratchvet/diagnosticsDone notification
	// after each diagnostics round (for tests, benchmarks and scripts that
	// must know when the diagnostics are final).
	DiagnosticsDone bool
	// UnusedSuppressions reports suppression directives that silence
	// nothing (-unused-suppressions); off by default while typing, where
	// a directive is often written before the code it silences.
	UnusedSuppressions bool
}

const (
	runOnType = "onType"
	runOnSave = "onSave"
)

// defaultDelay is the debounce after a change: none. A round starts at
// the first change; changes that arrive while it runs wait for the next
// one, and a round that sees newer changes when it ends does not publish
// (see engine.publish), so the notifications one editor action sends
// together (a multi-file fix, a rename) do not show a half-applied state.
const defaultDelay = 0

func defaultOptions() Options {
	return Options{Run: runOnType, Delay: defaultDelay}
}

// parseOptions decodes settings. It accepts the settings object itself or
// one nested under "scratchvet" (how VS Code sends a section). Every
// problem is returned, naming the option; a bad option keeps its default
// and the others still apply.
func parseOptions(raw json.RawMessage) (Options, []string) {
	o := defaultOptions()
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return o, nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return o, []string{fmt.Sprintf("settings: want a JSON object, got %s", abbreviate(raw))}
	}
	if nested, ok := fields["scratchvet"]; ok && len(fields) == 1 {
		if err := json.Unmarshal(nested, &fields); err != nil || fields == nil {
			return o, []string{fmt.Sprintf("settings \"scratchvet\": want a JSON object, got %s", abbreviate(nested))}
		}
	}
	var problems []string
	bad := func(name string, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("option %q: %s", name, fmt.Sprintf(format, args...)))
	}
	decode := func(name string, v any, want string) bool {
		data := fields[name]
		if string(bytes.TrimSpace(data)) == "null" {
			return false
		}
		if err := json.Unmarshal(data, v); err != nil {
			bad(name, "want %s, got %s", want, abbreviate(data))
			return false
		}
		return true
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		switch name {
		case "target":
			decode(name, &o.Target, "a string such as \"alpine,zoneinfo=true\"")
		case "targetOverrides":
			var m map[string]any
			if decode(name, &m, "an object of target properties") {
				o.TargetOverrides = map[string]string{}
				for k, v := range m {
					o.TargetOverrides[k] = fmt.Sprint(v)
				}
			}
		case "checks":
			var m map[string]bool
			if decode(name, &m, "an object mapping check names to true or false") {
				for check := range m {
					if suite.Lookup(check) == nil {
						bad(name, "unknown check %q (known: %s)", check, strings.Join(suite.Names(), ", "))
						delete(m, check)
					}
				}
				o.Checks = m
			}
		case "buildTags":
			var tags []string
			if decode(name, &tags, "an array of strings") {
				o.BuildTags = tags
			}
		case "goflags":
			decode(name, &o.GoFlags, "a string")
		case "env":
			var m map[string]string
			if decode(name, &m, "an object of strings") {
				o.Env = m
				if v := m["GOTOOLCHAIN"]; v != "" && v != "local" {
					bad(name, "GOTOOLCHAIN=%s ignored: the server always runs the go command with GOTOOLCHAIN=local", v)
				}
			}
		case "ldflags":
			decode(name, &o.Ldflags, "a string")
		case "buildmode":
			decode(name, &o.BuildMode, "a string")
		case "config":
			decode(name, &o.Config, "a file name")
		case "run":
			var run string
			if decode(name, &run, "\"onType\" or \"onSave\"") {
				if run == runOnType || run == runOnSave {
					o.Run = run
				} else {
					bad(name, "want \"onType\" or \"onSave\", got %q", run)
				}
			}
		case "delay":
			var ms float64
			if decode(name, &ms, "a number of milliseconds") {
				if ms < 0 || ms > 60000 {
					bad(name, "want 0 to 60000 milliseconds, got %v", ms)
				} else {
					o.Delay = time.Duration(ms * float64(time.Millisecond))
				}
			}
		case "allowNetwork":
			decode(name, &o.AllowNetwork, "true or false")
		case "diagnosticsDoneNotification":
			decode(name, &o.DiagnosticsDone, "true or false")
		case "unusedSuppressions":
			decode(name, &o.UnusedSuppressions, "true or false")
		default:
			problems = append(problems, fmt.Sprintf("unknown option %q", name))
		}
	}
	if spec := o.targetSpec(); spec != "" {
		if _, err := target.Parse(spec); err != nil {
			bad("target", "%v", err)
			o.Target, o.TargetOverrides = "", nil
		}
	}
	if o.Config != "" {
		if _, err := os.Stat(o.Config); err != nil {
			bad("config", "%v", err)
			o.Config = ""
		}
	}
	return o, problems
}

// targetSpec combines Target and TargetOverrides into a -target value
// ("" when neither is set).
func (o *Options) targetSpec() string {
	spec := o.Target
	if len(o.TargetOverrides) == 0 {
		return spec
	}
	if spec == "" {
		spec = target.Default
	}
	keys := make([]string, 0, len(o.TargetOverrides))
	for k := range o.TargetOverrides {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		spec += "," + k + "=" + o.TargetOverrides[k]
	}
	return spec
}

// settingsOptions are the options as the checks' settings: the target,
// config file, ldflags, buildmode and checks over the config file's.
func (o *Options) settingsOptions() settings.Options {
	return settings.Options{
		Target: o.targetSpec(), Config: o.Config, Ldflags: o.Ldflags, Buildmode: o.BuildMode,
		Enable: o.Checks, UnusedSuppressions: o.UnusedSuppressions,
	}
}

// goEnv is the go command's environment: the server's, the Env option,
// GOFLAGS with the goflags option appended, CGO_ENABLED from the config
// file unless set, GOPROXY=off unless the network is allowed, and always
// GOTOOLCHAIN=local so that opening a repository never downloads or runs
// another toolchain. Later entries win (os/exec keeps the last of
// duplicate keys).
func (o *Options) goEnv(cgo *bool) []string {
	env := os.Environ()
	keys := make([]string, 0, len(o.Env))
	for k := range o.Env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	lookup := func(k string) (string, bool) {
		if v, ok := o.Env[k]; ok {
			return v, true
		}
		return os.LookupEnv(k)
	}
	for _, k := range keys {
		env = append(env, k+"="+o.Env[k])
	}
	if o.GoFlags != "" {
		flags, _ := lookup("GOFLAGS")
		env = append(env, "GOFLAGS="+strings.TrimSpace(flags+" "+o.GoFlags))
	}
	if _, ok := o.Env["CGO_ENABLED"]; !ok && cgo != nil {
		env = append(env, "CGO_ENABLED="+map[bool]string{true: "1", false: "0"}[*cgo])
	}
	if _, ok := o.Env["GOPROXY"]; !ok && !o.AllowNetwork {
		env = append(env, "GOPROXY=off")
	}
	return append(env, "GOTOOLCHAIN=local")
}

func abbreviate(data []byte) string {
	s := string(bytes.TrimSpace(data))
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}
