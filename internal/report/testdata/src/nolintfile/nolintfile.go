package nolintfile //nolint:skipverify // golangci-lint: a nolint on the package clause covers the file

import "crypto/tls"

var a = &tls.Config{InsecureSkipVerify: true}
