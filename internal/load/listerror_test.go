package load

import "testing"

// go list says "import cycle not allowed" and names the packages only in
// ImportStack; the message scratchvet prints names them (issue 14 item 8).
func TestImportCycleNamesPackages(t *testing.T) {
	e := &listError{Err: "import cycle not allowed", ImportStack: []string{"cyc/a", "cyc/b", "cyc/a"}}
	if got, want := e.text(), "import cycle not allowed: cyc/a → cyc/b → cyc/a"; got != want {
		t.Errorf("text() = %q, want %q", got, want)
	}
	other := &listError{Pos: "x.go:1:2", Err: "no required module provides package q", ImportStack: []string{"a", "q"}}
	if got, want := other.text(), "x.go:1:2: no required module provides package q"; got != want {
		t.Errorf("text() = %q, want %q", got, want)
	}
}
