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
	rand.Read(key)                    // want `^rand.Read aborts on bare: "fatal error: crypto/rand: failed to read random data" \(no getrandom; no /dev/urandom\)$`
	f, err := os.Open("/dev/urandom") // want `^os.Open fails on bare: "open /dev/urandom: no such file or directory" \(no /dev\)$`
	if err == nil {
		io.ReadFull(f, key)
	}
	fmt.Println(os.Open("/etc/hostname"))
}

// TLS handshakes read crypto/rand, even with a private pool.
func fetch(pool *x509.CertPool) {
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}} // want `^http.Client \(TLS handshake\) aborts on bare`
	c.Get("https://internal.example/")
	http.Get("http://127.0.0.1:8080/") // plain HTTP: no handshake
}
