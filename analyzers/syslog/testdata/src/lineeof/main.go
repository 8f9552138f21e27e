package main

import "log/syslog"

// A //line directive may name a line past the end of the file; a
// suppression directive after it is read from the text (it panicked).

//line main.go:900
func main() {
	//nolint:exec // names another check: the finding below stays
	syslog.New(syslog.LOG_INFO, "app") // want `^syslog.New fails on scratch`
	//nolint:syslog // silenced on its own line
	syslog.NewLogger(syslog.LOG_INFO, 0)
}
