package target

import (
	"strconv"
	"strings"
)

// An account is one line of an image's /etc/passwd that decides $HOME.
type account struct {
	name string
	uid  int
	home string
	// ownHome: the home directory exists and belongs to the account, so
	// the account can write there.
	ownHome bool
}

// An accountTable is the /etc/passwd a kind of image ships.
type accountTable struct {
	accounts []account
	// complete: the table is the whole file, so a uid it lacks has no
	// entry. Otherwise only uids from 1000 up are known to have none (no
	// base image ships such entries but distroless's nonroot, listed).
	complete bool
}

// The passwd files of the presets (docs/targets.md#sources).
var (
	// distroless: common/BUILD.bazel of GoogleContainerTools/distroless.
	distrolessAccounts = &accountTable{complete: true, accounts: []account{
		{"root", 0, "/root", true},
		{"nobody", 65534, "/nonexistent", false},
		{"nonroot", 65532, "/home/nonroot", true},
	}}
	// alpine: alpine-baselayout's passwd; the system accounts between
	// root and nobody are left out (their homes are root's directories).
	alpineAccounts = &accountTable{accounts: []account{
		{"root", 0, "/root", true},
		{"nobody", 65534, "/", false},
	}}
	// debian: base-passwd's passwd; system accounts left out likewise.
	debianAccounts = &accountTable{accounts: []account{
		{"root", 0, "/root", true},
		{"nobody", 65534, "/nonexistent", false},
	}}
)

func (tab *accountTable) lookup(user string) (account, bool) {
	uid, numeric := parseUID(user)
	for _, a := range tab.accounts {
		if numeric && a.uid == uid || !numeric && a.name == user {
			return a, true
		}
	}
	return account{}, false
}

// passwdContent renders the table as an /etc/passwd file.
func (tab *accountTable) passwdContent() string {
	var b strings.Builder
	for _, a := range tab.accounts {
		shell := "/sbin/nologin"
		if a.uid == 0 {
			shell = "/bin/sh"
		}
		b.WriteString(a.name + ":x:" + strconv.Itoa(a.uid) + ":" + strconv.Itoa(a.uid) + ":" + a.name + ":" + a.home + ":" + shell + "\n")
	}
	return b.String()
}

func (tab *accountTable) groupContent() string {
	var b strings.Builder
	for _, a := range tab.accounts {
		b.WriteString(a.name + ":x:" + strconv.Itoa(a.uid) + ":\n")
	}
	return b.String()
}

// userName is the user part of a Docker USER value ("user[:group]").
func userName(user string) string {
	name, _, _ := strings.Cut(user, ":")
	return name
}

func parseUID(user string) (int, bool) {
	uid, err := strconv.Atoi(user)
	return uid, err == nil && uid >= 0
}

// IsRoot reports whether the target runs its program as root (an image
// without USER, or USER 0 or root).
func (t Target) IsRoot() bool {
	switch userName(t.User) {
	case "", "0", "root":
		return true
	}
	return false
}

// runtimeHome is the $HOME that runc gives the user when the image sets no
// HOME: the home of the user's /etc/passwd entry, or "/" when there is no
// entry or no passwd (runc libcontainer/env.go; docs/FACTS.md#what-container-runtimes-give-a-container).
// It returns "" when the image's passwd is not known well enough to say.
func (t Target) runtimeHome() string {
	user := userName(t.User)
	if user == "" {
		user = "0"
	}
	if !t.Passwd {
		return "/"
	}
	if t.accounts == nil {
		// A passwd of unknown content: only root's entry is universal.
		if t.IsRoot() {
			return "/root"
		}
		return ""
	}
	if a, ok := t.accounts.lookup(user); ok {
		return a.home
	}
	if t.IsRoot() {
		return "/root"
	}
	uid, numeric := parseUID(user)
	switch {
	case !numeric:
		// Docker refuses to start a named USER without an entry; nothing
		// to say about its home.
		return ""
	case t.accounts.complete || uid >= 1000:
		return "/"
	}
	return ""
}

// HomeWritable says whether the user can create files under $HOME, where
// os.UserCacheDir and os.UserConfigDir point: root can anywhere; nobody can
// in "/" (owned by root) or in a home that does not exist (/nonexistent);
// a home of the image's own account table is writable when the account owns
// it; any other home is assumed to be the user's own (Unknown would hide
// nothing a check could claim). Unknown when $HOME is not known.
func (t Target) HomeWritable() Presence {
	switch {
	case t.Home == "":
		return Unknown
	case t.IsRoot():
		return Present
	case t.Home == "/" || t.Home == "/nonexistent":
		return Absent
	}
	if t.accounts != nil {
		for _, a := range t.accounts.accounts {
			if a.home == t.Home && !a.ownHome {
				return Absent
			}
		}
	}
	return Present
}

// Credential returns the uid and gid the target runs its program as, when
// the USER value names them or the account table does.
func (t Target) Credential() (uid, gid int, ok bool) {
	if t.IsRoot() {
		return 0, 0, true
	}
	name, group, hasGroup := strings.Cut(t.User, ":")
	uid, numeric := parseUID(name)
	if !numeric {
		if t.accounts == nil {
			return 0, 0, false
		}
		a, found := t.accounts.lookup(name)
		if !found {
			return 0, 0, false
		}
		uid = a.uid
	}
	gid = uid
	if hasGroup {
		g, err := strconv.Atoi(group)
		if err != nil {
			return 0, 0, false
		}
		gid = g
	}
	return uid, gid, true
}

// DockerPath is the PATH that Docker and containerd give a container whose
// image sets none (docs/FACTS.md#what-container-runtimes-give-a-container).
const DockerPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// Environ is the environment the program starts with on the target: the
// runtime's PATH, HOME when known, and the variables the image sets.
func (t Target) Environ() []string {
	env := []string{"PATH=" + DockerPath}
	for _, kv := range [][2]string{
		{"HOME", t.Home}, {"TMPDIR", t.TMPDIR}, {"TZ", t.TZ}, {"SSL_CERT_FILE", t.SSLCertFile},
	} {
		if kv[1] != "" {
			env = append(env, kv[0]+"="+kv[1])
		}
	}
	return env
}

// WithImage applies what a deployment's image declares, its USER and its
// ENV (a Dockerfile's, or discovery's reading of it), to the target:
// HOME, TMPDIR, TZ and SSL_CERT_FILE become the properties of the same
// name, a USER changes the user and, unless ENV sets HOME, the HOME runc
// derives; ZONEINFO names a zoneinfo directory. Empty values change nothing;
// an empty HOME in ENV is ignored as runc does.
func (t Target) WithImage(user string, env map[string]string) Target {
	if user != "" {
		t.User = user
		t.deriveHome()
	}
	for k, v := range env {
		switch k {
		case "HOME":
			if v != "" {
				t.Home, t.homeExplicit = v, true
			}
		case "TMPDIR":
			t.TMPDIR = v
		case "TZ":
			t.TZ = v
		case "SSL_CERT_FILE":
			t.SSLCertFile = v
		}
	}
	return t
}
