package logx

import "log/syslog"

func Open() (*syslog.Writer, error) { return syslog.New(syslog.LOG_DAEMON, "logx") }
