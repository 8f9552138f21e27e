//go:build cgo

// Package sqlite3 stands in for github.com/mattn/go-sqlite3.
package sqlite3

// static int sqlite3_ok(void) { return 0; }
import "C"

func Open(name string) error {
	C.sqlite3_ok()
	return nil
}
