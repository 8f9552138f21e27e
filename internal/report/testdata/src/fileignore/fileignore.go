// Package fileignore is a test helper that talks to servers with
// throwaway certificates.
//
//scratchvet:file-ignore skipverify every server here uses a throwaway certificate
package fileignore

import "crypto/tls"

var a = &tls.Config{InsecureSkipVerify: true}

func b() *tls.Config { return &tls.Config{InsecureSkipVerify: true} }
