//go:build !cgo

package sqlitestub

import "errors"

// Open fails: the C implementation is not compiled in. The message is
// go-sqlite3's.
func Open(name string) error {
	return errors.New("Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub")
}
