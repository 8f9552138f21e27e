package main

import (
	"fmt"

	"github.com/acme/orm" // want `^github.com/mattn/go-sqlite3 is a stub when built with CGO_ENABLED=0 and fails at run time`
)

func main() { fmt.Println(orm.Connect()) }
