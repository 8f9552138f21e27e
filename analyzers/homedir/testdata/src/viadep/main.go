package main

import "lib/cache" // want `this import links lib/cache at cache/cache.go:14:14, which writes with os.MkdirAll\(os.UserCacheDir\(\)...\)`

func main() { cache.Dir() }
