package main

import (
	"fmt"
	"os"

	"lib/viafunc" // want `^user.LookupGroupId in lib/viafunc fails on scratch: .* \(may be unreachable: via a table\)$`
)

var resolvers = map[string]func(string) (string, error){
	"plain": viafunc.Plain,
	"group": viafunc.Group,
}

func main() {
	fmt.Println(resolvers[os.Args[1]](os.Args[2]))
}
