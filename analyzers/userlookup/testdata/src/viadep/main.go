package main

import (
	"fmt"

	"lib/owner" // want `^user.LookupId in lib/owner fails on scratch: "open /etc/passwd: no such file or directory" \(no /etc/passwd\)$`
)

func main() { fmt.Println(owner.Name("0")) }
