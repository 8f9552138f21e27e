// Package runtime holds the fixture programs of scratchvet's runtime-truth
// suite (../../truth). Each directory is a small main package that performs
// one risky operation (or a near-miss that must work) and prints one line per
// operation:
//
//	OK <check> <operation>: <detail>
//	ERR <check> <operation>: <error>
//
// where <check> names the scratchvet check responsible for that operation.
// A program exits 1 when any operation failed. The suite builds every program
// under several build configurations, runs it chrooted in a root filesystem
// assembled from each deployment target's property list, and compares the
// observed failures with scratchvet's diagnostics.
//
// This module has no dependencies on purpose: the suite must build it with
// no network.
package runtime
