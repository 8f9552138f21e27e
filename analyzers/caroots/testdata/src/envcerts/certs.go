// Package envcerts points Go at a bundle it ships, in an init function.
package envcerts

import "os"

func init() {
	if os.Getenv("SSL_CERT_FILE") == "" {
		os.Setenv("SSL_CERT_FILE", "/app/certs.pem")
	}
}
