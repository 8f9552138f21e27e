package excluded

import "crypto/tls"

// Generated code: [exclude] skipverify = ["gen_*.go"] drops this finding.
var generated = &tls.Config{InsecureSkipVerify: true}
