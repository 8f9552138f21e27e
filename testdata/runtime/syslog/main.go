// Command syslog logs through log/syslog's local transport, which needs a
// syslog daemon's socket (/dev/log, /var/run/syslog or /var/run/log). No
// container runtime provides one.
package main

import (
	"log/syslog"

	"example.com/runtime/internal/report"
)

func main() {
	w, err := syslog.New(syslog.LOG_INFO|syslog.LOG_DAEMON, "truth")
	if err == nil {
		err = w.Info("hello")
		w.Close()
	}
	report.Result("syslog", "syslog.New", "", err)
	report.Done()
}
