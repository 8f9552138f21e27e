// A command using the driver through database/sql, as the go-sqlite3
// incidents did.
package main

import (
	"database/sql"
	"log"

	_ "github.com/acme/sqlite114" // want `importing "github.com/acme/sqlite114", whose CGO_ENABLED=0 build is a stub that fails at run time on every target \(here scratch\): "Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub" \(github.com/acme/sqlite114 at sqlite114/static_mock.go:13:27\)`
)

func main() {
	db, err := sql.Open("sqlite3", "app.db")
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(db.Ping())
}
