package misplaced

import "crypto/tls"

//scratchvet:file-ignore skipverify too late: after the package clause // want `//scratchvet:file-ignore skipverify must come before the package clause`

var a = &tls.Config{InsecureSkipVerify: true} // want `InsecureSkipVerify: true`
