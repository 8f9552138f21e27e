//go:build !netgo

package dep

// F does nothing outside the netgo build.
func F() error { return nil }
