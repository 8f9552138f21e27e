package main

import (
	"fmt"
	"log"
	"os/user"
)

func main() {
	fmt.Println(user.Lookup("nobody"))     // want `user.Lookup\(\.\.\.\): target scratch has no /etc/passwd or /etc/group, so the pure-Go os/user \(CGO_ENABLED=0 or -tags osusergo\) fails with "open /etc/passwd: no such file or directory"`
	fmt.Println(user.LookupGroup("staff")) // want `user.LookupGroup\(\.\.\.\): target scratch`
	u, err := user.Current()               // want `user.Current\(\.\.\.\): target scratch has no /etc/passwd, and the pure-Go os/user`
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.Username, u.Uid) // two fields: no mechanical fix
}
