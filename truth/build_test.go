//go:build linux

package truth

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// repoRoot is the scratchvet module's directory (tests run in truth/).
func repoRoot() string {
	dir, err := filepath.Abs("..")
	if err != nil {
		panic(err)
	}
	return dir
}

// fixtureModule is the fixture programs' module directory.
func fixtureModule() string {
	return filepath.Join(repoRoot(), "testdata", "runtime")
}

// baseEnv is the caller's environment without the variables that select a
// build configuration, so that only the configuration decides them. The Go
// build cache is shared with the caller's: rebuilds are cheap. The suite has
// no network, so nothing may be downloaded.
func baseEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "CGO_ENABLED", "CC", "CXX", "GOFLAGS", "GOOS", "GOARCH", netnsEnv:
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GOTOOLCHAIN=local", "GOFLAGS=-buildvcs=false")
}

// goCommand prepares `go args...` in dir with extra environment.
func goCommand(dir string, extraEnv []string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), args...)
	cmd.Dir = dir
	cmd.Env = append(baseEnv(), extraEnv...)
	return cmd
}

// builtFixtures are the binaries of every case under every configuration.
type builtFixtures struct {
	binary map[[2]string]string // {case, config} → path
	plugin map[string]string    // config → greeter.so
	errs   []string             // build failures
}

// buildGroup is one `go build` invocation: the cases of one configuration
// that share their extra tags, built together so the go command schedules
// them in parallel.
type buildGroup struct {
	config buildConfig
	tags   []string
	cases  []fixtureCase
}

func buildGroups() []buildGroup {
	var groups []buildGroup
	for _, cfg := range buildConfigs {
		byTags := map[string]int{}
		for _, fc := range fixtureCases {
			if !fc.builds(cfg) {
				continue
			}
			key := strings.Join(fc.Tags, ",")
			i, ok := byTags[key]
			if !ok {
				i = len(groups)
				byTags[key] = i
				groups = append(groups, buildGroup{config: cfg, tags: fc.Tags})
			}
			groups[i].cases = append(groups[i].cases, fc)
		}
	}
	return groups
}

// name identifies the group in paths and messages.
func (g buildGroup) name() string {
	if len(g.tags) == 0 {
		return g.config.Name
	}
	return g.config.Name + "+" + strings.Join(g.tags, "+")
}

// packages returns the group's distinct package patterns.
func (g buildGroup) packages() []string {
	seen := map[string]bool{}
	var pkgs []string
	for _, fc := range g.cases {
		if !seen[fc.Dir] {
			seen[fc.Dir] = true
			pkgs = append(pkgs, "./"+fc.Dir)
		}
	}
	return pkgs
}

// buildFlags are the go build (and scratchvet) flags of the configuration
// plus extra tags.
func buildFlags(cfg buildConfig, extraTags []string) []string {
	var flags []string
	if tags := cfg.tags(extraTags); tags != "" {
		flags = append(flags, "-tags", tags)
	}
	if cfg.LDFlags != "" {
		flags = append(flags, "-ldflags", cfg.LDFlags)
	}
	if cfg.BuildMode != "" {
		flags = append(flags, "-buildmode", cfg.BuildMode)
	}
	return flags
}

// buildFixtures builds every group and every configuration's plugin into
// outDir, two go commands at a time (each is itself parallel).
func buildFixtures(outDir string) *builtFixtures {
	b := &builtFixtures{binary: map[[2]string]string{}, plugin: map[string]string{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	slots := make(chan struct{}, 2)
	run := func(what string, cmd *exec.Cmd, done func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			out, err := cmd.CombinedOutput()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				b.errs = append(b.errs, fmt.Sprintf("building %s: %s: %v\n%s", what, strings.Join(cmd.Args, " "), err, out))
				return
			}
			done()
		}()
	}
	for _, g := range buildGroups() {
		g := g
		dir := filepath.Join(outDir, g.name()) + string(filepath.Separator)
		args := append([]string{"build", "-o", dir}, buildFlags(g.config, g.tags)...)
		cmd := goCommand(fixtureModule(), g.config.env(), append(args, g.packages()...)...)
		run(g.name(), cmd, func() {
			for _, fc := range g.cases {
				b.binary[[2]string{fc.Name, g.config.Name}] = dir + filepath.Base(fc.Dir)
			}
		})
	}
	for _, cfg := range buildConfigs {
		if !cfg.Cgo {
			continue // -buildmode=plugin requires cgo; plugin.Open then says "not implemented"
		}
		cfg := cfg
		so := filepath.Join(outDir, cfg.Name+"-greeter.so")
		args := []string{"build", "-buildmode=plugin", "-o", so}
		if tags := cfg.tags(nil); tags != "" {
			args = append(args, "-tags", tags)
		}
		run(cfg.Name+" plugin", goCommand(fixtureModule(), cfg.env(), append(args, "./plugin/greeter")...), func() {
			b.plugin[cfg.Name] = so
		})
	}
	wg.Wait()
	return b
}

// buildLauncher builds the seccomp launcher that emulates a kernel without
// getrandom(2). It must be static: it runs inside every root filesystem.
func buildLauncher(outDir string) (string, error) {
	bin := filepath.Join(outDir, "nogetrandom")
	out, err := goCommand(repoRoot(), []string{"CGO_ENABLED=0"}, "build", "-o", bin, "./truth/internal/nogetrandom").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("building the getrandom launcher: %v\n%s", err, out)
	}
	return bin, nil
}
