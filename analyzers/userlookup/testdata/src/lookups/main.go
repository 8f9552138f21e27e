package main

import (
	"fmt"
	"log"
	"os/user"
)

func main() {
	fmt.Println(user.Lookup("nobody"))     // want `^user.Lookup fails on scratch: "open /etc/passwd: no such file or directory" \(no /etc/passwd\)$`
	fmt.Println(user.LookupGroup("staff")) // want `^user.LookupGroup fails on scratch: "open /etc/group: no such file or directory" \(no /etc/group\)$`
	u, err := user.Current()               // want `^user.Current fails on scratch: "user: Current requires cgo or \$USER set in environment" \(no /etc/passwd; \$USER unset\)$`
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.Username, u.Uid) // two fields: no mechanical fix
}
