package testonly

import "crypto/tls"

// [exclude] all = ["testonly"] drops this finding.
var helper = &tls.Config{InsecureSkipVerify: true}
