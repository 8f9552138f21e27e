// A command using the driver through database/sql, as the go-sqlite3
// incidents did.
package main

import (
	"database/sql"
	"log"

	_ "github.com/acme/sqlite114" // want `^github.com/acme/sqlite114 is a stub when built with CGO_ENABLED=0 and fails at run time: "Binary was compiled with 'CGO_ENABLED=0', go-sqlite3\.\.\."$`
)

func main() {
	db, err := sql.Open("sqlite3", "app.db")
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(db.Ping())
}
