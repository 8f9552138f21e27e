// Package target models the deployment targets that scratchvet judges a
// program against: a named set of the properties of a root filesystem and
// kernel that decide whether a statically or dynamically built Go binary
// starts and works there.
//
// The properties and presets are documented, with their sources, in
// docs/targets.md. The runtime-truth tests build root filesystems from the
// same Files list, so presets and tests cannot drift apart.
package target

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Libc names a C library (and its dynamic loader).
type Libc string

const (
	NoLibc Libc = "none"
	Glibc  Libc = "glibc"
	Musl   Libc = "musl"
)

// LoaderPath is the ELF interpreter path that a binary linked against libc
// on linux/amd64 asks for (docs/FACTS.md#reading-a-binary).
func (l Libc) LoaderPath() string {
	switch l {
	case Glibc:
		return "/lib64/ld-linux-x86-64.so.2"
	case Musl:
		return "/lib/ld-musl-x86_64.so.1"
	}
	return ""
}

// Target is a deployment target: what the root filesystem and kernel that a
// binary runs on provide.
type Target struct {
	Name string // preset name, with "+overrides" when overridden

	Libc       Libc // C library present (libc.so.6 or musl's libc.so)
	Loader     Libc // dynamic loader present (the ELF interpreter), if any
	Passwd     bool // /etc/passwd and /etc/group
	CABundle   bool // a CA bundle at one of Go's paths (/etc/ssl/certs/ca-certificates.crt, ...)
	Zoneinfo   bool // /usr/share/zoneinfo
	ResolvConf bool // /etc/resolv.conf
	Nsswitch   bool // /etc/nsswitch.conf
	Hosts      bool // /etc/hosts
	DevURandom bool // /dev/urandom (and /dev/random, /dev/null)
	// Kernel is the oldest kernel the target may run on, as "major.minor".
	// getrandom(2) needs 3.17; older kernels make crypto/rand open /dev/urandom.
	Kernel string

	Tmp      bool     // /tmp, a directory every user may write (mode 1777)
	Proc     bool     // /proc mounted (every container runtime mounts it)
	Syslog   bool     // a local syslog socket (/dev/log, /var/run/syslog or /var/run/log)
	Programs Programs // the executables on PATH; "" is unknown

	// How the runtime starts the program: the image's USER and ENV, and
	// the HOME that runc derives when ENV has none.
	User        string // USER: "" is root; a name, a uid, or user:group
	Home        string // $HOME; "" when not known
	TMPDIR      string // $TMPDIR; "" when unset
	TZ          string // $TZ; "" when unset
	SSLCertFile string // $SSL_CERT_FILE; "" when unset

	accounts     *accountTable // the image's /etc/passwd, when known
	homeExplicit bool          // Home was set, not derived from User
}

// Preset describes a named target.
type Preset struct {
	Target
	Summary string // one line, for `scratchvet targets` and docs
}

// presets are the built-in targets. See docs/targets.md for the source of
// every property.
var presets = []Preset{
	{
		Summary: "FROM scratch as run by Docker/containerd: only what the runtime injects (/dev, /proc, /etc/hosts, /etc/resolv.conf); no /tmp, HOME=/",
		Target: Target{Name: "scratch", Libc: NoLibc, Loader: NoLibc,
			ResolvConf: true, Hosts: true, DevURandom: true, Kernel: "3.10",
			Proc: true, Programs: NoPrograms, Home: "/"},
	},
	{
		Summary: "a plain chroot or initramfs: nothing but the binary; the kernel may predate getrandom(2)",
		Target: Target{Name: "bare", Libc: NoLibc, Loader: NoLibc, Kernel: "3.2",
			Programs: NoPrograms, Home: "/"},
	},
	{
		Summary: "gcr.io/distroless/static: passwd/group, CA bundle, tzdata, nsswitch.conf, /tmp; no libc, no loader, no shell",
		Target: Target{Name: "distroless-static", Libc: NoLibc, Loader: NoLibc,
			Passwd: true, CABundle: true, Zoneinfo: true, ResolvConf: true, Nsswitch: true,
			Hosts: true, DevURandom: true, Kernel: "3.10",
			Tmp: true, Proc: true, Programs: NoPrograms, Home: "/root",
			SSLCertFile: distrolessCABundle, accounts: distrolessAccounts},
	},
	{
		Summary: "gcr.io/distroless/static:nonroot: distroless-static run as nonroot (65532), HOME=/home/nonroot",
		Target: Target{Name: "distroless-static:nonroot", Libc: NoLibc, Loader: NoLibc,
			Passwd: true, CABundle: true, Zoneinfo: true, ResolvConf: true, Nsswitch: true,
			Hosts: true, DevURandom: true, Kernel: "3.10",
			Tmp: true, Proc: true, Programs: NoPrograms, User: "65532", Home: "/home/nonroot",
			SSLCertFile: distrolessCABundle, accounts: distrolessAccounts},
	},
	{
		Summary: "gcr.io/distroless/base: distroless-static plus glibc and its loader",
		Target: Target{Name: "distroless-base", Libc: Glibc, Loader: Glibc,
			Passwd: true, CABundle: true, Zoneinfo: true, ResolvConf: true, Nsswitch: true,
			Hosts: true, DevURandom: true, Kernel: "3.10",
			Tmp: true, Proc: true, Programs: NoPrograms, Home: "/root",
			SSLCertFile: distrolessCABundle, accounts: distrolessAccounts},
	},
	{
		Summary: "alpine: musl libc and loader, busybox, passwd/group, CA bundle, /tmp; no zoneinfo unless the tzdata package is added",
		Target: Target{Name: "alpine", Libc: Musl, Loader: Musl,
			Passwd: true, CABundle: true, Zoneinfo: false, ResolvConf: true, Nsswitch: false,
			Hosts: true, DevURandom: true, Kernel: "3.10",
			Tmp: true, Proc: true, Programs: BusyboxPrograms, Home: "/root", accounts: alpineAccounts},
	},
	{
		Summary: "a glibc distribution image (Debian, Ubuntu): libc, zoneinfo, CA bundle, /tmp, the programs of Debian's required packages",
		Target: Target{Name: "glibc", Libc: Glibc, Loader: Glibc,
			Passwd: true, CABundle: true, Zoneinfo: true, ResolvConf: true, Nsswitch: true,
			Hosts: true, DevURandom: true, Kernel: "3.10",
			Tmp: true, Proc: true, Programs: DebianPrograms, Home: "/root", accounts: debianAccounts},
	},
	{
		Summary: "busybox (the uclibc and musl variants, statically linked): passwd/group; no libc, no loader, no CA bundle, no zoneinfo",
		Target: Target{Name: "busybox", Libc: NoLibc, Loader: NoLibc,
			Passwd: true, ResolvConf: true, Hosts: true, DevURandom: true, Kernel: "3.10",
			Tmp: true, Proc: true, Programs: BusyboxPrograms, Home: "/root"},
	},
	{
		Summary: "busybox:glibc: glibc and its loader, passwd/group, nsswitch.conf; no CA bundle, no zoneinfo",
		Target: Target{Name: "busybox-glibc", Libc: Glibc, Loader: Glibc,
			Passwd: true, ResolvConf: true, Nsswitch: true, Hosts: true, DevURandom: true, Kernel: "3.10",
			Tmp: true, Proc: true, Programs: BusyboxPrograms, Home: "/root"},
	},
}

// distrolessCABundle is the SSL_CERT_FILE that distroless images set.
const distrolessCABundle = "/etc/ssl/certs/ca-certificates.crt"

// Default is the preset used when nothing selects one.
const Default = "scratch"

// Presets returns the built-in presets in documentation order.
func Presets() []Preset {
	return append([]Preset(nil), presets...)
}

// Lookup returns the preset with the given name.
func Lookup(name string) (Target, bool) {
	for _, p := range presets {
		if p.Name == name {
			return p.Target, true
		}
	}
	return Target{}, false
}

// Names returns the preset names.
func Names() []string {
	var names []string
	for _, p := range presets {
		names = append(names, p.Name)
	}
	return names
}

// A property is one overridable field of a Target.
type property struct {
	key  string
	doc  string
	kind PropertyKind
	get  func(*Target) string
	set  func(*Target, string) error
	libc bool // value is a Libc rather than a bool
}

// PropertyKind says how a property shows in a running target.
type PropertyKind string

const (
	FileProperty   PropertyKind = "file"        // files, devices and mounts of the root filesystem
	EnvProperty    PropertyKind = "environment" // how the runtime starts the program: user and environment
	KernelProperty PropertyKind = "kernel"      // the kernel, which is no file
)

func boolProp(key, doc string, field func(*Target) *bool) property {
	return property{
		key: key, doc: doc, kind: FileProperty,
		get: func(t *Target) string { return strconv.FormatBool(*field(t)) },
		set: func(t *Target, v string) error {
			b, err := parseBool(v)
			if err != nil {
				return err
			}
			*field(t) = b
			return nil
		},
	}
}

func libcProp(key, doc string, field func(*Target) *Libc) property {
	return property{
		key: key, doc: doc, kind: FileProperty, libc: true,
		get: func(t *Target) string { return string(*field(t)) },
		set: func(t *Target, v string) error {
			switch l := Libc(v); l {
			case NoLibc, Glibc, Musl:
				*field(t) = l
				return nil
			}
			return fmt.Errorf("want none, glibc or musl")
		},
	}
}

// envProp is an environment variable of the program; "" is unset.
func envProp(key, doc string, field func(*Target) *string) property {
	return property{
		key: key, doc: doc, kind: EnvProperty,
		get: func(t *Target) string { return *field(t) },
		set: func(t *Target, v string) error {
			if strings.ContainsAny(v, "\x00\n") {
				return fmt.Errorf("want a single-line value")
			}
			*field(t) = v
			return nil
		},
	}
}

var properties = []property{
	libcProp("libc", "C library in the image: none, glibc or musl", func(t *Target) *Libc { return &t.Libc }),
	libcProp("loader", "dynamic loader (ELF interpreter) in the image: none, glibc or musl", func(t *Target) *Libc { return &t.Loader }),
	{
		key: "passwd", doc: "/etc/passwd and /etc/group", kind: FileProperty,
		get: func(t *Target) string { return strconv.FormatBool(t.Passwd) },
		set: func(t *Target, v string) error {
			b, err := parseBool(v)
			if err != nil {
				return err
			}
			t.Passwd = b
			t.deriveHome()
			return nil
		},
	},
	boolProp("ca-bundle", "a CA bundle where Go looks (/etc/ssl/certs/ca-certificates.crt, ...) or SSL_CERT_FILE/SSL_CERT_DIR set", func(t *Target) *bool { return &t.CABundle }),
	boolProp("zoneinfo", "/usr/share/zoneinfo (or ZONEINFO set)", func(t *Target) *bool { return &t.Zoneinfo }),
	boolProp("resolv-conf", "/etc/resolv.conf", func(t *Target) *bool { return &t.ResolvConf }),
	boolProp("nsswitch", "/etc/nsswitch.conf", func(t *Target) *bool { return &t.Nsswitch }),
	boolProp("hosts", "/etc/hosts", func(t *Target) *bool { return &t.Hosts }),
	boolProp("dev-urandom", "/dev/urandom", func(t *Target) *bool { return &t.DevURandom }),
	{
		key: "kernel", doc: "oldest kernel the target may run, major.minor (getrandom(2) needs 3.17)", kind: KernelProperty,
		get: func(t *Target) string { return t.Kernel },
		set: func(t *Target, v string) error {
			if _, _, err := parseKernel(v); err != nil {
				return err
			}
			t.Kernel = v
			return nil
		},
	},
	boolProp("tmp", "/tmp, writable by every user (mode 1777)", func(t *Target) *bool { return &t.Tmp }),
	boolProp("proc", "/proc mounted", func(t *Target) *bool { return &t.Proc }),
	boolProp("syslog", "a local syslog socket (/dev/log)", func(t *Target) *bool { return &t.Syslog }),
	{
		key: "programs", kind: FileProperty,
		doc: "executables on PATH: sets none, busybox (alpine), debian, all and program names joined by +, e.g. busybox+git",
		get: func(t *Target) string { return string(t.Programs) },
		set: func(t *Target, v string) error {
			ps, err := parsePrograms(v)
			if err != nil {
				return err
			}
			t.Programs = ps
			return nil
		},
	},
	{
		key: "user", kind: EnvProperty,
		doc: "the user the program runs as (the image's USER): a name, a uid or user:group; empty is root",
		get: func(t *Target) string { return t.User },
		set: func(t *Target, v string) error {
			if strings.ContainsAny(v, " \t\n\x00") {
				return fmt.Errorf("want a user name, a uid or user:group")
			}
			t.User = v
			t.deriveHome()
			return nil
		},
	},
	{
		key: "home", kind: EnvProperty,
		doc: "$HOME as the program sees it (default: runc's, from the user's passwd entry, else /); empty is unknown",
		get: func(t *Target) string { return t.Home },
		set: func(t *Target, v string) error {
			if v != "" && !strings.HasPrefix(v, "/") {
				return fmt.Errorf("want an absolute path")
			}
			t.Home, t.homeExplicit = v, true
			return nil
		},
	},
	envProp("tmpdir", "$TMPDIR; empty is unset (os.TempDir is then /tmp)", func(t *Target) *string { return &t.TMPDIR }),
	envProp("tz", "$TZ; empty is unset", func(t *Target) *string { return &t.TZ }),
	envProp("ssl-cert-file", "$SSL_CERT_FILE; empty is unset", func(t *Target) *string { return &t.SSLCertFile }),
}

// deriveHome recomputes Home from User and the passwd file, as runc does,
// unless Home was set explicitly.
func (t *Target) deriveHome() {
	if !t.homeExplicit {
		t.Home = t.runtimeHome()
	}
}

// PropertyDoc is the documentation of one overridable property.
type PropertyDoc struct {
	Key, Doc string
	Kind     PropertyKind
}

// Properties lists the overridable properties.
func Properties() []PropertyDoc {
	var docs []PropertyDoc
	for _, p := range properties {
		docs = append(docs, PropertyDoc{p.key, p.doc, p.kind})
	}
	return docs
}

// Set overrides one property by key. The target's name records the override.
func (t *Target) Set(key, value string) error {
	for _, p := range properties {
		if p.key == key {
			if err := p.set(t, strings.TrimSpace(value)); err != nil {
				return fmt.Errorf("target property %s=%q: %w", key, value, err)
			}
			return nil
		}
	}
	return fmt.Errorf("unknown target property %q (known: %s)", key, strings.Join(propertyKeys(), ", "))
}

// Get returns one property by key, formatted as Set accepts it.
func (t *Target) Get(key string) (string, bool) {
	for _, p := range properties {
		if p.key == key {
			return p.get(t), true
		}
	}
	return "", false
}

func propertyKeys() []string {
	var keys []string
	for _, p := range properties {
		keys = append(keys, p.key)
	}
	return keys
}

// Parse parses a target specification: a preset name optionally followed by
// comma-separated overrides, e.g. "alpine" or "alpine,zoneinfo=true".
func Parse(spec string) (Target, error) {
	parts := strings.Split(spec, ",")
	name := strings.TrimSpace(parts[0])
	t, ok := Lookup(name)
	if !ok {
		return Target{}, fmt.Errorf("unknown target %q (known: %s)", name, strings.Join(Names(), ", "))
	}
	var overrides []string
	for _, kv := range parts[1:] {
		kv = strings.TrimSpace(kv)
		if kv == "" {
			continue
		}
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return Target{}, fmt.Errorf("target override %q: want key=value", kv)
		}
		if err := t.Set(strings.TrimSpace(k), v); err != nil {
			return Target{}, err
		}
		overrides = append(overrides, strings.TrimSpace(k)+"="+strings.TrimSpace(v))
	}
	if len(overrides) > 0 {
		t.Name = name + "," + strings.Join(overrides, ",")
	}
	return t, nil
}

// WithOverrides applies key=value overrides (for example from a config
// file) and records them in the name.
func (t Target) WithOverrides(overrides map[string]string) (Target, error) {
	keys := make([]string, 0, len(overrides))
	for k := range overrides {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := t.Set(k, overrides[k]); err != nil {
			return Target{}, err
		}
		t.Name += "," + k + "=" + overrides[k]
	}
	return t, nil
}

// HasGetrandom reports whether every kernel the target may run provides
// getrandom(2) (Linux 3.17 and later).
func (t Target) HasGetrandom() bool {
	major, minor, err := parseKernel(t.Kernel)
	if err != nil {
		return true
	}
	return major > 3 || (major == 3 && minor >= 17)
}

// CanLoad reports whether the target can start a dynamically linked binary
// whose interpreter belongs to loader and which needs libc (when needsLibc).
func (t Target) CanLoad(loader Libc, needsLibc bool) bool {
	if loader == NoLibc {
		return true
	}
	if t.Loader != loader {
		return false
	}
	return !needsLibc || t.Libc == loader
}

func parseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "true", "yes", "1", "on":
		return true, nil
	case "false", "no", "0", "off":
		return false, nil
	}
	return false, fmt.Errorf("want true or false")
}

func parseKernel(v string) (major, minor int, err error) {
	a, b, ok := strings.Cut(v, ".")
	if ok {
		major, err = strconv.Atoi(a)
		if err == nil {
			minor, err = strconv.Atoi(b)
		}
	}
	if !ok || err != nil || major < 2 {
		return 0, 0, fmt.Errorf("want a kernel version major.minor such as 3.17")
	}
	return major, minor, nil
}
