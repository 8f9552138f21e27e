// Package viaiface reaches its lookup only through an interface.
package viaiface

import "os/user"

type Namer interface{ Name() (string, error) }

type owner struct{ uid string }

func (o owner) Name() (string, error) {
	u, err := user.LookupId(o.uid)
	if err != nil {
		return "", err
	}
	return u.Username, nil
}

func New(uid string) Namer { return owner{uid} }
