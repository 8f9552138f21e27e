// Package db is the developer's own: the finding is at its import.
package db

import sqlite3 "github.com/mattn/go-sqlite3" // want `importing "github.com/mattn/go-sqlite3", whose CGO_ENABLED=0 build is a stub`

func Open() error { return sqlite3.Open("app.db") }
