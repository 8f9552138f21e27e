// Package textpos locates token positions in the text of their files, as
// stored: the line a byte is on and the offsets of line starts, whatever
// the //line directives of the file say.
//
// go/token's File.Line, File.Position and FileSet.Position apply //line
// directives: a directive may name any line of any file, so a line number
// they return can lie on another line of the text, or past its end
// (File.LineStart then panics). An edit, or any test on the text around a
// position, must use this package instead.
package textpos

import "go/token"

// Position returns the position of pos in the text of its file: the
// file's own name, line and column.
func Position(fset *token.FileSet, pos token.Pos) token.Position {
	return fset.PositionFor(pos, false)
}

// Line returns the line of the file's text that pos is on (1-based).
func Line(tf *token.File, pos token.Pos) int {
	return tf.PositionFor(pos, false).Line
}

// LineStart returns the position of the first byte of pos's line.
func LineStart(tf *token.File, pos token.Pos) token.Pos {
	return tf.LineStart(Line(tf, pos))
}

// NextLineStart returns the position of the first byte of the line after
// pos's line, or the end of the file when pos is on the last line.
func NextLineStart(tf *token.File, pos token.Pos) token.Pos {
	if l := Line(tf, pos); l < tf.LineCount() {
		return tf.LineStart(l + 1)
	}
	return End(tf)
}

// End returns the position just after the last byte of the file.
func End(tf *token.File) token.Pos {
	return token.Pos(tf.Base() + tf.Size())
}

// SameLine reports whether a and b lie on one line of the text.
func SameLine(tf *token.File, a, b token.Pos) bool {
	return Line(tf, a) == Line(tf, b)
}
