package fixes

import (
	"strings"
	"testing"
)

func TestConflicts(t *testing.T) {
	taken := []edit{{10, 20, "x"}, {30, 30, "ins"}}
	for _, c := range []struct {
		e    edit
		want bool
	}{
		{edit{10, 20, "x"}, false},     // identical: applied once
		{edit{15, 25, "y"}, true},      // overlaps a replacement
		{edit{20, 20, "after"}, false}, // insertion at the end of a replacement
		{edit{30, 30, "other"}, false}, // two insertions at one place: both apply
		{edit{30, 35, "z"}, true},      // replaces text where another inserts
		{edit{40, 45, ""}, false},
	} {
		if got := conflicts(taken, []edit{c.e}); got != c.want {
			t.Errorf("conflicts(%v) = %v, want %v", c.e, got, c.want)
		}
	}
}

func TestApplyOrder(t *testing.T) {
	src := []byte("import (\n\t\"fmt\"\n)\n")
	at := strings.Index(string(src), ")")
	out := apply(src, []edit{{at, at, "\t_ \"time/tzdata\"\n"}, {at, at, "\t_ \"b\"\n"}, {at, at, "\t_ \"time/tzdata\"\n"}})
	want := "import (\n\t\"fmt\"\n\t_ \"time/tzdata\"\n\t_ \"b\"\n)\n"
	if string(out) != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
