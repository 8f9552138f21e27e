//go:build !cgo

package sqlite

import "errors"

func Open(name string) error {
	return errors.New("Binary was compiled with 'CGO_ENABLED=0', sqlite requires cgo to work. This is a stub")
}
