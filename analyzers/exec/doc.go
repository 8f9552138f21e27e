// Package exec defines a check that reports programs a binary runs that
// its target does not have.
//
// # Analyzer exec
//
// exec: programs the image lacks
//
// scratch and distroless images have no programs but yours; alpine has
// busybox's applets, a Debian image its required packages. exec.Command
// of a program the image lacks fails when the command runs, with
// `exec: "git": executable file not found in $PATH` (an absolute path:
// `fork/exec /bin/sh: no such file or directory`).
//
// The check reports exec.Command, exec.CommandContext and exec.LookPath
// with a constant program name or absolute path, and os.StartProcess,
// syscall.Exec and syscall.ForkExec with a constant absolute path, when
// the target's programs property does not include the program. Names that
// are not constant (a setting, os.Args[0], os.Executable()) and
// /proc/self/exe are not judged.
//
// Fix: install the program in the image and declare it
// (-target 'alpine,programs=busybox+git'), or do the work in Go.
package exec
