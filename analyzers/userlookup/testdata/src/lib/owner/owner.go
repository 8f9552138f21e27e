// Package owner is a library: never reported itself.
package owner

import "os/user"

func Name(uid string) (string, error) {
	u, err := user.LookupId(uid)
	if err != nil {
		return "", err
	}
	return u.Username, nil
}
