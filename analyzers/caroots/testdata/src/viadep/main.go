package main

import (
	"os"

	"lib/sdk" // want `this import links TLS client code verifying against the system roots \(lib/sdk at sdk/sdk.go:6:57: http.DefaultClient; viadep → lib/sdk\): target scratch has no CA bundle`
)

func main() { sdk.Fetch(os.Args[1]) }
