// Package testserver is a test helper: [exclude] skipverify covers it.
package testserver

import "crypto/tls"

// Config trusts any certificate, as a test server with a throwaway
// certificate needs.
func Config() *tls.Config {
	return &tls.Config{InsecureSkipVerify: true, ServerName: "test"}
}
