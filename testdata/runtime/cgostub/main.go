// Command cgostub uses a package in the style of mattn/go-sqlite3: cgo code
// plus a `//go:build !cgo` stub whose functions only return an error. With
// CGO_ENABLED=0 it compiles and fails at run time.
package main

import (
	"example.com/runtime/internal/report"
	"example.com/runtime/internal/sqlitestub"
)

func main() {
	err := sqlitestub.Open(":memory:")
	report.Result("cgostub", "sqlitestub.Open(:memory:)", "opened", err)
	report.Done()
}
