package lsp

import (
	"bytes"

	"github.com/scratchvet/scratchvet/lsp/protocol"
)

// Diagnostics of a package whose files do not parse are those of its last
// check, moved to the current text: a diagnostic stays, moved up or down
// with its lines, when every line it spans is unchanged between the text
// it was computed on and the current text (by a line diff of the two), and
// is dropped otherwise. The move depends only on the two texts, never on
// the edits between them (docs/editors.md, "Code that does not parse").

// lineMap maps the lines of old to the lines of new: out[i] is the line of
// new equal to old's line i in a shortest line diff of the two, or -1 when
// the line was changed or deleted. Lines are compared with their line
// terminators.
func lineMap(old, new []byte) []int {
	a, b := splitLines(old), splitLines(new)
	out := make([]int, len(a))
	for i := range out {
		out[i] = -1
	}
	// The common prefix and suffix, then a diff of what is between.
	p := 0
	for p < len(a) && p < len(b) && bytes.Equal(a[p], b[p]) {
		out[p] = p
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && bytes.Equal(a[len(a)-1-s], b[len(b)-1-s]) {
		out[len(a)-1-s] = len(b) - 1 - s
		s++
	}
	for _, m := range myers(a[p:len(a)-s], b[p:len(b)-s], maxDiffEdits) {
		out[p+m[0]] = p + m[1]
	}
	return out
}

// maxDiffEdits bounds the work of a line diff (lines inserted plus lines
// deleted; its memory grows with the square): beyond it the changed region
// is taken as changed as a whole.
const maxDiffEdits = 1000

// myers returns the pairs of equal lines (i in a, j in b) of a shortest
// edit script from a to b (E. Myers, "An O(ND) difference algorithm",
// 1986), or none if that needs more than maxD edits.
func myers(a, b [][]byte, maxD int) [][2]int {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return nil
	}
	dmax := min(n+m, maxD)
	off := dmax + 1
	v := make([]int32, 2*dmax+3) // v[off+k]: the furthest x on diagonal k
	// trace[d] holds v[off-d-1 .. off+d+1] as step d found it: all that
	// the walk back reads at that step.
	var trace [][]int32
	for d := 0; d <= dmax; d++ {
		trace = append(trace, append([]int32(nil), v[off-d-1:off+d+2]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = int(v[off+k+1]) // down: an insertion
			} else {
				x = int(v[off+k-1]) + 1 // right: a deletion
			}
			y := x - k
			for x < n && y < m && bytes.Equal(a[x], b[y]) {
				x, y = x+1, y+1
			}
			v[off+k] = int32(x)
			if x >= n && y >= m {
				return backtrack(trace, n, m, d)
			}
		}
	}
	return nil
}

// backtrack walks the trace of myers back from (n, m) and returns the
// equal lines it passes, in order.
func backtrack(trace [][]int32, n, m, d int) [][2]int {
	var pairs [][2]int
	x, y := n, m
	for ; d >= 0; d-- {
		at := func(k int) int { return int(trace[d][k+d+1]) }
		k := x - y
		prevK := k - 1
		if k == -d || k != d && at(k-1) < at(k+1) {
			prevK = k + 1
		}
		prevX := 0
		if d > 0 {
			prevX = at(prevK)
		}
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x, y = x-1, y-1
			pairs = append(pairs, [2]int{x, y})
		}
		x, y = prevX, prevY
	}
	for i, j := 0, len(pairs)-1; i < j; i, j = i+1, j-1 {
		pairs[i], pairs[j] = pairs[j], pairs[i]
	}
	return pairs
}

// splitLines splits text after each "\n" (a last line without one is a
// line too).
func splitLines(text []byte) [][]byte {
	var lines [][]byte
	for len(text) > 0 {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			lines = append(lines, text)
			break
		}
		lines = append(lines, text[:i+1])
		text = text[i+1:]
	}
	return lines
}

// moveRange moves a range of old to new through lines (from lineMap): the
// lines it spans must all be unchanged and stay together. Columns do not
// change (the lines are the same).
func moveRange(lines []int, r protocol.Range) (protocol.Range, bool) {
	start, end := int(r.Start.Line), int(r.End.Line)
	if end < start || start >= len(lines) {
		return r, false
	}
	if end >= len(lines) {
		// The end of a text without a final newline: only an empty range
		// at the very end, which a lone last line carries.
		return r, false
	}
	to := lines[start]
	for l := start; l <= end; l++ {
		if lines[l] < 0 || lines[l] != to+l-start {
			return r, false
		}
	}
	shift := uint32(to - start)
	r.Start.Line += shift
	r.End.Line += shift
	return r, true
}
