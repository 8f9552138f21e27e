package main

import "log/syslog"

func main() {
	syslog.New(syslog.LOG_INFO, "app")            // want `^syslog.New fails on scratch: "Unix syslog delivery error" \(no /dev/log\)`
	syslog.NewLogger(syslog.LOG_INFO, 0)          // want `syslog.NewLogger`
	syslog.Dial("", "", syslog.LOG_INFO, "app")   // want `syslog.Dial`
	syslog.Dial("unixgram", "/dev/log", 0, "app") // want `syslog.Dial`
}
