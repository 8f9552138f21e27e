// Home directories found from $HOME first: user.Current is reached only
// where HOME is unset, and container runtimes always set it.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/user"

	"lib/env"
)

// As golang.org/x/oauth2/google and cloud.google.com/go/auth do.
func guessUnixHomeDir() string {
	// Prefer $HOME over user.Current due to glibc bug: golang.org/issue/13470
	if v := os.Getenv("HOME"); v != "" {
		return v
	}
	// Else, fall back to user.Current:
	if u, err := user.Current(); err == nil {
		return u.HomeDir
	}
	return ""
}

// As the AWS SDK does.
func userHomeDir() string {
	home, _ := os.UserHomeDir()
	if len(home) > 0 {
		return home
	}
	currUser, _ := user.Current()
	if currUser != nil {
		home = currUser.HomeDir
	}
	return home
}

func fromError() (string, error) {
	home, err := os.UserHomeDir()
	if err == nil {
		return home, nil
	}
	u, err := user.Current()
	if err != nil {
		return "", err
	}
	return u.HomeDir, nil
}

func lookupEnv() string {
	var h, ok = os.LookupEnv("HOME")
	if ok {
		return h
	}
	u, _ := user.Current()
	return u.Name
}

// Not guards: the lookup runs where HOME is set.

func homeRequired() (string, error) {
	home := os.Getenv("HOME")
	if home == "" {
		return "", errors.New("HOME is not set")
	}
	u, err := user.Current() // want `^user.Current fails on scratch`
	if err != nil {
		return "", err
	}
	return u.Username + home, nil
}

func otherVariable() string {
	if v := os.Getenv("XDG_CONFIG_HOME"); v != "" {
		return v
	}
	u, _ := user.Current() // want `^user.Current fails on scratch`
	return u.Username
}

func noReturn() string {
	dir := ""
	if v := os.Getenv("HOME"); v != "" {
		dir = v
	}
	u, _ := user.Current() // want `^user.Current fails on scratch`
	return dir + u.Username
}

func bothConditions(override bool) string {
	if v := os.Getenv("HOME"); v != "" && override {
		return v
	}
	u, _ := user.Current() // want `^user.Current fails on scratch`
	return u.Username
}

func guardInClosure() func() string {
	if v := os.Getenv("HOME"); v != "" {
		return func() string { return v }
	}
	return func() string {
		u, _ := user.Current() // want `^user.Current fails on scratch`
		return u.Username
	}
}

func beforeGuard() string {
	u, _ := user.Current() // want `^user.Current fails on scratch`
	if v := os.Getenv("HOME"); v != "" {
		return v
	}
	return u.Username
}

// Any lookup after the guard runs only where HOME is unset, which no
// container runtime does: not reported either.
func lookupAfterGuard() string {
	if v := os.Getenv("HOME"); v != "" {
		return v
	}
	u, _ := user.Lookup("root")
	return u.Username
}

// $HOME read through a wrapper of os.Getenv, by a local variable's name
// (dd-trace-go's getHomeDir): the lookup runs only where HOME is unset.
func throughWrapper() string {
	homeEnv := "HOME"
	if home := getEnv(homeEnv); home != "" {
		return home
	}
	u, _ := user.Current()
	return u.HomeDir
}

func getEnv(name string) string { return os.Getenv(name) }

// ... or through a package named env.
func throughEnvPackage() string {
	if home := env.Get("HOME"); home != "" {
		return home
	}
	u, _ := user.Current()
	return u.HomeDir
}

func main() {
	fmt.Println(guessUnixHomeDir(), userHomeDir(), lookupEnv(), otherVariable(), noReturn(), bothConditions(true), guardInClosure()(), beforeGuard(), lookupAfterGuard(), throughWrapper(), throughEnvPackage())
	fmt.Println(fromError())
	fmt.Println(homeRequired())
}
