// Package orm is a third-party package linking the stub.
package orm

import sqlite3 "github.com/mattn/go-sqlite3"

func Connect() error { return sqlite3.Open("app.db") }
