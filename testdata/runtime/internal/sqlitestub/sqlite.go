//go:build cgo

// Package sqlitestub imitates mattn/go-sqlite3's split between a cgo
// implementation and a !cgo stub that builds but fails at run time.
package sqlitestub

/*
#include <stdlib.h>

static int fake_open(const char *name) { return name == 0; }
*/
import "C"

import (
	"errors"
	"unsafe"
)

// Open opens a database through C.
func Open(name string) error {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	if C.fake_open(cname) != 0 {
		return errors.New("sqlitestub: open failed")
	}
	return nil
}
