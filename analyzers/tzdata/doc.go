// Package tzdata defines an Analyzer that reports time.LoadLocation calls in
// a binary that will have no time zone database on its target.
//
// # Analyzer tzdata
//
// tzdata: time zones without zoneinfo or embedded tzdata
//
// time.LoadLocation reads the zone database from /usr/share/zoneinfo (or
// $ZONEINFO, or the copy embedded by time/tzdata). On a target without
// zoneinfo (scratch, bare, alpine without the tzdata package) a binary that
// does not embed time/tzdata fails with "unknown time zone
// America/New_York", and time.Local silently becomes UTC.
//
// The check is whole-program: a call in any linked package matters, and
// only package main knows whether time/tzdata is linked. It reports in
// package main, at the call when it is there, otherwise at the import
// through which a dependency's call is linked. Constant "", "UTC" and
// "Local" zones need no database and are not reported.
//
// Fix: import _ "time/tzdata" in package main (about 450 kB), or build with
// -tags timetzdata.
package tzdata
