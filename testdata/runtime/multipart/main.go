// Command multipart serves an upload handler on a loopback port and posts
// two multipart forms to it: a file part smaller than the handler's
// maxMemory, kept in memory, and one larger, which mime/multipart writes to
// a file in os.TempDir(). Without /tmp only the large upload fails: the
// failure shows in production, not in a small test.
//
// The client writes the request by hand: multipart.NewWriter would read
// crypto/rand for its boundary, and an http.Client is a TLS client to the
// checks; neither is what this program is about.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"

	"example.com/runtime/internal/report"
)

const maxMemory = 32 << 10

func upload(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(maxMemory); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer r.MultipartForm.RemoveAll()
	f, h, err := r.FormFile("file")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	defer f.Close()
	n, _ := io.Copy(io.Discard, f)
	fmt.Fprintf(w, "%s: %d bytes", h.Filename, n)
}

// post sends a multipart form with one file part of size bytes.
func post(addr string, size int) (string, error) {
	const boundary = "truthboundary"
	body := "--" + boundary + "\r\n" +
		"Content-Disposition: form-data; name=\"file\"; filename=\"upload.bin\"\r\n" +
		"Content-Type: application/octet-stream\r\n\r\n" +
		strings.Repeat("x", size) + "\r\n--" + boundary + "--\r\n"
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: %s\r\nContent-Type: multipart/form-data; boundary=%s\r\n"+
		"Content-Length: %d\r\nConnection: close\r\n\r\n%s", addr, boundary, len(body), body)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return "", errors.New(strings.TrimSpace(string(msg)))
	}
	return string(msg), nil
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		report.Result("tmpdir", "listen", "", err)
		report.Done()
		return
	}
	go http.Serve(ln, http.HandlerFunc(upload))

	detail, err := post(ln.Addr().String(), 1024)
	report.Result("tmpdir", "upload of 1 KiB (below maxMemory)", detail, err)
	detail, err = post(ln.Addr().String(), 1<<20)
	report.Result("tmpdir", "upload of 1 MiB (above maxMemory)", detail, err)
	report.Done()
}
