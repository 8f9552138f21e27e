package main

import (
	"fmt"

	sqlite3 "github.com/mattn/go-sqlite3" // want `^github.com/mattn/go-sqlite3 is a stub when built with CGO_ENABLED=0 and fails at run time: "Binary was compiled with 'CGO_ENABLED=0', go-sqlite3\.\.\."$`
)

func main() { fmt.Println(sqlite3.Open("app.db")) }
