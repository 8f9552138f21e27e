package fixes

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// faultyFS fails the n-th call of one operation.
type faultyFS struct {
	osFS
	op    string // "WriteTemp" or "Rename"
	n     int    // fail the n-th call (1-based)
	calls int
}

var errInjected = errors.New("no space left on device (injected)")

func (f *faultyFS) fail(op string) bool {
	if op != f.op {
		return false
	}
	f.calls++
	return f.calls == f.n
}

func (f *faultyFS) WriteTemp(name string, content []byte, info fs.FileInfo) (string, error) {
	if f.fail("WriteTemp") {
		return "", errInjected
	}
	return f.osFS.WriteTemp(name, content, info)
}

func (f *faultyFS) Rename(from, to string) error {
	if f.fail("Rename") {
		return errInjected
	}
	return f.osFS.Rename(from, to)
}

// threeFiles writes three files and returns the changes that fix them.
func threeFiles(t *testing.T) (string, []Change) {
	dir := t.TempDir()
	var changes []Change
	for i, name := range []string{"a.go", "b.go", "c.go"} {
		p := filepath.Join(dir, name)
		old := []byte("package p // " + name + "\n")
		if err := os.WriteFile(p, old, 0o640); err != nil {
			t.Fatal(err)
		}
		changes = append(changes, Change{Name: p, Old: old, New: []byte(strings.Repeat("// fixed\n", i+1) + string(old))})
	}
	return dir, changes
}

// untouched asserts that every file has its old content and that no
// temporary file is left.
func untouched(t *testing.T, dir string, changes []Change) {
	t.Helper()
	for _, c := range changes {
		got, err := os.ReadFile(c.Name)
		if err != nil || string(got) != string(c.Old) {
			t.Errorf("%s: %q, %v; want the old content", filepath.Base(c.Name), got, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(changes) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files left in the directory: %v", names)
	}
}

func TestWriteFiles(t *testing.T) {
	dir, changes := threeFiles(t)
	link := filepath.Join(dir, "link.go")
	if err := os.Symlink("b.go", link); err != nil {
		t.Fatal(err)
	}
	changes[1].Name = link // fixing through a symbolic link fixes its target
	if err := WriteFiles(changes); err != nil {
		t.Fatal(err)
	}
	for i, c := range changes {
		got, _ := os.ReadFile(c.Name)
		if string(got) != string(c.New) {
			t.Errorf("file %d: %q, want %q", i, got, c.New)
		}
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the symbolic link was replaced: %v %v", fi.Mode(), err)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "a.go")); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", fi.Mode().Perm())
	}
}

// A failure at any step leaves every file as it was: writing the second
// temporary file (a full disk), renaming the second or the third file
// (the first ones are then restored).
func TestWriteFilesAllOrNothing(t *testing.T) {
	for _, c := range []struct {
		op string
		n  int
	}{{"WriteTemp", 1}, {"WriteTemp", 2}, {"WriteTemp", 3}, {"Rename", 1}, {"Rename", 2}, {"Rename", 3}} {
		t.Run(c.op+"#"+string(rune('0'+c.n)), func(t *testing.T) {
			dir, changes := threeFiles(t)
			err := writeFiles(&faultyFS{op: c.op, n: c.n}, changes)
			if err == nil || !strings.Contains(err.Error(), "injected") || !strings.Contains(err.Error(), "no file was fixed") {
				t.Errorf("error %v", err)
			}
			untouched(t, dir, changes)
		})
	}
}

// A file changed after Apply read it is not replaced.
func TestWriteFilesChangedMeanwhile(t *testing.T) {
	dir, changes := threeFiles(t)
	changes[2].Old = []byte("package p // what was analysed\n")
	err := WriteFiles(changes)
	if err == nil || !strings.Contains(err.Error(), "changed while it was being fixed") {
		t.Errorf("error %v", err)
	}
	changes[2].Old, _ = os.ReadFile(changes[2].Name)
	untouched(t, dir, changes)
}
