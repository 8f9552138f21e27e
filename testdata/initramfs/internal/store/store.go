// Package store keeps state in SQLite through a cgo wrapper.
package store

import "example.com/initramfs/third_party/sqlite"

func Open() error { return sqlite.Open("/var/lib/agent.db") }
