// Package cgostub defines an Analyzer that reports imports of packages
// whose CGO_ENABLED=0 build is a stub that fails at run time.
//
// # Analyzer cgostub
//
// cgostub: a dependency compiled as its !cgo stub
//
// Some packages that wrap C libraries ship a file with a //go:build !cgo
// constraint so that a CGO_ENABLED=0 build still compiles; its functions
// only return an error or panic. github.com/mattn/go-sqlite3 is the best
// known: every connection fails with "Binary was compiled with
// 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub". The
// build succeeds, so the failure shows only at run time, on every target.
//
// scratchvet recognises a stub by its build constraint (true only without
// cgo: a //go:build line or, in files that have none, "// +build" lines,
// read as go/build reads them; go-sqlite3 up to v1.14.19 has only the
// latter) and a message about cgo in the file; a !cgo file without such a
// message is a working fallback and is not reported. The finding is placed
// at the import in the developer's code: at a direct import of the stub
// package, or at the import of the third-party package that links it.
//
// Fix: build with CGO_ENABLED=1 (and, for scratch or distroless-static,
// link statically: -ldflags '-linkmode external -extldflags "-static"'), or
// use a pure-Go alternative (for SQLite, modernc.org/sqlite).
package cgostub
