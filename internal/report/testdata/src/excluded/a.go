package excluded

import "crypto/tls"

var kept = &tls.Config{InsecureSkipVerify: true} // want `InsecureSkipVerify: true accepts any certificate`
