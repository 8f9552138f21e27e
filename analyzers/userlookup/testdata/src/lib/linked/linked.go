// Package linked has a user lookup that its importers may never call.
package linked

import "os/user"

func Owner() (string, error) {
	u, err := user.LookupId("0")
	if err != nil {
		return "", err
	}
	return u.Username, nil
}

func Greeting() string { return "hello" }
