//go:build !cgo

// Package fallback has a working pure-Go !cgo variant: not a stub.
package fallback

func Hostname() string { return "localhost" }
