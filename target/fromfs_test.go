package target

import (
	"os"
	"path/filepath"
	"testing"
)

func mkfile(t *testing.T, root, p string) {
	t.Helper()
	full := filepath.Join(root, p)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mklink(t *testing.T, root, p, to string) {
	t.Helper()
	full := filepath.Join(root, p)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(to, full); err != nil {
		t.Fatal(err)
	}
}

func TestDirProbeResolvesInsideRoot(t *testing.T) {
	root := t.TempDir()
	mkfile(t, root, "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2")
	mklink(t, root, "/lib64", "usr/lib/x86_64-linux-gnu")                    // relative
	mklink(t, root, "/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/ca.pem") // absolute: inside root
	mkfile(t, root, "/etc/ssl/ca.pem")
	mklink(t, root, "/etc/loop", "/etc/loop")
	mklink(t, root, "/etc/escape", "../../../../../etc/passwd") // ".." stops at the root
	probe := DirProbe(root)
	for p, want := range map[string]PathKind{
		"/lib64/ld-linux-x86-64.so.2":        RegularFile,
		"/lib64":                             Directory,
		"/etc/ssl/certs/ca-certificates.crt": RegularFile,
		"/etc/loop":                          Missing,
		"/etc/escape":                        Missing, // the host's /etc/passwd must not leak in
		"/nonexistent":                       Missing,
		"/":                                  Directory,
	} {
		if got := probe(p); got != want {
			t.Errorf("probe(%s) = %v, want %v", p, got, want)
		}
	}
}

func TestFromRoot(t *testing.T) {
	root := t.TempDir()
	probe := DirProbe(root)
	bare, _ := FromRoot("empty", probe, RootOptions{})
	want := Target{Name: "empty", Libc: NoLibc, Loader: NoLibc, Kernel: "3.10", Programs: NoPrograms, Home: "/"}
	if bare != want {
		t.Errorf("empty root = %+v, want %+v", bare, want)
	}
	injected, _ := FromRoot("empty", probe, RootOptions{RuntimeInjects: true})
	if !injected.ResolvConf || !injected.Hosts || !injected.DevURandom || injected.Passwd || !injected.Proc || injected.Tmp || injected.Syslog {
		t.Errorf("container root = %+v", injected)
	}

	for _, p := range []string{"/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6",
		"/etc/passwd", "/etc/group", "/etc/ssl/certs/ca-certificates.crt", "/usr/share/zoneinfo/UTC",
		"/etc/nsswitch.conf", "/etc/resolv.conf", "/etc/hosts"} {
		mkfile(t, root, p)
	}
	full, obs := FromRoot("base", probe, RootOptions{})
	want = Target{Name: "base", Libc: Glibc, Loader: Glibc, Passwd: true, CABundle: true, Zoneinfo: true,
		ResolvConf: true, Nsswitch: true, Hosts: true, Kernel: "3.10", Programs: NoPrograms, Home: "/root"}
	if full != want {
		t.Errorf("glibc root = %+v, want %+v", full, want)
	}
	if len(obs) != len(Properties()) {
		t.Errorf("%d observations for %d properties: %+v", len(obs), len(Properties()), obs)
	}

	musl := t.TempDir()
	mkfile(t, musl, "/lib/ld-musl-x86_64.so.1")
	mkfile(t, musl, "/etc/passwd") // no /etc/group: user lookups of groups fail
	mkfile(t, musl, "/certs/mine.pem")
	m, _ := FromRoot("alpine-ish", DirProbe(musl), RootOptions{Env: []string{"SSL_CERT_FILE=/certs/mine.pem", "ZONEINFO=/nope"}})
	if m.Libc != Musl || m.Loader != Musl || m.Passwd || !m.CABundle || m.Zoneinfo {
		t.Errorf("musl root = %+v", m)
	}
	// SSL_CERT_FILE replaces the default file list: a missing one is no bundle.
	mkfile(t, musl, "/etc/ssl/certs/ca-certificates.crt")
	m, _ = FromRoot("alpine-ish", DirProbe(musl), RootOptions{Env: []string{"SSL_CERT_FILE=/missing.pem"}})
	if m.CABundle {
		t.Errorf("missing SSL_CERT_FILE counted as a bundle")
	}
}

// The image's USER and ENV, /tmp and the program set come through.
func TestFromRootUserAndPrograms(t *testing.T) {
	root := t.TempDir()
	mkfile(t, root, "/bin/busybox")
	mkfile(t, root, "/tmp/.keep")
	got, _ := FromRoot("alpine-like", DirProbe(root), RootOptions{RuntimeInjects: true, User: "65532",
		Env: []string{"TZ=Europe/Paris", "TMPDIR=/dev/shm"}})
	if got.Programs != BusyboxPrograms || !got.Tmp || got.User != "65532" || got.Home != "/" ||
		got.TZ != "Europe/Paris" || got.TMPDIR != "/dev/shm" || got.HomeWritable() != Absent {
		t.Errorf("busybox root as 65532 = %+v", got)
	}
	got, _ = FromRoot("with-home", DirProbe(root), RootOptions{User: "app", Env: []string{"HOME=/data"}})
	if got.Home != "/data" || got.HomeWritable() != Present {
		t.Errorf("HOME from the image = %+v", got)
	}
	sh := t.TempDir()
	mkfile(t, sh, "/bin/sh")
	if got, _ := FromRoot("shell", DirProbe(sh), RootOptions{}); got.Programs != "" {
		t.Errorf("an image with a shell has programs %q, want unknown", got.Programs)
	}
}
