package lsp

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/scratchvet/scratchvet/lsp/protocol"
)

func TestLineMap(t *testing.T) {
	for _, tc := range []struct {
		old, new string
		want     string // lineMap(old, new)
	}{
		{"a\nb\nc\n", "a\nb\nc\n", "[0 1 2]"},
		{"a\nb\nc\n", "x\ny\na\nb\nc\n", "[2 3 4]"},             // lines inserted above
		{"a\nb\nc\n", "a\nX\nc\n", "[0 -1 2]"},                  // one line changed
		{"a\nb\nc\nd\ne\n", "a\nX\nc\nd\nY\n", "[0 -1 2 3 -1]"}, // two regions: the lines between stay
		{"a\nb\nc\n", "c\n", "[-1 -1 0]"},
		{"a\nb\n", "a\r\nb\n", "[-1 1]"}, // line terminators count
		{"a\nb", "a\nb\n", "[0 -1]"},
		{"", "a\n", "[]"},
	} {
		if got := fmt.Sprint(lineMap([]byte(tc.old), []byte(tc.new))); got != tc.want {
			t.Errorf("lineMap(%q, %q) = %s, want %s", tc.old, tc.new, got, tc.want)
		}
	}
}

// TestLineMapRandom: on random texts the diff keeps as many lines as a
// longest common subsequence, maps equal lines to equal lines, in order.
func TestLineMapRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for iter := 0; iter < 2000; iter++ {
		gen := func() []string {
			n := rng.Intn(12)
			out := make([]string, n)
			for i := range out {
				out[i] = string(rune('a'+rng.Intn(4))) + "\n"
			}
			return out
		}
		a, b := gen(), gen()
		m := lineMap([]byte(strings.Join(a, "")), []byte(strings.Join(b, "")))
		kept, last := 0, -1
		for i, j := range m {
			if j < 0 {
				continue
			}
			if a[i] != b[j] || j <= last {
				t.Fatalf("lineMap(%q, %q) = %v: line %d maps to %d", a, b, m, i, j)
			}
			last = j
			kept++
		}
		if want := lcs(a, b); kept != want {
			t.Fatalf("lineMap(%q, %q) = %v keeps %d lines, an LCS has %d", a, b, m, kept, want)
		}
	}
}

func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

func TestMoveRange(t *testing.T) {
	rng := func(l1, c1, l2, c2 uint32) protocol.Range {
		return protocol.Range{Start: protocol.Position{Line: l1, Character: c1}, End: protocol.Position{Line: l2, Character: c2}}
	}
	lines := lineMap([]byte("a\nb\nc\nd\n"), []byte("x\na\nb\nC\nd\n"))
	for _, tc := range []struct {
		r    protocol.Range
		want string
	}{
		{rng(0, 1, 0, 2), "{{1 1} {1 2}} true"},
		{rng(0, 0, 1, 1), "{{1 0} {2 1}} true"}, // two lines, both kept together
		{rng(1, 0, 2, 1), "false"},              // spans the changed line
		{rng(2, 0, 2, 1), "false"},
		{rng(3, 0, 3, 1), "{{4 0} {4 1}} true"},
		{rng(9, 0, 9, 0), "false"},
	} {
		r, ok := moveRange(lines, tc.r)
		got := fmt.Sprint(ok)
		if ok {
			got = fmt.Sprint(r, " ", ok)
		}
		if got != tc.want {
			t.Errorf("moveRange(%v) = %s, want %s", tc.r, got, tc.want)
		}
	}
}
