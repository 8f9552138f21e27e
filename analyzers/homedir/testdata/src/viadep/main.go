package main

import "lib/cache" // want `^os.MkdirAll\(os.UserCacheDir\(\)...\) in lib/cache fails on "scratch,user=65532": "permission denied" \(user 65532 cannot write HOME=/\)$`

func main() { cache.Dir() }
