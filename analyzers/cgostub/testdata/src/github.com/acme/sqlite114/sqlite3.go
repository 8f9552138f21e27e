// Copyright (C) 2019 The Authors.

// +build cgo

// Package sqlite114 stands in for github.com/mattn/go-sqlite3 v1.14.10 to
// v1.14.19, which mark their files with "// +build" lines only.
package sqlite114

// static int sqlite3_ok(void) { return 0; }
import "C"

import (
	"database/sql"
	"database/sql/driver"
	"errors"
)

func init() { sql.Register("sqlite3", &SQLiteDriver{}) }

type SQLiteDriver struct{}

func (SQLiteDriver) Open(string) (driver.Conn, error) {
	C.sqlite3_ok()
	return nil, errors.New("not in this fixture")
}
