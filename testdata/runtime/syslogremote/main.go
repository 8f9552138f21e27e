// Command syslogremote is a near-miss for the syslog check: it sends to a
// syslog server over UDP (the suite listens on 127.0.0.1:514), which needs
// no local socket.
package main

import (
	"log/syslog"

	"example.com/runtime/internal/report"
)

func main() {
	w, err := syslog.Dial("udp", "127.0.0.1:514", syslog.LOG_INFO|syslog.LOG_DAEMON, "truth")
	if err == nil {
		err = w.Info("hello")
		w.Close()
	}
	report.Result("syslog", "syslog.Dial(\"udp\")", "", err)
	report.Done()
}
