// Package deploy finds out how each main package of a module ships: the
// image it runs in and the build that makes it, read from the files that
// already say so (Dockerfiles, goreleaser, ko and promu configurations,
// Makefiles), each fact with the file and line that declares it.
//
// Nothing is run: Dockerfiles, YAML and Makefiles are read, never
// executed; values that only running something would give (a command
// substitution, a template, a variable nothing sets) are said to be
// unknown. docs/deployments.md describes what is read and how.
package deploy

import (
	"fmt"
	"sort"
	"strings"

	"github.com/scratchvet/scratchvet/target"
)

// Pos is where something is declared: a file (relative to the root that
// was searched, with forward slashes) and a 1-based line (0: the file as a
// whole).
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
}

func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// IsValid reports whether p names a file.
func (p Pos) IsValid() bool { return p.File != "" }

// A Problem is a declaration that could not be read.
type Problem struct {
	Pos Pos    `json:"pos"`
	Msg string `json:"message"`
}

func (p Problem) String() string { return p.Pos.String() + ": " + p.Msg }

// A Fact is a declared value and where it is declared. Default, when not
// empty, says that the value is a tool's default rather than written in
// the repository ("ko's default").
type Fact struct {
	Value   string `json:"value"`
	Pos     Pos    `json:"pos,omitempty"`
	Default string `json:"default,omitempty"`
}

// Set reports whether the fact has a value.
func (f Fact) Set() bool { return f.Value != "" }

// Origin says where the value comes from, for messages: "Dockerfile:12"
// or "ko's default".
func (f Fact) Origin() string {
	switch {
	case f.Default != "" && f.Pos.IsValid():
		return f.Default + ", " + f.Pos.String()
	case f.Default != "":
		return f.Default
	}
	return f.Pos.String()
}

// Build is how a binary is built, as far as its declarations say.
type Build struct {
	// Via names what builds it: "go build", "goreleaser", "promu", "ko",
	// or "script" for a build the declarations do not show (go run
	// build.go, a shell script).
	Via string `json:"via"`
	Pos Pos    `json:"pos"` // the build's declaration: the RUN, the recipe line, the builds entry
	// Cgo is CGO_ENABLED: "0", "1", or "" when nothing declares it (the
	// go command then enables cgo where a C compiler is found).
	Cgo       Fact     `json:"cgo"`
	Tags      []string `json:"tags,omitempty"`
	TagsPos   Pos      `json:"tagsPos,omitempty"`
	Ldflags   Fact     `json:"ldflags"`
	Buildmode Fact     `json:"buildmode"`
	// Libc is the C library cgo links against: "glibc" or "musl" (a
	// golang:*-alpine builder, CC=musl-gcc); "" when not declared.
	Libc Fact `json:"libc"`
	// Unexpanded lists values left as written: templates, variables
	// nothing sets, command substitutions.
	Unexpanded []string `json:"unexpanded,omitempty"`
	// Output is the path the binary is written to, as the build says
	// (in the image for a Dockerfile build, in the repository otherwise).
	Output string `json:"output,omitempty"`
}

// Link is what Build's -ldflags say about linking.
func (b *Build) Link() Link { return ParseLink(b.Ldflags.Value) }

// Image is the image a binary runs in.
type Image struct {
	// Ref is the image reference as the build resolves it (ARG defaults
	// and build arguments expanded), with the FROM line (or the
	// configuration key) that names it.
	Ref Fact `json:"ref"`
	// Preset is the target preset the image maps to; "" when the image is
	// not in the image table (Known false) or Ref could not be resolved.
	Preset string `json:"preset,omitempty"`
	Known  bool   `json:"known"`
	// Entry is the image table's description of the match, or why the
	// image is unknown.
	Entry string `json:"entry"`
	// Overrides are the target properties the build changes (CA bundle
	// copied in, tzdata installed, ...), each with its declaration.
	Overrides []Override `json:"overrides,omitempty"`
	// Env is the image's environment for the variables that decide how
	// Go behaves (TZ, TMPDIR, SSL_CERT_FILE, SSL_CERT_DIR, ZONEINFO, HOME).
	Env     map[string]Fact `json:"env,omitempty"`
	User    Fact            `json:"user"`
	Workdir Fact            `json:"workdir"`
	Stage   string          `json:"stage,omitempty"` // the Dockerfile stage, if any
	// BuiltBy is the build that makes the image from its Dockerfile (a
	// docker build in a Makefile, a goreleaser dockers entry), when one
	// gives it build arguments.
	BuiltBy Pos `json:"builtBy,omitempty"`
}

// An Override is one target property set by a declaration.
type Override struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	Pos   Pos    `json:"pos"`
	Why   string `json:"why"` // "COPY of /etc/ssl/certs/ca-certificates.crt"
}

// Target returns the image's target: its preset with the overrides
// applied. It fails for an unknown image.
func (im *Image) Target() (target.Target, error) {
	if im.Preset == "" {
		return target.Target{}, fmt.Errorf("image %q is not in the image table", im.Ref.Value)
	}
	t, ok := target.Lookup(im.Preset)
	if !ok {
		return target.Target{}, fmt.Errorf("unknown preset %q", im.Preset)
	}
	over := map[string]string{}
	for _, o := range im.Overrides {
		if _, known := t.Get(o.Key); known {
			over[o.Key] = o.Value
		}
	}
	if len(over) == 0 {
		return t, nil
	}
	return t.WithOverrides(over)
}

// TargetSpec is the target as -target accepts it: "alpine,zoneinfo=true".
func (im *Image) TargetSpec() string {
	if im.Preset == "" {
		return ""
	}
	t, _ := target.Lookup(im.Preset)
	spec := []string{im.Preset}
	seen := map[string]int{}
	for _, o := range im.Overrides {
		if _, known := t.Get(o.Key); !known {
			continue
		}
		kv := o.Key + "=" + o.Value
		if i, ok := seen[o.Key]; ok {
			spec[i] = kv
			continue
		}
		seen[o.Key] = len(spec)
		spec = append(spec, kv)
	}
	return strings.Join(spec, ",")
}

func (im *Image) override(key, value string, pos Pos, why string) {
	for i, o := range im.Overrides {
		if o.Key == key {
			im.Overrides[i] = Override{key, value, pos, why}
			return
		}
	}
	im.Overrides = append(im.Overrides, Override{key, value, pos, why})
}

// dropRedundant removes the overrides that set a property to the value
// the preset already has (apk add ca-certificates on alpine).
func (im *Image) dropRedundant() {
	t, ok := target.Lookup(im.Preset)
	if !ok {
		return
	}
	out := im.Overrides[:0]
	for _, o := range im.Overrides {
		if v, known := t.Get(o.Key); known && v == o.Value {
			continue
		}
		out = append(out, o)
	}
	im.Overrides = out
}

// A Main is a main package found under the root.
type Main struct {
	ImportPath string `json:"importPath"`
	Dir        string `json:"dir"`  // relative to the root, "./cmd/app" or "."
	Name       string `json:"name"` // the binary's default name (go build's)
}

// A Deployment is one way a main package ships: an image (nil when none
// is declared) and the build that puts it there (nil when no declaration
// shows how the binary is built).
type Deployment struct {
	Main   string `json:"main"`   // import path of the main package
	Binary string `json:"binary"` // the binary's path or name in the image
	Image  *Image `json:"image,omitempty"`
	Build  *Build `json:"build,omitempty"`
	// Pos is where the binary is put into the image (the COPY, the ko
	// build entry), or the build when there is no image.
	Pos Pos `json:"pos"`
}

// Name is a short name for the deployment in messages: the image's
// preset (or its reference when it is unknown), "no image" otherwise.
func (d *Deployment) Name() string {
	switch {
	case d.Image == nil:
		return "no image"
	case d.Image.Preset != "":
		return d.Image.Preset
	}
	return d.Image.Ref.Value
}

// A Note is something the declarations say that a reader should know:
// two declarations that disagree, an assumption made where nothing is
// declared, an image that is not in the table.
type Note struct {
	Main string `json:"main,omitempty"` // the main package it concerns, if one
	Pos  []Pos  `json:"pos,omitempty"`
	Msg  string `json:"message"`
}

// Result is what Discover finds under a root.
type Result struct {
	Root        string       `json:"root"`
	Mains       []Main       `json:"mains"`
	Deployments []Deployment `json:"deployments"`
	Notes       []Note       `json:"notes,omitempty"`
	Problems    []Problem    `json:"problems,omitempty"`
	// Files are the deployment files read, relative to Root.
	Files []string `json:"files"`
}

// For returns the deployments of one main package.
func (r *Result) For(importPath string) []Deployment {
	var out []Deployment
	for _, d := range r.Deployments {
		if d.Main == importPath {
			out = append(out, d)
		}
	}
	return out
}

func (r *Result) sortAll() {
	sort.SliceStable(r.Mains, func(i, j int) bool { return r.Mains[i].ImportPath < r.Mains[j].ImportPath })
	sort.SliceStable(r.Deployments, func(i, j int) bool {
		a, b := r.Deployments[i], r.Deployments[j]
		if a.Main != b.Main {
			return a.Main < b.Main
		}
		return lessPos(a.Pos, b.Pos)
	})
	sort.SliceStable(r.Problems, func(i, j int) bool { return lessPos(r.Problems[i].Pos, r.Problems[j].Pos) })
	sort.Strings(r.Files)
}

func lessPos(a, b Pos) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	return a.Line < b.Line
}

// sanitize shows the unknown parts of values as "…".
func (r *Result) sanitize() {
	clean := func(s *string) { *s = strings.ReplaceAll(*s, unknown, "…") }
	fact := func(f *Fact) { clean(&f.Value) }
	images := map[*Image]bool{}
	for i := range r.Deployments {
		d := &r.Deployments[i]
		clean(&d.Binary)
		if d.Image != nil && !images[d.Image] {
			images[d.Image] = true
			fact(&d.Image.Ref)
			fact(&d.Image.User)
			fact(&d.Image.Workdir)
			for k, v := range d.Image.Env {
				fact(&v)
				d.Image.Env[k] = v
			}
		}
		if d.Build != nil {
			b := *d.Build
			fact(&b.Ldflags)
			clean(&b.Output)
			for j := range b.Tags {
				clean(&b.Tags[j])
			}
			d.Build = &b
		}
	}
	for i := range r.Notes {
		clean(&r.Notes[i].Msg)
	}
}
