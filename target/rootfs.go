package target

import (
	"io/fs"
	"sort"
)

// FileKind says what kind of filesystem object a File is.
type FileKind int

const (
	Regular    FileKind = iota // a regular file
	Dir                        // a directory
	Symlink                    // a symbolic link
	CharDevice                 // a character device node
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
		add(File{Path: "/etc/passwd", Kind: Regular, Property: "passwd", Content: passwdContent})
		add(File{Path: "/etc/group", Kind: Regular, Property: "passwd", Content: groupContent})
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
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files
}
