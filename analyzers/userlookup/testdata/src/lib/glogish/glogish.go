// Package glogish finds the user name as github.com/golang/glog does:
// in init, keeping a default when the lookup fails.
package glogish

import (
	"os/user"
	"strings"
)

var userName = "unknownuser"

func init() {
	current, err := user.Current()
	if err == nil {
		userName = current.Username
	}
	userName = strings.ReplaceAll(userName, `\`, "_")
}

func User() string { return userName }
