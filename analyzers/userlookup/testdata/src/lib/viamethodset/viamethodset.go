// Package viamethodset's lookup is in a method: a program that uses the
// type but never calls Resolve by name reaches it only conservatively
// (through an interface or reflection, if at all).
package viamethodset

import "os/user"

type Resolver struct{ UID string }

func (r Resolver) Resolve() (string, error) {
	u, err := user.LookupId(r.UID)
	if err != nil {
		return "", err
	}
	return u.Username, nil
}
