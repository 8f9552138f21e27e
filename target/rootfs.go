package target

import (
	"io/fs"
	"path"
	"sort"
)

// FileKind says what kind of filesystem object a File is.
type FileKind int

const (
	Regular    FileKind = iota // a regular file
	Dir                        // a directory
	Symlink                    // a symbolic link
	CharDevice                 // a character device node
	Socket                     // a Unix datagram socket someone listens on
	MountPoint                 // a directory where the runtime mounts a filesystem (Mount)
)

func (k FileKind) String() string {
	switch k {
	case Regular:
		return "file"
	case Dir:
		return "dir"
	case Symlink:
		return "symlink"
	case CharDevice:
		return "chardev"
	case Socket:
		return "socket"
	case MountPoint:
		return "mount"
	}
	return "unknown"
}

// A File is one object that a target's root filesystem holds because of one
// of the target's properties. Files is the single source of truth for "what
// does property X mean on disk": the runtime-truth tests (package truth)
// assemble each preset's root filesystem from it, so the presets that the
// checks reason about and the images the tests run cannot drift apart.
type File struct {
	Path     string   // absolute path inside the root filesystem
	Kind     FileKind //
	Property string   // key of the property (as in Properties) that puts it there
	Mode     fs.FileMode

	// The content, by kind. A regular file or directory with HostPath is a
	// copy of that path on a Debian build host (symlinks to it followed; a
	// directory copied recursively with its own symlinks kept); otherwise a
	// regular file holds Content and a directory is empty.
	HostPath     string
	Content      string
	Link         string // Symlink: the link target
	Major, Minor uint32 // CharDevice: the device numbers
	Mount        string // MountPoint: the filesystem type (proc)
	UID, GID     int    // owner
}

// Contents of the generated configuration files. They are what minimal
// images ship (distroless's passwd has root, nobody and nonroot).
const (
	passwdContent = "root:x:0:0:root:/root:/sbin/nologin\n" +
		"nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n" +
		"nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n"
	groupContent = "root:x:0:\n" +
		"nobody:x:65534:\n" +
		"nonroot:x:65532:\n"
	nsswitchContent = "passwd: files\n" +
		"group: files\n" +
		"hosts: files dns\n"
	hostsContent = "127.0.0.1\tlocalhost\n" +
		"::1\tlocalhost ip6-localhost ip6-loopback\n"
	// A resolver on the local host at 127.0.0.53, like systemd-resolved's
	// stub or a node-local cache (and the lab's DNS server). Not
	// 127.0.0.1: that is where Go, glibc and musl all fall back without the
	// file (docs/FACTS.md#dns), and a server there would hide a missing
	// resolv.conf.
	resolvConfContent = "nameserver 127.0.0.53\n"
)

// Files lists the filesystem objects that the target's root filesystem
// holds besides the application itself, sorted by path. The Kernel property
// has no file: a kernel without getrandom(2) is a property of the host, which
// the runtime-truth tests emulate with a seccomp filter.
func (t Target) Files() []File {
	var files []File
	add := func(f File) {
		if f.Mode == 0 {
			switch f.Kind {
			case Dir:
				f.Mode = 0o755
			case CharDevice:
				f.Mode = 0o666
			default:
				f.Mode = 0o644
			}
		}
		files = append(files, f)
	}

	switch t.Loader {
	case Glibc:
		add(File{Path: Glibc.LoaderPath(), Kind: Regular, Property: "loader", Mode: 0o755,
			HostPath: "/lib64/ld-linux-x86-64.so.2"})
	case Musl:
		add(File{Path: Musl.LoaderPath(), Kind: Regular, Property: "loader", Mode: 0o755,
			HostPath: "/lib/ld-musl-x86_64.so.1"})
	}
	switch t.Libc {
	case Glibc:
		// The loader finds it in its built-in multiarch directory; no
		// ld.so.cache is needed.
		add(File{Path: "/lib/x86_64-linux-gnu/libc.so.6", Kind: Regular, Property: "libc", Mode: 0o755,
			HostPath: "/lib/x86_64-linux-gnu/libc.so.6"})
	case Musl:
		// musl's loader is its libc: it satisfies DT_NEEDED libc.so by
		// itself. Alpine names it once more, as this link.
		add(File{Path: "/lib/libc.musl-x86_64.so.1", Kind: Symlink, Property: "libc",
			Link: "ld-musl-x86_64.so.1"})
	}
	if t.Passwd {
		passwd, group := passwdContent, groupContent
		if t.accounts != nil {
			passwd, group = t.accounts.passwdContent(), t.accounts.groupContent()
			for _, a := range t.accounts.accounts {
				if a.ownHome {
					add(File{Path: a.home, Kind: Dir, Property: "passwd", Mode: 0o700, UID: a.uid, GID: a.uid})
				}
			}
		}
		add(File{Path: "/etc/passwd", Kind: Regular, Property: "passwd", Content: passwd})
		add(File{Path: "/etc/group", Kind: Regular, Property: "passwd", Content: group})
	}
	if t.CABundle {
		add(File{Path: "/etc/ssl/certs/ca-certificates.crt", Kind: Regular, Property: "ca-bundle",
			HostPath: "/etc/ssl/certs/ca-certificates.crt"})
	}
	if t.Zoneinfo {
		add(File{Path: "/usr/share/zoneinfo", Kind: Dir, Property: "zoneinfo",
			HostPath: "/usr/share/zoneinfo"})
	}
	if t.ResolvConf {
		add(File{Path: "/etc/resolv.conf", Kind: Regular, Property: "resolv-conf", Content: resolvConfContent})
	}
	if t.Nsswitch {
		add(File{Path: "/etc/nsswitch.conf", Kind: Regular, Property: "nsswitch", Content: nsswitchContent})
	}
	if t.Hosts {
		add(File{Path: "/etc/hosts", Kind: Regular, Property: "hosts", Content: hostsContent})
	}
	if t.DevURandom {
		// What container runtimes create in /dev.
		add(File{Path: "/dev", Kind: Dir, Property: "dev-urandom"})
		add(File{Path: "/dev/null", Kind: CharDevice, Property: "dev-urandom", Major: 1, Minor: 3})
		add(File{Path: "/dev/zero", Kind: CharDevice, Property: "dev-urandom", Major: 1, Minor: 5})
		add(File{Path: "/dev/random", Kind: CharDevice, Property: "dev-urandom", Major: 1, Minor: 8})
		add(File{Path: "/dev/urandom", Kind: CharDevice, Property: "dev-urandom", Major: 1, Minor: 9})
		// Docker and containerd mount a tmpfs here, mode 1777: TMPDIR=/dev/shm
		// is how a scratch container gets a temporary directory.
		add(File{Path: "/dev/shm", Kind: Dir, Property: "dev-urandom", Mode: fs.ModeSticky | 0o777})
	}
	if t.Tmp {
		add(File{Path: "/tmp", Kind: Dir, Property: "tmp", Mode: fs.ModeSticky | 0o777})
	}
	if t.Proc {
		add(File{Path: "/proc", Kind: MountPoint, Property: "proc", Mount: "proc", Mode: 0o555})
	}
	if t.Syslog {
		add(File{Path: "/dev/log", Kind: Socket, Property: "syslog", Mode: 0o666})
	}
	for _, f := range t.programFiles() {
		add(f)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files
}

// busyboxPath is where Debian's busybox-static installs busybox.
const busyboxPath = "/bin/busybox"

// programFiles realises the target's program sets with Debian's static
// busybox: the busybox binary and a link to it, at busybox's install path,
// for every program of the sets that busybox implements. A program that
// busybox does not implement (bash, git, the "all" set) has no file: the
// runtime-truth fixtures run only programs that busybox provides where the
// target says they are present.
func (t Target) programFiles() []File {
	var present []string
	for _, set := range []Programs{BusyboxPrograms, DebianPrograms} {
		if t.Programs.hasSet(set) {
			present = append(present, programSets[set].present...)
		}
	}
	present = append(present, t.Programs.names()...)
	var files []File
	seen := map[string]bool{}
	for _, p := range debianBusyboxPaths {
		name := path.Base(p)
		if p == busyboxPath || seen[p] || !contains(present, name) && !contains(present, p) {
			continue
		}
		seen[p] = true
		files = append(files, File{Path: p, Kind: Symlink, Property: "programs", Link: busyboxPath})
	}
	if len(files) > 0 {
		files = append(files, File{Path: busyboxPath, Kind: Regular, Property: "programs", Mode: 0o755, HostPath: busyboxPath})
	}
	return files
}
