// Package viainit looks the user up when it is initialised.
package viainit

import "os/user"

var Name string

func init() {
	u, err := user.Current()
	if err != nil {
		panic(err)
	}
	Name = u.Username
}
