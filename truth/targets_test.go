//go:build linux

package truth

import (
	"fmt"
	"strings"

	"github.com/scratchvet/scratchvet/target"
)

// A truthTarget is one column of the matrix: a preset, which every case
// runs on, or a variant (a preset with overrides: a USER, an ENV the image
// sets), which only the cases it is about run on.
type truthTarget struct {
	Spec   string // the -target value, and the column's name
	Target target.Target
	Cases  []string // the cases run there; nil: every case
	Doc    string
}

// variants are the targets besides the presets: what a Dockerfile's USER
// and ENV make of a preset.
var variants = []struct {
	spec  string
	cases []string
	doc   string
}{
	{"scratch,tmpdir=/dev/shm", []string{"tmp", "multipart"},
		"FROM scratch with ENV TMPDIR=/dev/shm, the runtime's tmpfs"},
	{"scratch,user=65532", []string{"tmp", "multipart", "homedir", "userlookup"},
		"FROM scratch with USER 65532: no passwd entry, so HOME=/"},
	{"alpine,user=65532", []string{"tmp", "homedir", "execsh"},
		"alpine with USER 65532, which its passwd lacks: HOME=/"},
	{"distroless-static,user=nobody", []string{"homedir"},
		"distroless with USER nobody: HOME=/nonexistent"},
	{"scratch,syslog=true", []string{"syslog", "syslogremote"},
		"a root with a syslog daemon's /dev/log"},
	{"scratch,tz=America/New_York", []string{"tzenv", "tzenvembed", "tz"},
		"FROM scratch with ENV TZ=America/New_York"},
	{"alpine,tz=America/New_York", []string{"tzenv", "tzenvembed"},
		"alpine without the tzdata package, ENV TZ=America/New_York"},
	{"distroless-static,tz=America/New_York", []string{"tzenv", "tzenvembed"},
		"distroless (zoneinfo) with ENV TZ=America/New_York"},
}

// truthTargets returns the presets, then the variants.
func truthTargets() []truthTarget {
	var targets []truthTarget
	for _, p := range target.Presets() {
		targets = append(targets, truthTarget{Spec: p.Name, Target: p.Target, Doc: p.Summary})
	}
	for _, v := range variants {
		t, err := target.Parse(v.spec)
		if err != nil {
			panic(fmt.Sprintf("variant %q: %v", v.spec, err))
		}
		targets = append(targets, truthTarget{Spec: v.spec, Target: t, Cases: v.cases, Doc: v.doc})
	}
	return targets
}

// runs reports whether the case runs on the target.
func (tt truthTarget) runs(fc fixtureCase) bool {
	if tt.Cases == nil {
		return true
	}
	for _, c := range tt.Cases {
		if c == fc.Name {
			return true
		}
	}
	return false
}

// dirName is the target's directory under the suite's work directory.
func (tt truthTarget) dirName() string {
	return strings.NewReplacer("/", "_", ",", "+", ":", "-").Replace(tt.Spec)
}

// environment is the environment a program starts with on the target, as a
// container runtime gives it: the image's variables, Docker's PATH, and a
// HOME that runc derives from the root filesystem's /etc/passwd when the
// model does not say. A model HOME that runc would not give is an error of
// the model, unless the target sets HOME itself (an image's ENV HOME).
func (tt truthTarget) environment(root string) ([]string, error) {
	env := tt.Target.Environ()
	runc := runcHome(root, tt.Target.User)
	explicit := strings.Contains(","+tt.Spec, ",home=")
	switch {
	case tt.Target.Home == "":
		env = append(env, "HOME="+runc)
	case tt.Target.Home != runc && !explicit:
		return nil, fmt.Errorf("target %s: the model says HOME=%s, runc would give %s from the assembled /etc/passwd", tt.Spec, tt.Target.Home, runc)
	}
	return env, nil
}
