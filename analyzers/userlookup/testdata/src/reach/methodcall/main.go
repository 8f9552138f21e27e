// The same lookup called by name: a plain claim.
package main

import (
	"fmt"

	"lib/viamethodset" // want `^user.LookupId in lib/viamethodset fails on scratch: "[^"]*" \([^()]*\)$`
)

func main() {
	r := viamethodset.Resolver{UID: "0"}
	fmt.Println(r.Resolve())
}
