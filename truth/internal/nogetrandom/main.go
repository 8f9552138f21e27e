//go:build linux

// Command nogetrandom runs a program as it would run on a Linux kernel older
// than 3.17, which has no getrandom(2): it installs a seccomp filter that
// makes getrandom fail with ENOSYS, then execs the program. The filter also
// covers the vDSO getrandom, whose internal system call gets the same
// ENOSYS, so Go takes its /dev/urandom fallback just as on an old kernel
// (docs/FACTS.md#not-measured).
//
// Usage: nogetrandom PROGRAM [ARG...]
//
// When PROGRAM cannot be executed (for example its ELF interpreter is
// missing) it prints "nogetrandom: cannot exec PROGRAM: ERROR" and exits 127,
// like chroot(1) and shells do.
package main

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
	"unsafe"
)

// Linux ABI constants that package syscall does not define.
const (
	sysSeccomp             = 317 // seccomp(2) on amd64
	seccompSetModeFilter   = 1
	seccompFilterFlagTsync = 1
	seccompRetAllow        = 0x7fff0000
	seccompRetErrno        = 0x00050000
	auditArchX8664         = 0xc000003e
	sysGetrandom           = 318 // getrandom(2) on amd64
	prSetNoNewPrivs        = 38

	// Offsets in struct seccomp_data.
	offsetNr   = 0
	offsetArch = 4

	bpfLdWAbs = syscall.BPF_LD | syscall.BPF_W | syscall.BPF_ABS
	bpfJeqK   = syscall.BPF_JMP | syscall.BPF_JEQ | syscall.BPF_K
	bpfRetK   = syscall.BPF_RET | syscall.BPF_K
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: nogetrandom PROGRAM [ARG...]")
		os.Exit(2)
	}
	// The filter and the exec must happen on one thread; TSYNC also
	// applies the filter to the runtime's other threads, which execve ends.
	runtime.LockOSThread()
	if err := denyGetrandom(); err != nil {
		fmt.Fprintf(os.Stderr, "nogetrandom: installing the seccomp filter: %v\n", err)
		os.Exit(126)
	}
	err := syscall.Exec(os.Args[1], os.Args[1:], os.Environ())
	fmt.Fprintf(os.Stderr, "nogetrandom: cannot exec %s: %v\n", os.Args[1], err)
	os.Exit(127)
}

// denyGetrandom makes getrandom(2) fail with ENOSYS for this process and
// every program it execs.
func denyGetrandom() error {
	filter := []syscall.SockFilter{
		{Code: bpfLdWAbs, K: offsetArch},
		{Code: bpfJeqK, K: auditArchX8664, Jt: 0, Jf: 3}, // another ABI: allow
		{Code: bpfLdWAbs, K: offsetNr},
		{Code: bpfJeqK, K: sysGetrandom, Jt: 0, Jf: 1},
		{Code: bpfRetK, K: seccompRetErrno | uint32(syscall.ENOSYS)},
		{Code: bpfRetK, K: seccompRetAllow},
	}
	prog := syscall.SockFprog{Len: uint16(len(filter)), Filter: &filter[0]}
	// Required to install a filter; harmless for root.
	if _, _, errno := syscall.RawSyscall6(syscall.SYS_PRCTL, prSetNoNewPrivs, 1, 0, 0, 0, 0); errno != 0 {
		return fmt.Errorf("prctl(PR_SET_NO_NEW_PRIVS): %v", errno)
	}
	if _, _, errno := syscall.RawSyscall(sysSeccomp, seccompSetModeFilter, seccompFilterFlagTsync,
		uintptr(unsafe.Pointer(&prog))); errno != 0 {
		return fmt.Errorf("seccomp(SECCOMP_SET_MODE_FILTER): %v", errno)
	}
	return nil
}
