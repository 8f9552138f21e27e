//go:build !cgo

package sqlite3

import "errors"

var errorMsg = errors.New("Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub")

func Open(name string) error { return errorMsg }
