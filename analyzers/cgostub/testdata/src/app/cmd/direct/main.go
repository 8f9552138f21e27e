package main

import (
	"fmt"

	sqlite3 "github.com/mattn/go-sqlite3" // want `importing "github.com/mattn/go-sqlite3", whose CGO_ENABLED=0 build is a stub that fails at run time on every target \(here scratch\): "Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub"`
)

func main() { fmt.Println(sqlite3.Open("app.db")) }
