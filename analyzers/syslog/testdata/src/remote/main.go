// Near misses: a remote syslog server, a network that is not constant.
package main

import (
	"log/syslog"
	"os"
)

func main() {
	syslog.Dial("udp", "logs.example:514", syslog.LOG_INFO, "app")
	syslog.Dial("tcp", "logs.example:601", syslog.LOG_INFO, "app")
	syslog.Dial(os.Getenv("SYSLOG_NET"), os.Getenv("SYSLOG_ADDR"), syslog.LOG_INFO, "app")
}
