// Package userlookup defines an Analyzer that reports os/user lookups in a
// binary whose target has no /etc/passwd and /etc/group.
//
// # Analyzer userlookup
//
// userlookup: os/user lookups without /etc/passwd
//
// The pure-Go os/user (CGO_ENABLED=0, or -tags osusergo) parses /etc/passwd
// and /etc/group; on a target without them (scratch, bare) user.Lookup,
// LookupId, LookupGroup and LookupGroupId fail with "open /etc/passwd: no
// such file or directory", and user.Current fails with "user: Current
// requires cgo or $USER set in environment" unless $USER and $HOME are set
// (Docker sets HOME but not USER). The cgo os/user of a static glibc or musl
// binary fails with "user: unknown userid 0" and has no $USER fallback.
//
// The check is whole-program and reports in package main: at the call, or
// at the import that links a dependency's call. A dynamically linked cgo
// build on a target without libc is dynlink's finding, not this one. A
// user.Current that its function reaches only where $HOME is unset (an if
// before it returns whenever os.Getenv("HOME") is not empty, as Google's
// and AWS's SDKs find a home directory) is not reported: container
// runtimes set HOME.
//
// Fix: where user.Current is used only for HomeDir, os.UserHomeDir; where
// it is used only for Uid, strconv.Itoa(os.Getuid()). Otherwise add
// /etc/passwd and /etc/group to the image.
package userlookup
