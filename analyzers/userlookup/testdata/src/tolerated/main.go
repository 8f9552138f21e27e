// Lookups whose failure the program absorbs (a default kept, no error
// returned, no exit) are not failures; those whose failure it hands on
// or that it reads without looking at the error are.
package main

import (
	"errors"
	"fmt"
	"log"
	"os/user"
)

func nameOrDefault() string {
	name := "unknown"
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	return name
}

func defaultOnError() string {
	u, err := user.Lookup("app")
	if err != nil {
		log.Printf("no user app: %v", err)
		return "nobody"
	}
	return u.Uid
}

func fallbackAssigned() string {
	g, err := user.LookupGroup("staff")
	if err != nil {
		g = &user.Group{Gid: "50"}
	}
	return g.Gid
}

func nilErrorReturned() (string, error) {
	u, err := user.LookupId("1000")
	if err != nil {
		return "", nil
	}
	return u.Username, nil
}

// mailpit's sendmail: the error is the first operand of a longer condition.
func successAndMore() string {
	name := "nobody"
	u, err := user.Current()
	if err == nil && u != nil && len(u.Username) > 0 {
		name = u.Username
	}
	return name
}

func failureOrEmpty() string {
	u, err := user.Lookup("app")
	if err != nil || u.Uid == "" {
		return "0"
	}
	return u.Uid
}

// Not tolerated.

// The failure can reach the body: u is nil there.
func successOrVerbose(verbose bool) string {
	u, err := user.Current() // want `^user.Current fails on scratch`
	if err == nil || verbose {
		return u.Username
	}
	return "nobody"
}

// Only some failures take the body; the others read a nil u.
func failureAndStrict(strict bool) string {
	u, err := user.Lookup("app") // want `^user.Lookup fails on scratch`
	if err != nil && strict {
		return "0"
	}
	return u.Uid
}

// The first operand reads u before the error is looked at.
func resultFirst() string {
	u, err := user.Current() // want `^user.Current fails on scratch`
	if u.Username != "" && err == nil {
		return u.Username
	}
	return "nobody"
}

func handedOn() (string, error) {
	u, err := user.Current() // want `^user.Current fails on scratch`
	if err != nil {
		return "", fmt.Errorf("current user: %w", err)
	}
	return u.Username, nil
}

func newError() (string, error) {
	u, err := user.Lookup("app") // want `^user.Lookup fails on scratch`
	if err != nil {
		return "", errors.New("no user app")
	}
	return u.Uid, nil
}

func fatal() string {
	u, err := user.LookupId("0") // want `^user.LookupId fails on scratch`
	if err != nil {
		log.Fatalf("lookup: %v", err)
	}
	return u.Username
}

func readAfterLogging() string {
	u, err := user.LookupId("0") // want `^user.LookupId fails on scratch`
	if err != nil {
		log.Print(err)
	}
	return u.Username // nil on failure: panics
}

func nilUserHandedUp() *user.User {
	u, err := user.LookupId("0") // want `^user.LookupId fails on scratch`
	if err != nil {
		return nil
	}
	return u
}

func ignored() string {
	u, _ := user.Current() // want `^user.Current fails on scratch`
	return u.Username
}

func main() {
	fmt.Println(nameOrDefault(), defaultOnError(), fallbackAssigned(), fatal(), readAfterLogging(), nilUserHandedUp(), ignored())
	fmt.Println(nilErrorReturned())
	fmt.Println(successAndMore(), failureOrEmpty(), successOrVerbose(false), failureAndStrict(true), resultFirst())
	fmt.Println(handedOn())
	fmt.Println(newError())
}
