package target

import (
	"os"
	"path"
	"path/filepath"
	"strings"
)

// PathKind is what a root filesystem holds at a path, after symlinks.
type PathKind int

const (
	Missing PathKind = iota
	RegularFile
	Directory
	OtherFile // device node, socket, fifo
)

// RootProbe reports what is at an absolute path inside a root filesystem,
// following symlinks the way the kernel does inside a chroot (absolute link
// targets are relative to the root, never to the host).
type RootProbe func(path string) PathKind

// Observation records how one target property was derived from a root
// filesystem, so a report can show the evidence behind the verdict.
type Observation struct {
	Property string `json:"property"` // a Properties key, e.g. "ca-bundle"
	Value    string `json:"value"`    // as Target.Get formats it
	Reason   string `json:"reason"`   // the paths that decided it
}

// RootOptions describe how a root filesystem is run.
type RootOptions struct {
	// RuntimeInjects is true for container images: Docker and containerd
	// bind-mount /etc/hosts and /etc/resolv.conf and mount /dev at run time,
	// whatever the image holds (docs/FACTS.md#what-container-runtimes-give-a-container).
	RuntimeInjects bool
	// Env is the process environment (an image config's Env): SSL_CERT_FILE,
	// SSL_CERT_DIR and ZONEINFO move the files Go looks for; HOME, TMPDIR
	// and TZ are recorded.
	Env []string
	// User is the image config's User ("" is root).
	User string
}

// Paths Go 1.26 reads on linux (crypto/x509/root_linux.go, time/zoneinfo_unix.go).
var (
	caBundleFiles = []string{
		"/etc/ssl/certs/ca-certificates.crt",
		"/etc/pki/tls/certs/ca-bundle.crt",
		"/etc/ssl/ca-bundle.pem",
		"/etc/pki/tls/cacert.pem",
		"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
		"/etc/ssl/cert.pem",
	}
	zoneinfoDirs = []string{
		"/usr/share/zoneinfo",
		"/usr/share/lib/zoneinfo",
		"/usr/lib/locale/TZ",
		"/etc/zoneinfo",
	}
	// GlibcLibDirs are the directories glibc's loader searches by default on
	// linux/amd64 (Debian multiarch first), without reading ld.so.cache.
	GlibcLibDirs = []string{
		"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
		"/lib64", "/usr/lib64", "/lib", "/usr/lib",
	}
	// MuslLibDirs are musl's default library path.
	MuslLibDirs = []string{"/lib", "/usr/local/lib", "/usr/lib"}
)

// FromRoot derives a Target from the files present in a root filesystem.
// The kernel is not part of a filesystem, so Kernel keeps the presets'
// assumption (3.10); the observations say so.
func FromRoot(name string, probe RootProbe, opts RootOptions) (Target, []Observation) {
	t := Target{Name: name, Libc: NoLibc, Loader: NoLibc, Kernel: "3.10"}
	var obs []Observation
	note := func(key, reason string) {
		v, _ := t.Get(key)
		obs = append(obs, Observation{Property: key, Value: v, Reason: reason})
	}
	env := envMap(opts.Env)

	glibcLoader := probe(Glibc.LoaderPath()) == RegularFile
	muslLoader := probe(Musl.LoaderPath()) == RegularFile
	libc6 := firstOf(probe, RegularFile, joinAll(GlibcLibDirs, "libc.so.6"))
	switch {
	case glibcLoader:
		t.Loader = Glibc
		note("loader", Glibc.LoaderPath()+" present")
	case muslLoader:
		t.Loader = Musl
		note("loader", Musl.LoaderPath()+" present")
	default:
		note("loader", "neither "+Glibc.LoaderPath()+" nor "+Musl.LoaderPath()+" present")
	}
	switch {
	case libc6 != "":
		t.Libc = Glibc
		note("libc", libc6+" present")
	case muslLoader:
		// musl's loader is its C library: libc.so requests resolve to it.
		t.Libc = Musl
		note("libc", Musl.LoaderPath()+" is musl's libc")
	default:
		note("libc", "no libc.so.6 in "+strings.Join(GlibcLibDirs, ", ")+" and no musl loader")
	}

	passwd, group := probe("/etc/passwd") == RegularFile, probe("/etc/group") == RegularFile
	t.Passwd = passwd && group
	note("passwd", presence("/etc/passwd", passwd)+", "+presence("/etc/group", group))

	t.CABundle, obs = caBundle(probe, env, obs)

	if dir := env["ZONEINFO"]; dir != "" && probe(dir) != Missing {
		t.Zoneinfo = true
		note("zoneinfo", "ZONEINFO="+dir+" present")
	} else if dir := firstOf(probe, Directory, zoneinfoDirs); dir != "" {
		t.Zoneinfo = true
		note("zoneinfo", dir+" present")
	} else {
		note("zoneinfo", "no "+strings.Join(zoneinfoDirs, ", "))
	}

	injected := " (injected by Docker/containerd at run time, whatever the image holds)"
	fileProp := func(key, p string, field *bool) {
		switch {
		case probe(p) == RegularFile:
			*field = true
			note(key, p+" present")
		case opts.RuntimeInjects:
			*field = true
			note(key, p+" absent from the image"+injected)
		default:
			note(key, p+" absent")
		}
	}
	fileProp("resolv-conf", "/etc/resolv.conf", &t.ResolvConf)
	fileProp("hosts", "/etc/hosts", &t.Hosts)
	t.Nsswitch = probe("/etc/nsswitch.conf") == RegularFile
	note("nsswitch", presence("/etc/nsswitch.conf", t.Nsswitch))
	switch {
	case probe("/dev/urandom") != Missing:
		t.DevURandom = true
		note("dev-urandom", "/dev/urandom present")
	case opts.RuntimeInjects:
		t.DevURandom = true
		note("dev-urandom", "/dev is mounted"+injected)
	default:
		note("dev-urandom", "/dev/urandom absent")
	}
	note("kernel", "not recorded in a root filesystem; assumed 3.10 like the presets")

	t.Tmp = probe("/tmp") == Directory
	note("tmp", presence("/tmp", t.Tmp)+" (no runtime mounts one)")
	switch {
	case opts.RuntimeInjects:
		t.Proc = true
		note("proc", "/proc is mounted"+injected)
	default:
		note("proc", "not mounted in a root filesystem that nothing runs")
	}
	t.Syslog = !opts.RuntimeInjects && probe("/dev/log") == OtherFile
	if opts.RuntimeInjects {
		note("syslog", "no runtime mounts /dev/log into a container")
	} else {
		note("syslog", presence("/dev/log", t.Syslog))
	}
	t.Programs, obs = programsOf(probe, obs)

	t.User = opts.User
	t.TMPDIR, t.TZ, t.SSLCertFile = env["TMPDIR"], env["TZ"], env["SSL_CERT_FILE"]
	if h, ok := env["HOME"]; ok && h != "" {
		t.Home, t.homeExplicit = h, true
		note("home", "HOME="+h+" in the image's environment")
	} else {
		t.deriveHome()
		note("home", "the runtime's: the user's /etc/passwd entry, else / (the file's entries are not read)")
	}
	for _, key := range []string{"user", "tmpdir", "tz", "ssl-cert-file"} {
		if v, _ := t.Get(key); v != "" {
			note(key, "from the image's configuration")
		} else {
			note(key, "not set by the image's configuration")
		}
	}
	return t, obs
}

// programsOf tells the program set from marker files: busybox, Debian's
// dpkg, or no shell at all. Other images have programs nobody listed.
func programsOf(probe RootProbe, obs []Observation) (Programs, []Observation) {
	note := func(ps Programs, reason string) (Programs, []Observation) {
		return ps, append(obs, Observation{Property: "programs", Value: string(ps), Reason: reason})
	}
	switch {
	case probe(busyboxPath) == RegularFile:
		return note(BusyboxPrograms, busyboxPath+" present")
	case probe("/usr/bin/dpkg") == RegularFile:
		return note(DebianPrograms, "/usr/bin/dpkg present: a Debian system")
	}
	for _, p := range []string{"/bin/sh", "/usr/bin/sh", "/usr/bin/env"} {
		if probe(p) != Missing {
			return note("", p+" present; which other programs the image has is not read")
		}
	}
	return note(NoPrograms, "no /bin/sh, /usr/bin/env, busybox or dpkg")
}

func caBundle(probe RootProbe, env map[string]string, obs []Observation) (bool, []Observation) {
	add := func(ok bool, reason string) (bool, []Observation) {
		v := "false"
		if ok {
			v = "true"
		}
		return ok, append(obs, Observation{Property: "ca-bundle", Value: v, Reason: reason})
	}
	// SSL_CERT_FILE replaces the file list; SSL_CERT_DIR the directory list
	// (docs/FACTS.md#ca-roots: the default directories are still scanned with SSL_CERT_FILE).
	// Default directories are not counted: an empty /etc/ssl/certs is common
	// and a probe cannot list a directory.
	if f := env["SSL_CERT_FILE"]; f != "" {
		if probe(f) == RegularFile {
			return add(true, "SSL_CERT_FILE="+f+" present")
		}
	} else if p := firstOf(probe, RegularFile, caBundleFiles); p != "" {
		return add(true, p+" present")
	}
	for _, d := range filepath.SplitList(env["SSL_CERT_DIR"]) {
		if d != "" && probe(d) == Directory {
			return add(true, "SSL_CERT_DIR directory "+d+" present (its contents were not checked)")
		}
	}
	return add(false, "no CA bundle at "+strings.Join(caBundleFiles, ", "))
}

func presence(p string, ok bool) string {
	if ok {
		return p + " present"
	}
	return p + " absent"
}

func firstOf(probe RootProbe, want PathKind, paths []string) string {
	for _, p := range paths {
		if probe(p) == want {
			return p
		}
	}
	return ""
}

func joinAll(dirs []string, name string) []string {
	var out []string
	for _, d := range dirs {
		out = append(out, path.Join(d, name))
	}
	return out
}

func envMap(env []string) map[string]string {
	m := map[string]string{}
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}

// DirProbe returns a RootProbe for a root filesystem unpacked in the host
// directory root. Symlinks are resolved inside root, as chroot would.
func DirProbe(root string) RootProbe {
	return func(p string) PathKind {
		resolved, ok := ResolveInRoot(p, func(q string) (string, bool) {
			fi, err := os.Lstat(filepath.Join(root, q))
			if err != nil || fi.Mode()&os.ModeSymlink == 0 {
				return "", err == nil
			}
			link, err := os.Readlink(filepath.Join(root, q))
			return link, err == nil
		})
		if !ok {
			return Missing
		}
		fi, err := os.Stat(filepath.Join(root, resolved))
		switch {
		case err != nil:
			return Missing
		case fi.IsDir():
			return Directory
		case fi.Mode().IsRegular():
			return RegularFile
		}
		return OtherFile
	}
}

// ResolveInRoot resolves every symlink in the absolute path p the way the
// kernel does inside a chroot. readlink(q) reports whether q exists and, for
// a symlink, its target (empty for anything else). It returns the resolved
// path and false when a component is missing or links loop.
func ResolveInRoot(p string, readlink func(q string) (target string, exists bool)) (string, bool) {
	const maxLinks = 40 // Linux's MAXSYMLINKS
	todo := splitPath(p)
	resolved := "/"
	for hops := 0; len(todo) > 0; {
		name := todo[0]
		todo = todo[1:]
		switch name {
		case ".":
			continue
		case "..":
			resolved = path.Dir(resolved)
			continue
		}
		next := path.Join(resolved, name)
		link, exists := readlink(next)
		if !exists {
			return "", false
		}
		if link == "" {
			resolved = next
			continue
		}
		if hops++; hops > maxLinks {
			return "", false
		}
		if strings.HasPrefix(link, "/") {
			resolved = "/"
		}
		todo = append(splitPath(link), todo...)
	}
	return resolved, true
}

func splitPath(p string) []string {
	var parts []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return parts
}
