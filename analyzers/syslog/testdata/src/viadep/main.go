package main

import "lib/logx" // want `^syslog.New in lib/logx fails on scratch: "Unix syslog delivery error" \(no /dev/log\)$`

func main() { logx.Open() }
