// Package zones links calls that need the target's files (a zone from the
// database, a user lookup, a program), but only its functions that do not
// are reached by the reachdep command: linked is not reached.
package zones

import (
	"os/exec"
	"os/user"
	"time"
)

// UTC needs nothing from the target.
func UTC() (*time.Location, error) { return time.LoadLocation("UTC") }

// NewYork needs the zoneinfo database; reachdep never calls it.
func NewYork() (*time.Location, error) { return time.LoadLocation("America/New_York") }

// Owner needs /etc/passwd; only an unexported method that nothing selects
// calls it.
type Owner struct{ uid string }

func (o Owner) lookup() (string, error) {
	u, err := user.LookupId(o.uid)
	if err != nil {
		return "", err
	}
	return u.Username, nil
}

// version needs git; only a function nothing calls calls it.
func version() (string, error) {
	out, err := exec.Command("git", "--version").Output()
	return string(out), err
}

func unused() { _, _ = version() }
