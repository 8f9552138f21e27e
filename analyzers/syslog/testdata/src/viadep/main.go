package main

import "lib/logx" // want `this import links lib/logx at logx/logx.go:5:46, which logs with syslog.New\(...\)`

func main() { logx.Open() }
