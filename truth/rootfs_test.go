//go:build linux

package truth

import (
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/scratchvet/scratchvet/target"
)

// assembleRootfs creates, under root, exactly the files that the target
// model lists for t (target.Target.Files), nothing else. additions appends
// test data to files that the model says exist (a hosts entry, the test CA);
// a path the target lacks stays absent, which is the point. Mount points
// are mounted and sockets listened on, as a runtime would; the returned
// function undoes that (the suite runs in a mount namespace of its own, so
// nothing outlives it anyway).
func assembleRootfs(root string, t target.Target, additions map[string]string) (release func(), err error) {
	var undo []func()
	release = func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
	defer func() {
		if err != nil {
			release()
		}
	}()
	for _, f := range t.Files() {
		dst := filepath.Join(root, f.Path)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return release, err
		}
		var err error
		switch f.Kind {
		case target.Dir:
			if f.HostPath != "" {
				if err = copyTree(f.HostPath, dst); err != nil {
					err = fmt.Errorf("copying from the build host (apt-get install %s): %w", hostPackage(f.HostPath), err)
				}
			} else if err = os.Mkdir(dst, 0o755); err == nil {
				// Mkdir applies the umask and drops the sticky bit.
				err = os.Chmod(dst, f.Mode&(fs.ModePerm|fs.ModeSticky))
			}
		case target.Regular:
			err = writeRegular(dst, f, additions[f.Path])
		case target.Symlink:
			err = os.Symlink(f.Link, dst)
		case target.CharDevice:
			err = syscall.Mknod(dst, syscall.S_IFCHR|uint32(f.Mode.Perm()), int(mkdev(f.Major, f.Minor)))
			if err == nil {
				// mknod applies the umask.
				err = os.Chmod(dst, f.Mode.Perm())
			}
		case target.MountPoint:
			if err = os.Mkdir(dst, f.Mode.Perm()); err == nil {
				err = syscall.Mount(f.Mount, dst, f.Mount, syscall.MS_NOSUID|syscall.MS_NODEV|syscall.MS_NOEXEC, "")
			}
			if err == nil {
				undo = append(undo, func() { syscall.Unmount(dst, syscall.MNT_DETACH) })
			} else {
				err = fmt.Errorf("mount -t %s (the suite runs in its own mount namespace): %w", f.Mount, err)
			}
		case target.Socket:
			var stop func()
			if stop, err = listenSyslog(dst); err == nil {
				undo = append(undo, stop)
				err = os.Chmod(dst, f.Mode.Perm())
			}
		default:
			err = fmt.Errorf("unknown kind %v", f.Kind)
		}
		if err == nil && (f.UID != 0 || f.GID != 0) {
			err = os.Lchown(dst, f.UID, f.GID)
		}
		if err != nil {
			return release, fmt.Errorf("rootfs %s: %s %s (property %s): %w", t.Name, f.Kind, f.Path, f.Property, err)
		}
	}
	return release, nil
}

// listenSyslog serves a syslog socket at path: a Unix datagram socket that
// accepts and drops messages, as a syslog daemon's /dev/log does.
func listenSyslog(path string) (stop func(), err error) {
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		return nil, err
	}
	go func() {
		buf := make([]byte, 64<<10)
		for {
			if _, _, err := conn.ReadFrom(buf); err != nil {
				return
			}
		}
	}()
	return func() { conn.Close() }, nil
}

// runcHome is the HOME that runc gives a process whose environment has
// none: the home of the user's entry in the root filesystem's /etc/passwd,
// or "/" when there is no entry or no file (runc libcontainer/env.go). The
// suite derives it from the assembled files, independently of the model.
func runcHome(root, user string) string {
	name, _, _ := strings.Cut(user, ":")
	if name == "" {
		name = "0"
	}
	data, err := os.ReadFile(filepath.Join(root, "etc", "passwd"))
	if err != nil {
		return "/"
	}
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Split(line, ":")
		if len(fields) >= 6 && (fields[0] == name || fields[2] == name) {
			return fields[5]
		}
	}
	return "/"
}

func writeRegular(dst string, f target.File, addition string) error {
	content := []byte(f.Content)
	if f.HostPath != "" {
		// ReadFile follows symlinks: the loaders are links on Debian.
		host, err := os.ReadFile(f.HostPath)
		if err != nil {
			return fmt.Errorf("the build host lacks it (apt-get install %s): %w", hostPackage(f.HostPath), err)
		}
		content = host
	}
	content = append(content, addition...)
	if err := os.WriteFile(dst, content, f.Mode.Perm()); err != nil {
		return err
	}
	return os.Chmod(dst, f.Mode.Perm())
}

// hostPackage names the Debian package that provides a host file the
// target model copies.
func hostPackage(path string) string {
	switch {
	case strings.HasPrefix(path, "/etc/ssl/"):
		return "ca-certificates"
	case strings.HasPrefix(path, "/usr/share/zoneinfo"):
		return "tzdata"
	case strings.Contains(path, "musl"):
		return "musl"
	case strings.Contains(path, "busybox"):
		return "busybox-static"
	}
	return "libc6"
}

// copyTree copies the directory src to dst, keeping symlinks as symlinks
// (zoneinfo has relative ones that stay valid inside the chroot).
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		out := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(out, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, out)
		case d.Type().IsRegular():
			// A copy, not a hard link: nothing in a chroot may write to the
			// host's files.
			return copyFile(path, out, 0o644, false)
		}
		return nil // sockets, fifos: not part of a rootfs
	})
}

// copyFile copies src to dst. With link, it hard-links instead when both
// are on one filesystem, for the test's own build outputs, which are placed
// in every root filesystem.
func copyFile(src, dst string, mode fs.FileMode, link bool) error {
	if link && os.Link(src, dst) == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// mkdev encodes a device number as the Linux kernel's new_encode_dev.
func mkdev(major, minor uint32) uint64 {
	return uint64(minor&0xff) | uint64(major&0xfff)<<8 | uint64(minor&^0xff)<<12 | uint64(major&^0xfff)<<32
}

// A root filesystem assembled from a preset's file list must be recognized
// as that preset by target.FromRoot (what `scratchvet` derives from an
// image): the two directions of the model cannot drift apart either. The
// properties compared are the files a probe can see: /proc is a mount of
// the runtime, and a program set is realised only in part (busybox links).
func TestRootfsRoundTrip(t *testing.T) {
	if skipReason != "" {
		t.Skip(skipReason)
	}
	for _, p := range target.Presets() {
		root := filepath.Join(t.TempDir(), p.Name)
		release, err := assembleRootfs(root, p.Target, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, obs := target.FromRoot(p.Name, target.DirProbe(root), target.RootOptions{})
		release()
		for _, prop := range target.Properties() {
			if prop.Kind != target.FileProperty || prop.Key == "proc" || prop.Key == "programs" && p.Programs == target.DebianPrograms {
				continue
			}
			want, _ := p.Get(prop.Key)
			if have, _ := got.Get(prop.Key); have != want {
				t.Errorf("rootfs of %s: %s is read back as %q, want %q\nobservations: %+v", p.Name, prop.Key, have, want, obs)
			}
		}
		if home := runcHome(root, p.User); p.Home != home {
			t.Errorf("%s: the model's HOME is %q, runc would give %q from the assembled /etc/passwd", p.Name, p.Home, home)
		}
	}
}
