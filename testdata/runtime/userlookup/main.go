// Command userlookup looks up users and groups with os/user. The pure-Go
// implementation (CGO_ENABLED=0 or -tags osusergo) parses /etc/passwd and
// /etc/group; the cgo one asks libc. Without those files every lookup
// fails, and user.Current falls back to $USER only in the pure-Go
// implementation (the harness runs it without $USER, like `docker run`).
package main

import (
	"fmt"
	"os/user"

	"example.com/runtime/internal/report"
)

func main() {
	u, err := user.Current()
	report.Result("userlookup", "user.Current()", describe(u), err)
	u, err = user.Lookup("root")
	report.Result("userlookup", "user.Lookup(root)", describe(u), err)
	u, err = user.LookupId("0")
	report.Result("userlookup", "user.LookupId(0)", describe(u), err)
	g, err := user.LookupGroup("root")
	detail := ""
	if err == nil {
		detail = "gid=" + g.Gid
	}
	report.Result("userlookup", "user.LookupGroup(root)", detail, err)
	report.Done()
}

func describe(u *user.User) string {
	if u == nil {
		return ""
	}
	return fmt.Sprintf("uid=%s name=%s home=%s", u.Uid, u.Username, u.HomeDir)
}
