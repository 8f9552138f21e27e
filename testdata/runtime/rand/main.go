// Command rand reads from crypto/rand. Go uses the getrandom(2) system call;
// only when that returns ENOSYS (Linux before 3.17) does it open
// /dev/urandom, and when that is missing too the process dies with
// "fatal error: crypto/rand: failed to read random data" (exit 2), which no
// code can recover from.
package main

import (
	"crypto/rand"
	"fmt"

	"example.com/runtime/internal/report"
)

func main() {
	b := make([]byte, 32)
	_, err := rand.Read(b)
	report.Result("cryptorand", "rand.Read(32 bytes)", fmt.Sprintf("%x...", b[:4]), err)
	report.Done()
}
