// Package cgodb wraps a C library, like mattn/go-sqlite3.
package cgodb

// int open_db(void) { return 0; }
import "C"

func Open() int { return int(C.open_db()) }
