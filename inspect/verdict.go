package inspect

import (
	"path"
	"slices"
	"strings"

	"github.com/scratchvet/scratchvet/target"
)

// Statuses of a start check or feature check.
const (
	statusOK   = "ok"   // works on the target
	statusWarn = "warn" // works, or fails only under conditions the target model cannot see
	statusFail = "fail" // fails on the target whenever the feature is used
)

// Verdict is the judgement of one binary on one target.
type Verdict struct {
	Target TargetInfo `json:"target"`
	// Compatible is false when the binary will not start or a feature
	// check failed. It decides the exit status.
	Compatible bool    `json:"compatible"`
	Start      Check   `json:"start"`
	Checks     []Check `json:"checks"`
}

// TargetInfo is the target a verdict was made for.
type TargetInfo struct {
	Name       string `json:"name"`
	Source     string `json:"source"` // "preset" (from -target) or "image" (derived from its files)
	Libc       string `json:"libc"`
	Loader     string `json:"loader"`
	Passwd     bool   `json:"passwd"`
	CABundle   bool   `json:"ca_bundle"`
	Zoneinfo   bool   `json:"zoneinfo"`
	ResolvConf bool   `json:"resolv_conf"`
	Nsswitch   bool   `json:"nsswitch"`
	Hosts      bool   `json:"hosts"`
	DevURandom bool   `json:"dev_urandom"`
	Kernel     string `json:"kernel"`
	// Observations say which files decided each property (images only).
	Observations []target.Observation `json:"observations,omitempty"`
}

// Check is the verdict on starting the binary or on one feature.
type Check struct {
	Feature  string   `json:"feature"`
	Status   string   `json:"status"`
	Summary  string   `json:"summary"`
	Evidence []string `json:"evidence"` // what in the binary (or image) the check rests on
	// Runtime is the behaviour measured (docs/FACTS.md) for this situation:
	// the error text the program will print, when it fails.
	Runtime string   `json:"runtime,omitempty"`
	Fix     string   `json:"fix,omitempty"`
	Notes   []string `json:"notes,omitempty"`
}

// loadEnv answers the start check's questions: is the ELF interpreter there,
// and can each DT_NEEDED library be found?
type loadEnv interface {
	hasLoader(interp string, flavour target.Libc) (bool, string)
	// hasLibrary returns known=false when the environment cannot tell.
	hasLibrary(soname string, flavour target.Libc, runpath []string) (ok, known bool, where string)
}

// presetEnv answers from the target model: it knows only the loader and libc.
type presetEnv struct{ t target.Target }

func (e presetEnv) hasLoader(interp string, flavour target.Libc) (bool, string) {
	if flavour == unknownLibc || e.t.Loader != flavour {
		return false, "target " + e.t.Name + " has loader=" + string(e.t.Loader)
	}
	return true, "target " + e.t.Name + " has the " + string(flavour) + " loader"
}

func (e presetEnv) hasLibrary(soname string, flavour target.Libc, _ []string) (bool, bool, string) {
	if isLibcSoname(soname) || (flavour == target.Glibc && isGlibcPart(soname)) {
		ok := e.t.CanLoad(flavour, true)
		return ok, true, "target " + e.t.Name + " has libc=" + string(e.t.Libc)
	}
	return false, false, "the target model does not describe " + soname
}

// isGlibcPart reports sonames shipped inside glibc itself.
func isGlibcPart(soname string) bool {
	switch soname {
	case "libpthread.so.0", "libdl.so.2", "libm.so.6", "librt.so.1", "libresolv.so.2",
		"libutil.so.1", "libanl.so.1", "libnsl.so.1":
		return true
	}
	return false
}

// rootEnv answers from the files of a root filesystem (an image).
type rootEnv struct{ probe target.RootProbe }

func (e rootEnv) hasLoader(interp string, _ target.Libc) (bool, string) {
	if e.probe(interp) == target.RegularFile {
		return true, interp + " present in the image"
	}
	return false, interp + " absent from the image"
}

func (e rootEnv) hasLibrary(soname string, flavour target.Libc, runpath []string) (bool, bool, string) {
	if flavour == target.Musl && isLibcSoname(soname) {
		return true, true, "provided by musl's loader"
	}
	dirs := slices.Clone(runpath)
	if flavour == target.Musl {
		dirs = append(dirs, target.MuslLibDirs...)
	} else {
		dirs = append(dirs, target.GlibcLibDirs...)
	}
	for _, d := range dirs {
		if strings.Contains(d, "$") { // $ORIGIN and friends: not expanded
			continue
		}
		if p := path.Join(d, soname); e.probe(p) == target.RegularFile {
			return true, true, p + " present"
		}
	}
	return false, true, soname + " not in " + strings.Join(dirs, ", ") + " (ld.so.cache and ld.so.conf are not read)"
}

// checkStart decides whether the binary starts at all (docs/FACTS.md#starting-at-all-loader-and-libc:
// any PT_INTERP means "needs a loader in the image", whatever CGO_ENABLED says).
// execPath is where the binary runs in the target ("/app" when unknown),
// used to render the loader error as the runtime would print it.
func checkStart(b *Binary, env loadEnv, execPath string) Check {
	c := Check{Feature: "start"}
	e := b.ELF
	if e.Interp == "" {
		c.Status = statusOK
		c.Summary = "starts: " + e.Linkage + " binary, needs no loader or shared library"
		c.Evidence = []string{"no PT_INTERP", "ELF " + e.Type}
		if e.Linkage == "static-pie" {
			c.Evidence = append(c.Evidence, "PT_DYNAMIC without PT_INTERP (static-pie)")
		}
		return c
	}
	flavour := interpLibc(e.Interp)
	c.Evidence = []string{"PT_INTERP " + e.Interp}
	if len(e.Needed) > 0 {
		c.Evidence = append(c.Evidence, "DT_NEEDED "+strings.Join(e.Needed, ", "))
	} else {
		c.Evidence = append(c.Evidence, "no DT_NEEDED")
	}
	if b.Build.CgoEnabled == "0" {
		c.Notes = append(c.Notes, "CGO_ENABLED=0 does not make a binary static: -buildmode=pie still asks for a loader (docs/FACTS.md#starting-at-all-loader-and-libc)")
	}
	ok, why := env.hasLoader(e.Interp, flavour)
	if !ok {
		c.Status = statusFail
		c.Summary = "will not start: needs the ELF interpreter " + e.Interp + "; " + why
		c.Runtime = strings.ReplaceAll(factNoExecChroot+"; Docker reports the same condition as: "+factNoExecDocker, "/app", execPath)
		c.Fix = fixForLoader(b, flavour)
		return c
	}
	c.Status = statusOK
	c.Summary = "starts: loader " + e.Interp + " (" + why + ")"
	for _, lib := range e.Needed {
		found, known, where := env.hasLibrary(lib, flavour, e.RunPath)
		switch {
		case !known:
			c.Status = statusWarn
			c.Notes = append(c.Notes, "needs "+lib+": "+where+"; make sure the image has it")
		case !found:
			c.Status = statusFail
			c.Summary = "will not start: loader present but " + lib + " missing (" + where + ")"
			if flavour == target.Glibc {
				c.Runtime = strings.Replace(factNoLibc6, "libc.so.6", lib, 1)
			}
			c.Fix = fixForLoader(b, flavour)
			return c
		default:
			c.Notes = append(c.Notes, lib+": "+where)
		}
	}
	return c
}

func fixForLoader(b *Binary, flavour target.Libc) string {
	if len(b.CgoPackages) == 0 && b.Libc.Flavour == target.NoLibc {
		return "build without -buildmode=pie (CGO_ENABLED=0 go build gives a static binary), or ship the loader " + b.ELF.Interp
	}
	pkgs := strings.Join(b.CgoPackages, ", ")
	if pkgs == "" {
		pkgs = "cgo packages"
	}
	base := map[target.Libc]string{target.Glibc: " (e.g. distroless/base)", target.Musl: " (e.g. alpine)"}[flavour]
	return "use a base image with " + string(flavour) + base + ", or remove the cgo dependency (" +
		pkgs + "): CGO_ENABLED=0, or -tags netgo,osusergo when only net and os/user use cgo, or link statically with -ldflags '-linkmode external -extldflags \"-static\"'"
}

// judge makes the verdict of b on t. env decides the start check; procEnv is
// the process environment (image config Env), nil for presets.
func judge(b *Binary, ti TargetInfo, t target.Target, env loadEnv, execPath string, procEnv map[string]string) Verdict {
	v := Verdict{Target: ti, Start: checkStart(b, env, execPath)}
	v.Checks = featureChecks(b, t, procEnv)
	if v.Checks == nil {
		v.Checks = []Check{}
	}
	v.Compatible = v.Start.Status != statusFail
	for _, c := range v.Checks {
		if c.Status == statusFail {
			v.Compatible = false
		}
	}
	return v
}

// targetInfo describes t for a report.
func targetInfo(t target.Target, source string, obs []target.Observation) TargetInfo {
	return TargetInfo{Name: t.Name, Source: source, Libc: string(t.Libc), Loader: string(t.Loader),
		Passwd: t.Passwd, CABundle: t.CABundle, Zoneinfo: t.Zoneinfo, ResolvConf: t.ResolvConf,
		Nsswitch: t.Nsswitch, Hosts: t.Hosts, DevURandom: t.DevURandom, Kernel: t.Kernel,
		Observations: obs}
}

// judgePreset is the verdict of b on a preset (or overridden) target.
func judgePreset(b *Binary, t target.Target) Verdict {
	return judge(b, targetInfo(t, "preset", nil), t, presetEnv{t}, "/app", nil)
}
