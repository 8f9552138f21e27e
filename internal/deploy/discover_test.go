package deploy

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the corpus's .want files")

// TestCorpus runs discovery on each directory of testdata/corpus (own
// deployment files in the shapes real projects use) and compares a
// summary of every deployment, note and problem with the .want file.
func TestCorpus(t *testing.T) {
	dirs, err := os.ReadDir("testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range dirs {
		if !e.IsDir() {
			continue
		}
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := Discover(filepath.Join("testdata/corpus", name))
			if err != nil {
				t.Fatal(err)
			}
			got := summarize(res)
			wantFile := filepath.Join("testdata/corpus", name+".want")
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("discovery of %s changed:\n--- want\n%s\n--- got\n%s", name, want, got)
			}
		})
	}
}

// summarize renders a Result compactly, one fact per line, for golden
// comparison.
func summarize(res *Result) string {
	var b strings.Builder
	dirOf := map[string]string{}
	for _, m := range res.Mains {
		dirOf[m.ImportPath] = m.Dir
		fmt.Fprintf(&b, "main %s %s name=%s\n", m.Dir, m.ImportPath, m.Name)
	}
	for _, d := range res.Deployments {
		fmt.Fprintf(&b, "\ndeployment %s %s at %s\n", dirOf[d.Main], d.Binary, d.Pos)
		if im := d.Image; im != nil {
			target := im.TargetSpec()
			if !im.Known {
				target = "unknown (" + im.Entry + ")"
			}
			fmt.Fprintf(&b, "  image %s (%s) target %s\n", im.Ref.Value, im.Ref.Origin(), target)
			if im.BuiltBy.IsValid() {
				fmt.Fprintf(&b, "  built by %s\n", im.BuiltBy)
			}
			for _, o := range im.Overrides {
				fmt.Fprintf(&b, "  override %s=%s (%s: %s)\n", o.Key, o.Value, o.Pos, o.Why)
			}
			if im.User.Set() {
				fmt.Fprintf(&b, "  user %s (%s)\n", im.User.Value, im.User.Origin())
			}
			if im.Workdir.Set() {
				fmt.Fprintf(&b, "  workdir %s (%s)\n", im.Workdir.Value, im.Workdir.Origin())
			}
			keys := make([]string, 0, len(im.Env))
			for k := range im.Env {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				fmt.Fprintf(&b, "  env %s=%s (%s)\n", k, im.Env[k].Value, im.Env[k].Origin())
			}
		} else {
			fmt.Fprintf(&b, "  no image\n")
		}
		if bd := d.Build; bd != nil {
			fmt.Fprintf(&b, "  build %s (%s)\n", bd.Via, bd.Pos)
			if bd.Cgo.Set() {
				fmt.Fprintf(&b, "  cgo %s (%s)\n", bd.Cgo.Value, bd.Cgo.Origin())
			}
			if len(bd.Tags) > 0 {
				fmt.Fprintf(&b, "  tags %s (%s)\n", strings.Join(bd.Tags, ","), bd.TagsPos)
			}
			if bd.Ldflags.Set() {
				l := bd.Link()
				fmt.Fprintf(&b, "  ldflags %q (%s) external=%v extstatic=%v\n", LinkFlags(bd.Ldflags.Value), bd.Ldflags.Origin(), l.External, l.ExtStatic)
			}
			if bd.Buildmode.Set() {
				fmt.Fprintf(&b, "  buildmode %s (%s)\n", bd.Buildmode.Value, bd.Buildmode.Origin())
			}
			if bd.Libc.Set() {
				fmt.Fprintf(&b, "  libc %s (%s)\n", bd.Libc.Value, bd.Libc.Origin())
			}
			for _, u := range bd.Unexpanded {
				fmt.Fprintf(&b, "  unexpanded %s\n", u)
			}
		} else {
			fmt.Fprintf(&b, "  build not declared\n")
		}
	}
	if len(res.Notes) > 0 {
		b.WriteString("\n")
	}
	for _, n := range res.Notes {
		var ps []string
		for _, p := range n.Pos {
			ps = append(ps, p.String())
		}
		fmt.Fprintf(&b, "note [%s] %s: %s\n", dirOf[n.Main], strings.Join(ps, " "), n.Msg)
	}
	for _, p := range res.Problems {
		fmt.Fprintf(&b, "problem %s\n", p)
	}
	fmt.Fprintf(&b, "files %s\n", strings.Join(res.Files, " "))
	return b.String()
}
