// Copyright (C) 2019 The Authors.

// +build !cgo

package sqlite114

import (
	"database/sql"
	"database/sql/driver"
	"errors"
)

var errorMsg = errors.New("Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub")

func init() { sql.Register("sqlite3", &SQLiteDriver{}) }

type SQLiteDriver struct{}

func (SQLiteDriver) Open(string) (driver.Conn, error) { return nil, errorMsg }
