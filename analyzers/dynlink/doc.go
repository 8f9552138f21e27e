// Package dynlink defines an Analyzer that reports binaries that will not
// start on their target because they need a dynamic loader or libc that the
// target does not have.
//
// # Analyzer dynlink
//
// dynlink: binary needs a loader or libc the target lacks
//
// A Go binary has an ELF interpreter (and so needs a dynamic loader, and
// usually libc.so) when cgo is on and any linked package calls C: net
// without the netgo tag, os/user without osusergo, plugin, or any package
// with import "C". It also has one when built with -buildmode=pie, even with
// CGO_ENABLED=0. On a target without that loader (scratch, bare,
// distroless-static; alpine for a glibc-linked binary) the kernel cannot
// start it: Docker reports "exec /app: no such file or directory", chroot
// "No such file or directory", exit 127.
//
// The check reports in package main, once per package that calls C, at the
// import through which it is linked, with the chain of imports. The build
// configuration comes from what the analysed standard library was compiled
// with (under go vet and the standalone checker, -tags and CGO_ENABLED are
// those of the go command); link mode, build mode and libc, which the source
// cannot show, come from -ldflags / -buildmode / CC in the flags, GOFLAGS or
// the [build] table of scratchvet.toml. Static links
// (-ldflags '-linkmode external -extldflags "-static"') need nothing.
//
// Fix: build with CGO_ENABLED=0, or -tags netgo,osusergo when only net and
// os/user call C; link statically; or choose a target with the libc
// (distroless-base, alpine for musl builds).
package dynlink
