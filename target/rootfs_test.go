package target

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"
)

// Every file-backed property must change the file list, every environment
// property the environment or the user, and every file must name a real
// property: otherwise a preset could claim something that the runtime-truth
// root filesystems do not contain.
func TestFilesFollowEveryProperty(t *testing.T) {
	known := map[string]bool{}
	for _, p := range Properties() {
		known[p.Key] = true
	}
	values := map[string]string{"libc": "glibc", "loader": "glibc", "programs": "busybox",
		"user": "65532", "home": "/home/app", "tmpdir": "/dev/shm", "tz": "Europe/Paris", "ssl-cert-file": "/ca.pem"}
	for _, p := range Properties() {
		off, on := Target{Libc: NoLibc, Loader: NoLibc, Kernel: "3.17"}, Target{Libc: NoLibc, Loader: NoLibc, Kernel: "3.17"}
		value := values[p.Key]
		if value == "" {
			value = "true"
		}
		if p.Kind == KernelProperty {
			continue // no file: emulated by the runtime-truth tests
		}
		if err := on.Set(p.Key, value); err != nil {
			t.Fatal(err)
		}
		if p.Kind == EnvProperty {
			_, _, okOff := off.Credential()
			_, _, okOn := on.Credential()
			if !reflect.DeepEqual(off.Files(), on.Files()) {
				t.Errorf("environment property %s=%s changes the files", p.Key, value)
			}
			if reflect.DeepEqual(off.Environ(), on.Environ()) && okOff == okOn && off.IsRoot() == on.IsRoot() {
				t.Errorf("environment property %s=%s changes neither the environment nor the user", p.Key, value)
			}
			continue
		}
		if reflect.DeepEqual(off.Files(), on.Files()) {
			t.Errorf("property %s=%s adds no file to the root filesystem", p.Key, value)
		}
		for _, f := range on.Files() {
			if f.Property != p.Key {
				t.Errorf("%s=%s adds %s, attributed to property %q", p.Key, value, f.Path, f.Property)
			}
		}
	}
	for _, preset := range Presets() {
		for _, f := range preset.Files() {
			if !known[f.Property] {
				t.Errorf("%s: %s names unknown property %q", preset.Name, f.Path, f.Property)
			}
			if !strings.HasPrefix(f.Path, "/") {
				t.Errorf("%s: path %q is not absolute", preset.Name, f.Path)
			}
		}
	}
}

func TestFilesOfPresets(t *testing.T) {
	paths := func(name string) map[string]bool {
		tgt, ok := Lookup(name)
		if !ok {
			t.Fatalf("no preset %s", name)
		}
		set := map[string]bool{}
		for _, f := range tgt.Files() {
			set[f.Path] = true
		}
		return set
	}
	if got := paths("bare"); len(got) != 0 {
		t.Errorf("bare has files %v, want none", got)
	}
	scratch := paths("scratch")
	for _, p := range []string{"/etc/hosts", "/etc/resolv.conf", "/dev/urandom"} {
		if !scratch[p] {
			t.Errorf("scratch lacks %s, which container runtimes inject", p)
		}
	}
	if scratch["/etc/passwd"] || scratch[Glibc.LoaderPath()] {
		t.Errorf("scratch has files only an image provides: %v", scratch)
	}
	alpine := paths("alpine")
	if !alpine[Musl.LoaderPath()] || alpine["/usr/share/zoneinfo"] || alpine[Glibc.LoaderPath()] {
		t.Errorf("alpine files wrong: %v", alpine)
	}
	base := paths("distroless-base")
	if !base[Glibc.LoaderPath()] || !base["/lib/x86_64-linux-gnu/libc.so.6"] {
		t.Errorf("distroless-base lacks glibc: %v", base)
	}
}

// A Libc without the matching loader is a valid override; its files must
// not drag the loader in.
func TestFilesLibcWithoutLoader(t *testing.T) {
	tgt := Target{Libc: Musl, Loader: NoLibc}
	for _, f := range tgt.Files() {
		if f.Path == Musl.LoaderPath() {
			t.Errorf("libc=musl,loader=none contains the loader")
		}
	}
}

// What the sources say each image has: /tmp, programs, /proc, the
// user and HOME, SSL_CERT_FILE (docs/FACTS.md#what-container-runtimes-give-a-container).
func TestRuntimeProperties(t *testing.T) {
	tests := []struct {
		name        string
		tmp, proc   bool
		sh, git     Presence
		user, home  string
		writable    Presence
		sslCertFile string
	}{
		{"scratch", false, true, Absent, Absent, "", "/", Present, ""},
		{"bare", false, false, Absent, Absent, "", "/", Present, ""},
		{"distroless-static", true, true, Absent, Absent, "", "/root", Present, "/etc/ssl/certs/ca-certificates.crt"},
		{"distroless-static:nonroot", true, true, Absent, Absent, "65532", "/home/nonroot", Present, "/etc/ssl/certs/ca-certificates.crt"},
		{"distroless-base", true, true, Absent, Absent, "", "/root", Present, "/etc/ssl/certs/ca-certificates.crt"},
		{"alpine", true, true, Present, Absent, "", "/root", Present, ""},
		{"glibc", true, true, Present, Absent, "", "/root", Present, ""},
	}
	for _, tt := range tests {
		tgt, ok := Lookup(tt.name)
		if !ok {
			t.Fatalf("no preset %s", tt.name)
		}
		if tgt.Tmp != tt.tmp || tgt.Proc != tt.proc || tgt.Syslog || tgt.Programs.Has("sh") != tt.sh ||
			tgt.Programs.Has("git") != tt.git || tgt.User != tt.user || tgt.Home != tt.home ||
			tgt.HomeWritable() != tt.writable || tgt.SSLCertFile != tt.sslCertFile {
			t.Errorf("%s: %+v", tt.name, tgt)
		}
	}
}

// USER without HOME gets runc's HOME: the passwd entry's home, else /.
func TestUserOverrideDerivesHome(t *testing.T) {
	tests := []struct {
		spec, home string
		writable   Presence
	}{
		{"scratch,user=65532", "/", Absent},
		{"scratch,user=65532:65532", "/", Absent},
		{"scratch,user=0", "/", Present},
		{"alpine,user=65532", "/", Absent},
		{"alpine,user=nobody", "/", Absent},
		{"alpine,user=daemon", "", Unknown}, // a system account the model does not list
		{"alpine,user=app", "", Unknown},    // a name alpine's passwd lacks: Docker refuses it
		{"distroless-static,user=nonroot", "/home/nonroot", Present},
		{"distroless-static,user=65534", "/nonexistent", Absent},
		{"distroless-static,user=1234", "/", Absent},
		{"distroless-static:nonroot,user=0", "/root", Present},
		{"glibc,user=1000", "/", Absent},
		{"scratch,passwd=true,user=1000", "", Unknown}, // a copied passwd of unknown content
		{"scratch,user=1000,passwd=true", "", Unknown},
		{"scratch,home=/data,user=1000", "/data", Present},
		{"scratch,user=1000,home=/", "/", Absent},
		{"distroless-static:nonroot,home=", "", Unknown},
	}
	for _, tt := range tests {
		tgt, err := Parse(tt.spec)
		if err != nil {
			t.Fatal(err)
		}
		if tgt.Home != tt.home || tgt.HomeWritable() != tt.writable {
			t.Errorf("%s: home %q (writable %v), want %q (%v)", tt.spec, tgt.Home, tgt.HomeWritable(), tt.home, tt.writable)
		}
	}
	s, _ := Lookup("scratch")
	got, err := s.WithOverrides(map[string]string{"user": "65532", "home": "/data"})
	if err != nil || got.Home != "/data" {
		t.Errorf("WithOverrides(user, home) = %+v, %v: home must win whatever the order", got, err)
	}
}

func TestCredential(t *testing.T) {
	for spec, want := range map[string][3]int{ // uid, gid, ok
		"scratch":                        {0, 0, 1},
		"scratch,user=65532":             {65532, 65532, 1},
		"scratch,user=1000:2000":         {1000, 2000, 1},
		"distroless-static,user=nonroot": {65532, 65532, 1},
		"distroless-static:nonroot":      {65532, 65532, 1},
		"scratch,user=app":               {0, 0, 0},
	} {
		tgt, err := Parse(spec)
		if err != nil {
			t.Fatal(err)
		}
		uid, gid, ok := tgt.Credential()
		if got := [3]int{uid, gid, map[bool]int{true: 1}[ok]}; got != want {
			t.Errorf("%s: credential %v, want %v", spec, got, want)
		}
	}
}

func TestEnviron(t *testing.T) {
	tgt, _ := Parse("distroless-static:nonroot,tz=Europe/Paris,tmpdir=/dev/shm")
	want := []string{"PATH=" + DockerPath, "HOME=/home/nonroot", "TMPDIR=/dev/shm", "TZ=Europe/Paris",
		"SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"}
	if got := tgt.Environ(); !reflect.DeepEqual(got, want) {
		t.Errorf("Environ = %q, want %q", got, want)
	}
}

// The files of the new properties: /tmp 1777, /proc a mount point, home
// directories owned by their accounts, busybox and its links.
func TestFilesOfRuntimeProperties(t *testing.T) {
	files := func(spec string) map[string]File {
		tgt, err := Parse(spec)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]File{}
		for _, f := range tgt.Files() {
			m[f.Path] = f
		}
		return m
	}
	d := files("distroless-static:nonroot")
	if f := d["/tmp"]; f.Kind != Dir || f.Mode != fs.ModeSticky|0o777 {
		t.Errorf("/tmp = %+v", f)
	}
	if f := d["/proc"]; f.Kind != MountPoint || f.Mount != "proc" {
		t.Errorf("/proc = %+v", f)
	}
	if f := d["/home/nonroot"]; f.Kind != Dir || f.UID != 65532 || f.Mode != 0o700 {
		t.Errorf("/home/nonroot = %+v", f)
	}
	if _, ok := d["/bin/sh"]; ok {
		t.Error("distroless has a shell")
	}
	a := files("alpine")
	if f := a["/bin/sh"]; f.Kind != Symlink || f.Link != "/bin/busybox" {
		t.Errorf("alpine /bin/sh = %+v", f)
	}
	if f := a["/bin/busybox"]; f.Kind != Regular || f.HostPath == "" {
		t.Errorf("alpine /bin/busybox = %+v", f)
	}
	if _, ok := a["/home/nonroot"]; ok {
		t.Error("alpine has distroless's nonroot account")
	}
	if _, ok := files("scratch,syslog=true")["/dev/log"]; !ok {
		t.Error("syslog=true has no /dev/log")
	}
	if _, ok := files("scratch")["/tmp"]; ok {
		t.Error("scratch has /tmp: Docker mounts none")
	}
}

func TestPrograms(t *testing.T) {
	tests := []struct {
		programs Programs
		program  string
		want     Presence
	}{
		{NoPrograms, "sh", Absent},
		{NoPrograms, "/bin/sh", Absent},
		{BusyboxPrograms, "sh", Present},
		{BusyboxPrograms, "/bin/sh", Present},
		{BusyboxPrograms, "date", Present},
		{BusyboxPrograms, "wget", Present},
		{BusyboxPrograms, "git", Absent},
		{BusyboxPrograms, "curl", Absent},
		{BusyboxPrograms, "bash", Absent},
		{BusyboxPrograms, "/usr/bin/git", Absent},
		{BusyboxPrograms, "bc", Unknown},  // in Debian's busybox, not in Alpine's configuration
		{BusyboxPrograms, "apk", Unknown}, // apk-tools, not busybox
		{BusyboxPrograms + "+git", "git", Present},
		{BusyboxPrograms + "+/opt/tool", "/opt/tool", Present},
		{DebianPrograms, "bash", Present},
		{DebianPrograms, "git", Absent},
		{DebianPrograms, "perl", Present},
		{AllPrograms, "git", Present},
		{"", "sh", Unknown},
		{NoPrograms, "./tool", Unknown},
	}
	for _, tt := range tests {
		if got := tt.programs.Has(tt.program); got != tt.want {
			t.Errorf("Programs(%q).Has(%q) = %v, want %v", tt.programs, tt.program, got, tt.want)
		}
	}
	for _, bad := range []string{"busybox+", "git lab", "a/b", "busybox+x=y"} {
		if _, err := Parse("scratch,programs=" + bad); err == nil {
			t.Errorf("programs=%q accepted", bad)
		}
	}
}

// A deployment's USER and ENV land on the properties.
func TestWithImage(t *testing.T) {
	s, _ := Lookup("scratch")
	got := s.WithImage("65532", map[string]string{"TMPDIR": "/dev/shm", "TZ": "Europe/Paris"})
	if got.User != "65532" || got.Home != "/" || got.HomeWritable() != Absent || got.TMPDIR != "/dev/shm" || got.TZ != "Europe/Paris" {
		t.Errorf("scratch + USER 65532, ENV TMPDIR, TZ = %+v", got)
	}
	got = s.WithImage("65532", map[string]string{"HOME": "/data"})
	if got.Home != "/data" || got.HomeWritable() != Present {
		t.Errorf("ENV HOME=/data: %+v", got)
	}
	d, _ := Lookup("distroless-static")
	if got := d.WithImage("nonroot", nil); got.Home != "/home/nonroot" || got.HomeWritable() != Present {
		t.Errorf("distroless USER nonroot: %+v", got)
	}
	if got := d.WithImage("", nil); got != d {
		t.Errorf("nothing declared changed the target: %+v", got)
	}
}
