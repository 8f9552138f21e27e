// Reached through the developer's own package: reported there, not twice.
package main

import (
	"fmt"

	"app/db"
)

func main() { fmt.Println(db.Open()) }
