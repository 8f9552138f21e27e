package deploy

import (
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/scratchvet/scratchvet/target"
)

// A placed binary is a file a Dockerfile puts into an image that may be
// one of the module's binaries.
type placed struct {
	path    string // in the image
	pos     Pos    // the COPY or RUN that puts it there
	inv     *goInvocation
	builder *stage // where inv runs
	mains   []*Main
	// artefact is a file from the build context (relative to the root) or
	// a download, matched to its build by name.
	artefact string
	name     string // the file's name, for matching when nothing else tells
}

// runInfo is what one RUN does that matters: the go builds (directly or
// through make), the packages it installs or removes, the files it
// downloads.
type runInfo struct {
	invs      []*goInvocation
	installs  []pkgChange
	downloads []string
}

type pkgChange struct {
	pkg    string
	remove bool
}

// envNames are the image environment variables that change how a Go
// program behaves in the image.
var envNames = []string{"TZ", "TMPDIR", "SSL_CERT_FILE", "SSL_CERT_DIR", "ZONEINFO", "HOME", "GODEBUG"}

// imageOf describes the image a leaf stage produces: its base in the
// image table, then what the stages built on it change.
func (d *discovery) imageOf(stages []*stage, leaf *stage, inv dockerInvocation) *Image {
	chain := leaf.chain()
	base := chain[len(chain)-1]
	im := &Image{Ref: base.from, Env: map[string]Fact{}, Stage: leaf.name}
	if im.Stage == "" {
		im.Stage = "stage " + itoa(leaf.index)
	}
	if inv.pos.IsValid() {
		im.BuiltBy = inv.pos
	}
	ref := base.from.Value
	switch local := d.localImage(ref); {
	case local != nil:
		// Built from another Dockerfile of the repository: that image,
		// with what this one adds.
		*im = *local
		im.Ref, im.Stage, im.BuiltBy = base.from, leaf.name, inv.pos
		if im.Stage == "" {
			im.Stage = "stage " + itoa(leaf.index)
		}
		im.Env = copyFacts(local.Env)
		im.Overrides = append([]Override(nil), local.Overrides...)
		im.Entry = "built from " + local.Stage + " of " + local.Ref.Pos.File + " (" + local.Entry + ")"
	case !isKnown(ref):
		im.Ref.Value = strings.ReplaceAll(base.raw, unknown, "…")
		im.Entry = "the base image is a build argument with no default, and no build sets it: " + base.raw
	default:
		entry, tag := lookupImage(ref)
		if entry == nil {
			im.Entry = "not in scratchvet's image table"
			break
		}
		im.Known, im.Preset, im.Entry = true, entry.Preset, entry.Summary
		for _, k := range sortedKeys(entry.Overrides) {
			im.override(k, entry.Overrides[k], base.from.Pos, "the image table's entry for "+entry.Pattern)
		}
		if entry.defaults != nil {
			def := entry.defaults(tag)
			if def.user != "" {
				im.User = Fact{Value: def.user, Pos: base.from.Pos, Default: "the image's user"}
			}
			if def.workdir != "" {
				im.Workdir = Fact{Value: def.workdir, Pos: base.from.Pos, Default: "the image's working directory"}
			}
			for _, k := range sortedKeys(def.env) {
				im.Env[k] = Fact{Value: def.env[k], Pos: base.from.Pos, Default: "set by the image"}
			}
		}
	}
	// What the stages built on the base add, oldest first.
	var landings []landing
	var programs []string // packages installed that put a program of that name on PATH
	var programsPos Pos
	for i := len(chain) - 1; i >= 0; i-- {
		s := chain[i]
		for _, k := range envNames {
			if f, ok := s.env[k]; ok {
				im.Env[k] = f
			}
		}
		if s.user.Set() {
			im.User = s.user
		}
		if s.workdir.Set() {
			im.Workdir = s.workdir
		}
		for _, c := range s.copies {
			for _, src := range c.srcs {
				landings = append(landings, landing{src: src, at: landingPath(c, src), pos: c.pos})
			}
		}
		for ri := range s.runs {
			info := d.runInfo(stages, s, &s.runs[ri], inv)
			for _, p := range info.installs {
				if eff, ok := packageEffects[p.pkg]; ok {
					verb := "installs"
					value := eff[1]
					if p.remove {
						verb, value = "removes", "false"
					}
					im.override(eff[0], value, s.runs[ri].pos, "RUN "+verb+" "+p.pkg)
				} else if !p.remove && installsProgram(p.pkg) {
					programs = append(programs, p.pkg)
					programsPos = s.runs[ri].pos
				}
			}
		}
	}
	for _, l := range landings {
		l.apply(im)
	}
	if len(programs) > 0 && im.Preset != "" {
		im.addPrograms(programs, programsPos)
	}
	im.dropRedundant()
	return im
}

// A landing is where a COPY puts one source in the image.
type landing struct {
	src, at string
	pos     Pos
}

// dirLike reports whether a COPY source is (most likely) a directory:
// its contents, not itself, land at the destination.
func dirLike(src string) bool {
	if strings.HasSuffix(src, "/") || src == "." {
		return true
	}
	for _, d := range append(append([]string{}, zoneinfoDirs...), caDirs...) {
		if path.Clean(src) == d {
			return true
		}
	}
	return false
}

func landingPath(c copyOp, src string) string {
	if dirLike(src) {
		return path.Clean(c.dest)
	}
	return c.copiedPath(src)
}

// apply sets the target properties that putting src at l.at changes.
func (l landing) apply(im *Image) {
	src, at := path.Clean(l.src), path.Clean(l.at)
	base := path.Base(src)
	why := "COPY of " + l.src + " to " + l.at
	switch {
	case isCAMaterial(src):
		if caAt(at, dirLike(l.src), im.Env) {
			im.override("ca-bundle", "true", l.pos, why)
		}
	case isZoneinfo(src):
		if zoneinfoAt(at, dirLike(l.src), im.Env) {
			im.override("zoneinfo", "true", l.pos, why)
		}
	case base == "passwd" && (at == "/etc/passwd" || at == "/etc"):
		im.override("passwd", "true", l.pos, why)
	case base == "nsswitch.conf" && at == "/etc/nsswitch.conf":
		im.override("nsswitch", "true", l.pos, why)
	case base == "ld-linux-x86-64.so.2" && (at == "/lib64/ld-linux-x86-64.so.2" || at == "/lib64"):
		im.override("loader", "glibc", l.pos, why)
	case base == "libc.so.6" && (strings.HasPrefix(at, "/lib") || strings.HasPrefix(at, "/usr/lib")):
		im.override("libc", "glibc", l.pos, why)
	case base == "ld-musl-x86_64.so.1" && (at == "/lib/ld-musl-x86_64.so.1" || at == "/lib"):
		im.override("loader", "musl", l.pos, why)
		im.override("libc", "musl", l.pos, why)
	}
}

func isCAMaterial(src string) bool {
	for _, p := range append(append([]string{}, caBundlePaths...), caDirs...) {
		if src == p || pathUnder(src, p) {
			return true
		}
	}
	b := path.Base(src)
	return strings.Contains(b, "ca-certificates") || strings.Contains(b, "ca-bundle") || b == "cacert.pem" || b == "cert.pem"
}

func caAt(at string, dir bool, env map[string]Fact) bool {
	for _, p := range caBundlePaths {
		if at == p {
			return true
		}
	}
	for _, d := range caDirs {
		if at == d || !dir && pathUnder(at, d) {
			return true
		}
	}
	if f, ok := env["SSL_CERT_FILE"]; ok && path.Clean(f.Value) == at {
		return true
	}
	if f, ok := env["SSL_CERT_DIR"]; ok {
		for _, d := range strings.Split(f.Value, ":") {
			if d != "" && (at == path.Clean(d) || pathUnder(at, d)) {
				return true
			}
		}
	}
	return false
}

func isZoneinfo(src string) bool {
	for _, d := range zoneinfoDirs {
		if pathUnder(src, d) {
			return true
		}
	}
	return path.Base(src) == "zoneinfo.zip" || path.Base(src) == "zoneinfo"
}

func zoneinfoAt(at string, dir bool, env map[string]Fact) bool {
	if f, ok := env["ZONEINFO"]; ok && path.Clean(f.Value) == at {
		return true
	}
	if !dir {
		return false
	}
	for _, d := range zoneinfoDirs {
		if at == d {
			return true
		}
	}
	return false
}

// runInfo reads a RUN once per evaluated stage.
func (d *discovery) runInfo(stages []*stage, s *stage, r *runOp, inv dockerInvocation) *runInfo {
	if d.runs == nil {
		d.runs = map[*runOp]*runInfo{}
	}
	if info, ok := d.runs[r]; ok {
		return info
	}
	info := &runInfo{}
	d.runs[r] = info
	direct := scanScript(r.script, r.vars, r.cwd, r.pos, 0, func(words []string, env map[string]string, cwd string) {
		switch cmd := path.Base(words[0]); cmd {
		case "apk", "apt-get", "apt", "microdnf", "dnf", "yum", "tdnf":
			info.installs = append(info.installs, packageChanges(cmd, words[1:])...)
		case "make", "gmake":
			repoDir, ok := d.repoPathIn(s, inv, cwd)
			if !ok {
				return
			}
			targets, vars, other := makeArgs(words[1:])
			if other {
				return
			}
			// make reads the Makefile with the RUN's environment.
			mf := d.makefileWith(path.Join(strings.TrimPrefix(repoDir, "./"), "Makefile"), mkSeed{env: env, cmd: vars})
			if mf == nil {
				return
			}
			if len(targets) == 0 {
				targets = mf.defaultTargets()
			}
			var found makeFinds
			for _, t := range targets {
				mf.scanTarget(t, nil, nil, cwd, map[string]bool{}, 0, &found)
			}
			for _, g := range found.gos {
				g.viaRun = r.pos
			}
			info.invs = append(info.invs, found.gos...)
		case "curl", "wget":
			for i := 1; i+1 < len(words); i++ {
				if words[i] == "-o" || words[i] == "-O" || words[i] == "--output" || words[i] == "--output-document" {
					info.downloads = append(info.downloads, joinDir(cwd, words[i+1]))
				}
			}
		}
	})
	info.invs = append(direct, info.invs...)
	return info
}

// packageChanges reads a package manager's command line for packages
// installed or removed.
func packageChanges(cmd string, args []string) []pkgChange {
	var verb string
	var pkgs []string
	for _, a := range args {
		switch {
		case strings.HasPrefix(a, "-"):
		case verb == "":
			verb = a
		default:
			pkgs = append(pkgs, strings.SplitN(strings.SplitN(a, "=", 2)[0], ">", 2)[0])
		}
	}
	var remove bool
	switch verb {
	case "add", "install":
	case "del", "remove", "purge", "erase":
		remove = true
	default:
		return nil
	}
	var out []pkgChange
	for _, p := range pkgs {
		out = append(out, pkgChange{p, remove})
	}
	_ = cmd
	return out
}

// repoPathIn maps a directory in a stage's filesystem to the repository
// directory a COPY from the build context put there.
func (d *discovery) repoPathIn(s *stage, inv dockerInvocation, imgPath string) (string, bool) {
	imgPath = path.Clean(imgPath)
	for _, st := range s.chain() {
		for i := len(st.copies) - 1; i >= 0; i-- {
			c := st.copies[i]
			if c.from != "" {
				continue
			}
			for _, src := range c.srcs {
				repoSrc := path.Join(inv.context, src)
				if !dirLike(src) && !d.isRepoDir(repoSrc) {
					continue
				}
				if pathUnder(imgPath, c.dest) {
					rel := strings.TrimPrefix(strings.TrimPrefix(imgPath, path.Clean(c.dest)), "/")
					return relDir(path.Join(repoSrc, rel)), true
				}
			}
		}
	}
	return "", false
}

func (d *discovery) isRepoDir(rel string) bool {
	fi, err := os.Stat(filepath.Join(d.root, filepath.FromSlash(rel)))
	return err == nil && fi.IsDir()
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// localImage returns the image a docker build of the repository tags as
// ref (FROM local/base:1 where a Makefile builds local/base:1 from
// another Dockerfile), or nil.
func (d *discovery) localImage(ref string) *Image {
	if d.localDepth > 4 || ref == "" {
		return nil
	}
	for _, f := range sortedKeys(d.invocations) {
		df := d.dockerfiles[f]
		if df == nil {
			continue
		}
		for _, inv := range d.invocations[f] {
			for _, tag := range inv.tags {
				if tag != ref {
					continue
				}
				stages, _ := evalDockerfile(df, inv.args)
				if len(stages) == 0 {
					return nil
				}
				leaf := stages[len(stages)-1]
				if inv.target != "" {
					if s := findStage(stages, inv.target); s != nil {
						leaf = s
					}
				}
				d.localDepth++
				defer func() { d.localDepth-- }()
				return d.imageOf(stages, leaf, inv)
			}
		}
	}
	return nil
}

func copyFacts(m map[string]Fact) map[string]Fact {
	out := make(map[string]Fact, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// installsProgram reports whether installing an OS package of that name
// puts a program of the same name on PATH (git, curl, bash; not
// ca-certificates, libcap or musl-dev).
func installsProgram(pkg string) bool {
	switch {
	case strings.HasPrefix(pkg, "lib"), strings.HasSuffix(pkg, "-dev"), strings.HasSuffix(pkg, "-doc"),
		strings.HasSuffix(pkg, "-libs"), strings.Contains(pkg, "*"), notPrograms[pkg]:
		return false
	}
	return true
}

var notPrograms = map[string]bool{
	"build-base": true, "alpine-sdk": true, "build-essential": true, "musl": true, "netbase": true,
	"mailcap": true, "media-types": true, "shared-mime-info": true, "gcompat": true, "libc6-compat": true,
	"tini-static": true, "dumb-init": false,
}

// addPrograms adds installed programs to the image's programs property.
func (im *Image) addPrograms(names []string, pos Pos) {
	t, ok := target.Lookup(im.Preset)
	if !ok {
		return
	}
	current, _ := t.Get("programs")
	for _, o := range im.Overrides {
		if o.Key == "programs" {
			current = o.Value
		}
	}
	if current == "all" {
		return
	}
	value := current
	for _, n := range names {
		if value == "" || value == "none" {
			value = n
		} else {
			value += "+" + n
		}
	}
	im.override("programs", value, pos, "RUN installs "+strings.Join(names, ", "))
}
