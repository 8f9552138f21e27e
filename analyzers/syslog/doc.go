// Package syslog defines a check that reports log/syslog's local
// transport where no syslog daemon listens.
//
// # Analyzer syslog
//
// syslog: log/syslog without a syslog socket
//
// syslog.New, syslog.NewLogger and syslog.Dial with the local transport
// write to /dev/log, /var/run/syslog or /var/run/log. No container runtime
// mounts one and no base image runs a syslog daemon, so they fail with
// "Unix syslog delivery error" in every container. syslog.Dial to a
// remote server over UDP or TCP is not reported.
//
// Fix: log to standard error, which the runtime collects, or to a remote
// syslog server.
package syslog
