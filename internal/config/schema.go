package config

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/scratchvet/scratchvet/target"
)

// The schema of scratchvet.toml: what each table and key may hold. Every
// rejected key or value is an Error at its line and column; all of a
// file's errors are reported together.
//
// To add a table: a case in (*decoder).file, then d.table for its fields
// and d.str, d.boolean, d.strings for their values. An array of tables
// ([[name]], or an array of inline tables) is a kindArray value whose
// elements are kindTable values, each with its fields and position.

const tableList = "[target-overrides], [build], [checks], [exclude], [severity], [[deployment]]"

// decoder checks a parsed file against the schema, collecting errors.
type decoder struct {
	path   string
	known  map[string]bool // check names
	checks []string        // sorted, for messages
	errs   []error
}

func (d *decoder) errorf(at pos, format string, args ...any) {
	d.errs = append(d.errs, &Error{Path: d.path, Line: at.line, Col: at.col, Msg: fmt.Sprintf(format, args...)})
}

// want reports whether v is of kind k, and an error if not; name is the
// key's dotted name.
func (d *decoder) want(name string, v *value, k valueKind) bool {
	if v.kind != k {
		d.errorf(v.pos, "%s must be %s, not %s", name, k, v.kind)
		return false
	}
	return true
}

func (d *decoder) str(name string, v *value) (string, bool) {
	if !d.want(name, v, kindString) {
		return "", false
	}
	return v.str, true
}

func (d *decoder) boolean(name string, v *value) (bool, bool) {
	if !d.want(name, v, kindBool) {
		return false, false
	}
	return v.b, true
}

// strings returns an array of strings and its elements (for their
// positions).
func (d *decoder) strings(name string, v *value) ([]string, []*value, bool) {
	if v.kind != kindArray {
		d.errorf(v.pos, "%s must be an array of strings, not %s", name, v.kind)
		return nil, nil, false
	}
	list := make([]string, 0, len(v.elems))
	for _, e := range v.elems {
		if e.kind != kindString {
			d.errorf(e.pos, "%s must be an array of strings, not hold %s", name, e.kind)
			return nil, nil, false
		}
		list = append(list, e.str)
	}
	return list, v.elems, true
}

// table returns the fields of a table ([name], name.key = ..., or an
// inline table).
func (d *decoder) table(name string, f *field) []*field {
	if f.val.kind != kindTable {
		d.errorf(f.val.pos, "%s must be a table ([%s]), not %s", name, name, f.val.kind)
		return nil
	}
	return f.val.fields
}

// file decodes the top-level table.
func (d *decoder) file(root *value) *File {
	f := &File{Path: d.path, Overrides: map[string]string{}, Checks: map[string]bool{},
		Exclude: map[string][]string{}, Severity: map[string]string{}}
	for _, top := range root.fields {
		switch top.key {
		case "target":
			if s, ok := d.str("target", top.val); ok {
				if _, err := target.Parse(s); err != nil {
					d.errorf(top.val.pos, "target: %v", err)
				}
				f.Target, f.TargetLine = s, top.val.pos.line
			}
		case "target-overrides":
			for _, e := range d.table(top.key, top) {
				d.override(f, e)
			}
		case "build":
			for _, e := range d.table(top.key, top) {
				d.build(&f.Build, top.key, e)
			}
		case "checks":
			for _, e := range d.table(top.key, top) {
				if !d.known[e.key] {
					d.errorf(e.pos, "unknown check %q in [checks] (checks: %s)", e.key, strings.Join(d.checks, ", "))
				} else if on, ok := d.boolean("checks."+e.key, e.val); ok {
					f.Checks[e.key] = on
				}
			}
		case "exclude":
			for _, e := range d.table(top.key, top) {
				if !d.known[e.key] && e.key != AllChecks {
					d.errorf(e.pos, "unknown check %q in [exclude] (keys: all, %s)", e.key, strings.Join(d.checks, ", "))
					continue
				}
				patterns, elems, ok := d.strings("exclude."+e.key, e.val)
				if !ok {
					continue
				}
				for i, pattern := range patterns {
					if err := ValidPattern(pattern); err != nil {
						d.errorf(elems[i].pos, "exclude.%s: %v", e.key, err)
					}
				}
				f.Exclude[e.key] = append(f.Exclude[e.key], patterns...)
			}
		case "severity":
			for _, e := range d.table(top.key, top) {
				if !d.known[e.key] && e.key != AllChecks {
					d.errorf(e.pos, "unknown check %q in [severity] (keys: all, %s)", e.key, strings.Join(d.checks, ", "))
					continue
				}
				if s, ok := d.str("severity."+e.key, e.val); ok {
					if !slices.Contains(Severities, s) {
						d.errorf(e.val.pos, "severity.%s must be one of %s, not %q", e.key, strings.Join(Severities, ", "), s)
						continue
					}
					f.Severity[e.key] = s
				}
			}
		case "deployment":
			if top.val.kind != kindArray {
				d.errorf(top.pos, "deployment must be an array of tables ([[deployment]]), not %s", top.val.kind)
				continue
			}
			for _, e := range top.val.elems {
				if e.kind != kindTable {
					d.errorf(e.pos, "deployment must be an array of tables ([[deployment]]), not hold %s", e.kind)
					continue
				}
				f.Deployments = append(f.Deployments, d.deployment(e))
			}
		default:
			if top.val.kind == kindTable {
				d.errorf(top.pos, "unknown table [%s] (tables: %s)", top.key, tableList)
			} else {
				d.errorf(top.pos, "unknown key %q (top-level keys: target; tables: %s)", top.key, tableList)
			}
		}
	}
	return f
}

func (d *decoder) override(f *File, e *field) {
	var s string
	switch e.val.kind {
	case kindBool:
		s = fmt.Sprint(e.val.b)
	case kindString:
		s = e.val.str
	default:
		d.errorf(e.val.pos, "target-overrides.%s must be a boolean or a string, not %s", e.key, e.val.kind)
		return
	}
	probe, _ := target.Lookup(target.Default)
	if err := probe.Set(e.key, s); err != nil {
		at := e.val.pos
		if strings.Contains(err.Error(), "unknown target property") {
			at = e.pos
		}
		d.errorf(at, "%v", err)
		return
	}
	f.Overrides[e.key] = s
}

// build decodes one key of a build table; table is its dotted name
// ("build").
func (d *decoder) build(b *Build, table string, e *field) {
	name := table + "." + e.key
	switch e.key {
	case "tags":
		tags, elems, ok := d.strings(name, e.val)
		if !ok {
			return
		}
		for i, tag := range tags {
			if !validTag(tag) {
				d.errorf(elems[i].pos, "%s: %q is not a build tag (letters, digits, '_' and '.'; one tag per string)", name, tag)
				ok = false
			}
		}
		if ok {
			b.Tags = tags
		}
	case "cgo":
		if on, ok := d.boolean(name, e.val); ok {
			b.Cgo = &on
		}
	case "ldflags":
		if s, ok := d.str(name, e.val); ok {
			b.Ldflags = s
		}
	case "buildmode":
		if s, ok := d.str(name, e.val); ok {
			switch s {
			case "default", "exe", "pie":
				b.BuildMode = s
			default:
				d.errorf(e.val.pos, "%s %q: scratchvet judges exe and pie binaries", name, s)
			}
		}
	case "libc":
		if s, ok := d.str(name, e.val); ok {
			switch s {
			case "glibc", "musl":
				b.Libc = s
			default:
				d.errorf(e.val.pos, "%s must be \"glibc\" or \"musl\", not %q", name, s)
			}
		}
	default:
		d.errorf(e.pos, "unknown key %q in [%s] (keys: tags, cgo, ldflags, buildmode, libc)", e.key, table)
	}
}

// validTag reports whether tag is a build tag a //go:build line can name
// (go/build/constraint's rule). The go command takes anything, but a tag
// with a space or a quote changes how it splits -tags, and any other
// character makes a tag no file can test.
func validTag(tag string) bool {
	if tag == "" {
		return false
	}
	for _, c := range tag {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '_' && c != '.' {
			return false
		}
	}
	return true
}

// deployment decodes one [[deployment]] table.
func (d *decoder) deployment(t *value) Deployment {
	dep := Deployment{Line: t.pos.line, Env: map[string]string{}}
	hasTarget := false
	for _, e := range t.fields {
		name := "deployment." + e.key
		switch e.key {
		case "main":
			switch e.val.kind {
			case kindString:
				dep.Main = []string{e.val.str}
			default:
				if list, _, ok := d.strings(name, e.val); ok {
					dep.Main = list
				}
			}
		case "name":
			dep.Name, _ = d.str(name, e.val)
		case "target":
			if s, ok := d.str(name, e.val); ok {
				if _, err := target.Parse(s); err != nil {
					d.errorf(e.val.pos, "%s: %v", name, err)
				}
				dep.Target, dep.TargetLine, hasTarget = s, e.val.pos.line, true
			}
		case "user":
			dep.User, _ = d.str(name, e.val)
		case "env":
			for _, v := range d.table(name, e) {
				if s, ok := d.str(name+"."+v.key, v.val); ok {
					dep.Env[v.key] = s
				}
			}
		case "build":
			for _, b := range d.table(name, e) {
				d.build(&dep.Build, name, b)
			}
		default:
			d.errorf(e.pos, "unknown key %q in [[deployment]] (keys: main, name, target, user, env, build)", e.key)
		}
	}
	if !hasTarget {
		d.errorf(t.pos, "[[deployment]] needs a target (a preset, as for -target)")
	}
	return dep
}
