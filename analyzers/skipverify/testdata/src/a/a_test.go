package a

import "crypto/tls"

// Test code is not deployed: not reported.
var testConfig = &tls.Config{InsecureSkipVerify: true}
