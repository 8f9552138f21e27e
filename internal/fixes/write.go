package fixes

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// WriteFiles replaces the content of several files, all or nothing as far
// as a file system allows:
//
//  1. Each file's new content is written to a temporary file in the same
//     directory (the target of a symbolic link, not the link), synced, and
//     given the file's mode (and, when running as root, its owner). If any
//     of this fails (a full disk, a read-only directory), the temporary
//     files are removed and no file has changed.
//  2. Each file is checked to still hold its old content, then the
//     temporary files are renamed over the files, one after another. A
//     rename within a directory is atomic: a file is always whole, old or
//     new, never truncated. If a rename fails, the files already replaced
//     get their old content back the same way.
//
// Only a crash between two renames can leave some files fixed and others
// not. Hard links to a fixed file keep the old content (the fixed file is
// a new inode), as with most editors' safe saves.
func WriteFiles(changes []Change) error {
	return writeFiles(osFS{}, changes)
}

// fileSystem is what WriteFiles needs from the operating system; tests
// replace it to fail at each step.
type fileSystem interface {
	EvalSymlinks(name string) (string, error)
	Stat(name string) (fs.FileInfo, error)
	ReadFile(name string) ([]byte, error)
	// WriteTemp creates a new file next to name holding content, synced,
	// with mode and the owner of info, and returns its name.
	WriteTemp(name string, content []byte, info fs.FileInfo) (string, error)
	Rename(from, to string) error
	Remove(name string) error
}

type staged struct {
	target string // the file replaced (symbolic links resolved)
	tmp    string
	info   fs.FileInfo
	change Change
}

func writeFiles(fsys fileSystem, changes []Change) error {
	var done []*staged
	cleanup := func() {
		for _, s := range done {
			if s.tmp != "" {
				fsys.Remove(s.tmp)
			}
		}
	}
	for _, c := range changes {
		target, err := fsys.EvalSymlinks(c.Name)
		if err != nil {
			cleanup()
			return fmt.Errorf("%v; no file was fixed", err)
		}
		info, err := fsys.Stat(target)
		if err != nil {
			cleanup()
			return fmt.Errorf("%v; no file was fixed", err)
		}
		if !info.Mode().IsRegular() {
			cleanup()
			return fmt.Errorf("%s is not a regular file; no file was fixed", c.Name)
		}
		tmp, err := fsys.WriteTemp(target, c.New, info)
		if err != nil {
			cleanup()
			return fmt.Errorf("writing the fixed %s: %v; no file was fixed", c.Name, err)
		}
		done = append(done, &staged{target: target, tmp: tmp, info: info, change: c})
	}
	for _, s := range done {
		cur, err := fsys.ReadFile(s.target)
		if err != nil || !bytes.Equal(cur, s.change.Old) {
			cleanup()
			return fmt.Errorf("%s changed while it was being fixed; no file was fixed (run again)", s.change.Name)
		}
	}
	for i, s := range done {
		if err := fsys.Rename(s.tmp, s.target); err != nil {
			cleanup()
			return rollBack(fsys, done[:i], fmt.Errorf("replacing %s: %w", s.change.Name, err))
		}
		s.tmp = ""
	}
	return nil
}

// rollBack restores the old content of the files already replaced after
// cause stopped the renames.
func rollBack(fsys fileSystem, replaced []*staged, cause error) error {
	var failed []string
	for _, s := range replaced {
		tmp, err := fsys.WriteTemp(s.target, s.change.Old, s.info)
		if err == nil {
			if err = fsys.Rename(tmp, s.target); err != nil {
				fsys.Remove(tmp)
			}
		}
		if err != nil {
			failed = append(failed, s.change.Name)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%v; these files were fixed and could not be restored: %s; the others were not fixed", cause, strings.Join(failed, ", "))
	}
	return fmt.Errorf("%v; no file was fixed", cause)
}

type osFS struct{}

func (osFS) EvalSymlinks(name string) (string, error) { return filepath.EvalSymlinks(name) }
func (osFS) Stat(name string) (fs.FileInfo, error)    { return os.Stat(name) }
func (osFS) ReadFile(name string) ([]byte, error)     { return os.ReadFile(name) }
func (osFS) Rename(from, to string) error             { return os.Rename(from, to) }
func (osFS) Remove(name string) error                 { return os.Remove(name) }

func (osFS) WriteTemp(name string, content []byte, info fs.FileInfo) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".scratchvet-*")
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	_, err = f.Write(content)
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = f.Chmod(info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky))
	}
	if err == nil {
		err = keepOwner(f, info)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}
