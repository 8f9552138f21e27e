package unknowncheck

import "crypto/tls"

// A directive naming an unknown check is reported by a check that runs,
// even when the nearest name is a check turned off (only skipverify runs
// here), and a name far from every check gets no suggestion.
var (
	near = &tls.Config{InsecureSkipVerify: true} //scratchvet:ignore tzdat ok here // want `names unknown check "tzdat" \(did you mean tzdata\?\)` `InsecureSkipVerify: true`
	far  = &tls.Config{InsecureSkipVerify: true} //scratchvet:ignore frobnicate ok here // want `names unknown check "frobnicate"; it suppresses nothing` `InsecureSkipVerify: true`
)
