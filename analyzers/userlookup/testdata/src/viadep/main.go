package main

import (
	"fmt"

	"lib/owner" // want `this import links lib/owner at owner/owner.go:7:12, which calls user.LookupId\(\.\.\.\) \(viadep → lib/owner\): target scratch has no /etc/passwd or /etc/group`
)

func main() { fmt.Println(owner.Name("0")) }
