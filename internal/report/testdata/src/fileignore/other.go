package fileignore

import "crypto/tls"

// A file-level directive covers its own file only.
var c = &tls.Config{InsecureSkipVerify: true} // want `InsecureSkipVerify: true`
