package main

import (
	"fmt"

	"github.com/acme/orm" // want `importing "github.com/acme/orm" links github.com/mattn/go-sqlite3 \(app/cmd/viathird → github.com/acme/orm → github.com/mattn/go-sqlite3\), whose CGO_ENABLED=0 build is a stub`
)

func main() { fmt.Println(orm.Connect()) }
