// Package cryptorand defines an Analyzer that reports randomness that will
// abort or fail on targets without getrandom(2) and /dev/urandom.
//
// # Analyzer cryptorand
//
// cryptorand: crypto/rand and /dev/urandom where the target lacks them
//
// crypto/rand never goes through libc: it makes the getrandom system call
// (through the vDSO on Linux 6.11 and later) in every build configuration,
// musl included, so "crypto/rand on musl" is not a risk. The real risks:
//
//   - On a kernel without getrandom(2) (before Linux 3.17), Go opens
//     /dev/urandom; where /dev is absent too (a plain chroot or initramfs,
//     target bare) the process dies: "fatal error: crypto/rand: failed to
//     read random data (see https://go.dev/issue/66821): open /dev/urandom:
//     no such file or directory", exit 2. It is runtime.fatal, not a panic,
//     and cannot be recovered; Read's error is always nil.
//   - Opening /dev/urandom or /dev/random directly fails where /dev is
//     absent: "open /dev/urandom: no such file or directory".
//
// The check is whole-program and reports in package main, at crypto/rand
// uses (including TLS handshakes, client or server, and key generation,
// which read it) and direct opens of the random devices, or at the import
// that links them.
//
// Fix: read randomness from crypto/rand.Reader instead of opening the
// devices; give the root filesystem a /dev (mknod /dev/urandom c 1 9), or
// run on Linux 3.17 or later.
package cryptorand
