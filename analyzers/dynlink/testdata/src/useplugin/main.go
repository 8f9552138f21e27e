package main

import "plugin" // want `^the binary fails to start on scratch: .* \(cgo in plugin needs /lib64/ld-linux-x86-64.so.2\)$`

func main() { plugin.Open("x.so") }
