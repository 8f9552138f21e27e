// Resolver goes into a registry of plugins as an interface value; nothing
// in the program calls Resolve by name: the finding says it may be
// unreachable.
package main

import (
	"fmt"

	"lib/viamethodset" // want `^user.LookupId in lib/viamethodset fails on scratch: .* \(may be unreachable: via a method\)$`
)

var registry []any

func register(p any) { registry = append(registry, p) }

func main() {
	register(viamethodset.Resolver{UID: "0"})
	fmt.Println(len(registry))
}
