package target

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// Programs describes the executables a target has on PATH: named sets and
// single programs joined by "+", e.g. "busybox+git". The sets:
//
//	none      nothing (scratch, distroless)
//	busybox   Alpine's busybox applets (alpine)
//	debian    what Debian 12's required packages install (a debian image)
//	all       every program asked for is assumed present
//
// The empty value means unknown: no program is claimed present or absent.
type Programs string

// Named program sets.
const (
	NoPrograms      Programs = "none"
	BusyboxPrograms Programs = "busybox"
	DebianPrograms  Programs = "debian"
	AllPrograms     Programs = "all"
)

// Presence is what a target says about one program.
type Presence int

const (
	Unknown Presence = iota // nothing is claimed
	Present
	Absent
)

func (p Presence) String() string {
	switch p {
	case Present:
		return "present"
	case Absent:
		return "absent"
	}
	return "unknown"
}

var programSets = map[Programs]struct {
	present, maybe []string
}{
	NoPrograms:      {},
	BusyboxPrograms: {present: alpineBusyboxApplets, maybe: alpineMaybe},
	DebianPrograms:  {present: debianRequiredPrograms},
	AllPrograms:     {},
}

// parsePrograms validates a Programs value.
func parsePrograms(v string) (Programs, error) {
	if v == "" {
		return "", nil
	}
	for _, tok := range strings.Split(v, "+") {
		if _, ok := programSets[Programs(tok)]; ok {
			continue
		}
		if !validProgram(tok) {
			return "", fmt.Errorf("want sets (none, busybox, debian, all) and program names joined by +, such as busybox+git; %q is neither", tok)
		}
	}
	return Programs(v), nil
}

// validProgram accepts a program name or an absolute path.
func validProgram(p string) bool {
	if p == "" || strings.ContainsAny(p, " \t,=+") {
		return false
	}
	if strings.HasPrefix(p, "/") {
		return p != "/" && path.Clean(p) == p
	}
	return !strings.Contains(p, "/")
}

// Has says whether the target has program p: a name looked up in PATH
// (exec.LookPath) or an absolute path. A path is judged by its last
// element: scratchvet does not claim where in PATH a set installs a
// program, only whether the image has it.
func (ps Programs) Has(p string) Presence {
	if ps == "" {
		return Unknown
	}
	name := p
	if strings.HasPrefix(p, "/") {
		name = path.Base(p)
	} else if strings.Contains(p, "/") {
		return Unknown // relative to the working directory
	}
	result := Absent
	for _, tok := range strings.Split(string(ps), "+") {
		set, isSet := programSets[Programs(tok)]
		switch {
		case Programs(tok) == AllPrograms:
			return Present
		case !isSet:
			if tok == p || tok == name {
				return Present
			}
		case contains(set.present, name):
			return Present
		case contains(set.maybe, name):
			result = Unknown
		}
	}
	return result
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// names lists the programs the value names one by one (not its sets).
func (ps Programs) names() []string {
	var out []string
	for _, tok := range strings.Split(string(ps), "+") {
		if _, isSet := programSets[Programs(tok)]; !isSet && tok != "" {
			out = append(out, tok)
		}
	}
	sort.Strings(out)
	return out
}

func (ps Programs) hasSet(set Programs) bool {
	for _, tok := range strings.Split(string(ps), "+") {
		if Programs(tok) == set {
			return true
		}
	}
	return false
}
