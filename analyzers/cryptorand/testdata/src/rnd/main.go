package main

import (
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	key := make([]byte, 32)
	rand.Read(key)                    // want `rand.Read\(\.\.\.\) reads crypto/rand \(directly\): target bare may run a kernel without getrandom\(2\) \(before Linux 3.17, kernel=3.2\) and has no /dev/urandom, so in every build configuration the process aborts: "fatal error: crypto/rand: failed to read random data \(see https://go.dev/issue/66821\): open /dev/urandom: no such file or directory"`
	f, err := os.Open("/dev/urandom") // want `os.Open\(\.\.\.\) opens a random device: target bare has no /dev, so the open fails: "open /dev/urandom: no such file or directory"; read randomness from crypto/rand.Reader`
	if err == nil {
		io.ReadFull(f, key)
	}
	fmt.Println(os.Open("/etc/hostname"))
}

// TLS handshakes read crypto/rand, even with a private pool.
func fetch(pool *x509.CertPool) {
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}} // want `http.Client\{\.\.\.\} reads crypto/rand \(every TLS handshake does\): target bare`
	c.Get("https://internal.example/")
	http.Get("http://127.0.0.1:8080/") // plain HTTP: no handshake
}
