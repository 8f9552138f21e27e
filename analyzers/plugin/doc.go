// Package plugin defines an Analyzer that reports plugin.Open in binaries
// that cannot load plugins.
//
// # Analyzer plugin
//
// plugin: plugin.Open without cgo or in a static binary
//
// plugin needs cgo and a dynamically linked binary. Built with
// CGO_ENABLED=0 (with or without -buildmode=pie) the program compiles and
// plugin.Open always returns "plugin: not implemented". A static binary
// cannot load plugins either: static glibc fails with "libc.so.6: cannot
// open shared object file: No such file or directory", static musl with
// "Dynamic loading not supported". This holds on every target.
//
// The check is whole-program and reports in package main, at plugin.Open or
// at the import that links a dependency's call. A dynamic cgo build is
// judged by dynlink (it needs the libc in the image).
//
// Fix: build with CGO_ENABLED=1, link dynamically, and ship the libc the
// binary was built against (distroless-base, alpine for musl); or replace
// plugins with another extension mechanism (subprocesses, RPC, WebAssembly).
package plugin
