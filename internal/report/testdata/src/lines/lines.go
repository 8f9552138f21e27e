package lines

import "crypto/tls"

// Each form of line directive silences the finding it is on or above.
var (
	sameLine  = &tls.Config{InsecureSkipVerify: true} //scratchvet:ignore skipverify the test server's certificate is self-signed
	nolintOne = &tls.Config{InsecureSkipVerify: true} //nolint:skipverify // talks to localhost only
	nolintAll = &tls.Config{InsecureSkipVerify: true} //nolint:scratchvet
	nolintMix = &tls.Config{InsecureSkipVerify: true} //nolint:errcheck,skipverify,gosec
	listed    = &tls.Config{InsecureSkipVerify: true} //scratchvet:ignore tzdata,skipverify pinned by VerifyConnection elsewhere

	//scratchvet:ignore skipverify the line above counts too
	above = &tls.Config{InsecureSkipVerify: true}
)

// Near misses: other checks, other linters, two lines above.
var (
	otherCheck  = &tls.Config{InsecureSkipVerify: true} //scratchvet:ignore dynlink not this one // want `InsecureSkipVerify: true`
	otherLinter = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // want `InsecureSkipVerify: true`
	bareNolint  = &tls.Config{InsecureSkipVerify: true} //nolint // want `InsecureSkipVerify: true`

	//scratchvet:ignore skipverify too far away

	twoAbove = &tls.Config{InsecureSkipVerify: true} // want `InsecureSkipVerify: true`
)
