// Package db is the developer's own: the finding is at its import.
package db

import sqlite3 "github.com/mattn/go-sqlite3" // want `^github.com/mattn/go-sqlite3 is a stub when built with CGO_ENABLED=0`

func Open() error { return sqlite3.Open("app.db") }
