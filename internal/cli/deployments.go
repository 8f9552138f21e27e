package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/scratchvet/scratchvet/internal/deploy"
)

const deploymentsUsage = `usage: scratchvet deployments [-json] [dir]

Prints how each main package of the module (or go.work workspace) that
contains dir ships, as its Dockerfiles, goreleaser, ko and promu
configurations and Makefiles declare it: the image and its target, the
binary, the build configuration, with the file and line of each fact,
and notes where declarations disagree. Nothing is built or run.

Flags:
`

// deployments is the `scratchvet deployments` subcommand.
func deployments(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("deployments", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the deployments as JSON")
	fs.Usage = func() {
		fmt.Fprint(stderr, deploymentsUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitClean
		}
		return ExitError
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return ExitError
	}
	dir := "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	root, err := deploy.FindRoot(dir)
	if err != nil {
		fmt.Fprintf(stderr, "scratchvet: %v\n", err)
		return ExitError
	}
	res, err := deploy.Discover(root)
	if err != nil {
		fmt.Fprintf(stderr, "scratchvet: %v\n", err)
		return ExitError
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			fmt.Fprintf(stderr, "scratchvet: %v\n", err)
			return ExitError
		}
		return ExitClean
	}
	printDeployments(stdout, res)
	return ExitClean
}

func printDeployments(w io.Writer, res *deploy.Result) {
	cwd, _ := os.Getwd()
	// Paths relative to the working directory, as go vet prints them
	// (../Dockerfile from a subdirectory of the module).
	rel := func(p string) string {
		if r, err := filepath.Rel(cwd, filepath.Join(res.Root, filepath.FromSlash(p))); err == nil && cwd != "" {
			return filepath.ToSlash(r)
		}
		return p
	}
	pos := func(p deploy.Pos) string {
		if !p.IsValid() {
			return ""
		}
		return (deploy.Pos{File: rel(p.File), Line: p.Line}).String()
	}
	fact := func(f deploy.Fact) string {
		where := pos(f.Pos)
		switch {
		case f.Default != "" && where != "":
			return f.Default + ", " + where
		case f.Default != "":
			return f.Default
		}
		return where
	}
	if len(res.Files) == 0 {
		fmt.Fprintln(w, "No deployment files (Dockerfile, .goreleaser.yaml, .ko.yaml, .promu.yml, Makefile) under", res.Root)
	}
	var undeployed []string
	for _, m := range res.Mains {
		deps := res.For(m.ImportPath)
		if len(deps) == 0 {
			undeployed = append(undeployed, m.Dir)
			continue
		}
		fmt.Fprintf(w, "%s (%s)\n", m.Dir, m.ImportPath)
		block := func(d deploy.Deployment) string {
			var b strings.Builder
			if d.Image == nil {
				fmt.Fprintf(&b, "  built (%s), no image declared\n", pos(d.Pos))
			} else {
				fmt.Fprintf(&b, "  on %s (%s)\n", d.Name(), fact(d.Image.Ref))
			}
			printDeployment(&b, d, pos, fact)
			return b.String()
		}
		// One declaration reached for several outputs (a recipe run per
		// platform) is one block, naming the binaries.
		var keys []string
		groups := map[string][]deploy.Deployment{}
		for _, d := range deps {
			nameless := d
			nameless.Binary = ""
			k := block(nameless)
			if groups[k] == nil {
				keys = append(keys, k)
			}
			groups[k] = append(groups[k], d)
		}
		for _, k := range keys {
			g := groups[k]
			d := g[0]
			var names []string
			for _, o := range g {
				if o.Binary != "" && !slices.Contains(names, o.Binary) {
					names = append(names, o.Binary)
				}
			}
			if len(names) > 3 {
				names = append(names[:3], fmt.Sprintf("%d more", len(names)-3))
			}
			d.Binary = strings.Join(names, ", ")
			io.WriteString(w, block(d))
		}
	}
	if len(undeployed) > 0 {
		sort.Strings(undeployed)
		fmt.Fprintf(w, "No deployment declared: %s\n", strings.Join(undeployed, ", "))
	}
	if len(res.Notes) > 0 {
		fmt.Fprintln(w, "Notes:")
		for _, n := range res.Notes {
			var where []string
			msg := n.Msg
			for _, p := range n.Pos {
				where = append(where, pos(p))
				// The message names positions relative to the root.
				msg = strings.ReplaceAll(msg, " "+p.String(), " "+pos(p))
			}
			prefix := ""
			if len(where) > 0 {
				prefix = where[0] + ": "
			}
			main := ""
			if n.Main != "" {
				main = " (" + n.Main + ")"
			}
			fmt.Fprintf(w, "  %s%s%s\n", prefix, msg, main)
		}
	}
	if len(res.Problems) > 0 {
		fmt.Fprintln(w, "Problems (these declarations were not read; the others still count):")
		for _, p := range res.Problems {
			fmt.Fprintf(w, "  %s: %s\n", pos(p.Pos), p.Msg)
		}
	}
}

func printDeployment(w io.Writer, d deploy.Deployment, pos func(deploy.Pos) string, fact func(deploy.Fact) string) {
	row := func(key, value, where string) {
		if where != "" {
			value += "  (" + where + ")"
		}
		fmt.Fprintf(w, "    %-9s %s\n", key, value)
	}
	if im := d.Image; im != nil {
		row("image", im.Ref.Value, fact(im.Ref))
		if im.BuiltBy.IsValid() {
			row("built by", "docker build", pos(im.BuiltBy))
		}
		if im.Known {
			row("target", im.TargetSpec(), im.Entry)
		} else {
			row("target", "unknown", im.Entry)
		}
		for _, o := range im.Overrides {
			row("", o.Key+"="+o.Value, pos(o.Pos)+": "+o.Why)
		}
		if im.User.Set() {
			row("user", im.User.Value, fact(im.User))
		}
		if im.Workdir.Set() {
			row("workdir", im.Workdir.Value, fact(im.Workdir))
		}
		for _, k := range sortedEnv(im.Env) {
			row("env", k+"="+im.Env[k].Value, fact(im.Env[k]))
		}
	}
	row("binary", d.Binary, "")
	b := d.Build
	if b == nil {
		row("build", "not declared", "")
		return
	}
	row("build", b.Via, pos(b.Pos))
	if b.Cgo.Set() {
		row("", "CGO_ENABLED="+b.Cgo.Value, fact(b.Cgo))
	} else {
		row("", "CGO_ENABLED not declared", "")
	}
	if len(b.Tags) > 0 {
		row("", "-tags "+strings.Join(b.Tags, ","), pos(b.TagsPos))
	}
	if b.Ldflags.Set() {
		l := b.Link()
		link := ""
		switch {
		case l.ExtStatic && l.External:
			link = " [static: -linkmode external]"
		case l.IgnoredStatic():
			link = " [-extldflags -static without -linkmode external: static only if a non-standard cgo package forces the external linker]"
		}
		flags := deploy.LinkFlags(b.Ldflags.Value)
		if flags != b.Ldflags.Value {
			flags = strings.TrimSpace(flags + " -X …")
		}
		row("", "-ldflags "+quoteIfSpace(flags)+link, fact(b.Ldflags))
	}
	if b.Buildmode.Set() {
		row("", "-buildmode="+b.Buildmode.Value, fact(b.Buildmode))
	}
	if b.Libc.Set() {
		row("", "libc "+b.Libc.Value, fact(b.Libc))
	}
	for _, u := range b.Unexpanded {
		row("", "left unexpanded: "+u, "")
	}
}

func sortedEnv(m map[string]deploy.Fact) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func quoteIfSpace(s string) string {
	if strings.ContainsAny(s, " \t") {
		return "'" + s + "'"
	}
	return s
}
