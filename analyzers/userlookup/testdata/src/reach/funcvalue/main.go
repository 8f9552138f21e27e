package main

import (
	"fmt"
	"os"

	"lib/viafunc" // want `this import links lib/viafunc at viafunc/viafunc.go:\d+:\d+, which calls user.LookupGroupId\(\.\.\.\) \(reach/funcvalue → lib/viafunc\): target scratch has no /etc/passwd`
)

var resolvers = map[string]func(string) (string, error){
	"plain": viafunc.Plain,
	"group": viafunc.Group,
}

func main() {
	fmt.Println(resolvers[os.Args[1]](os.Args[2]))
}
