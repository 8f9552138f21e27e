package malformed

import "crypto/tls"

// Malformed directives suppress nothing and are reported, by the check
// they name (or the nearest to a misspelt name).
var (
	misspelt = &tls.Config{InsecureSkipVerify: true} //scratchvet:ignore skipverfy ok here // want `names unknown check "skipverfy" \(did you mean skipverify\?\)` `InsecureSkipVerify: true`

	badVerb = &tls.Config{InsecureSkipVerify: true} //scratchvet:ingore skipverify ok here // want `//scratchvet:ingore skipverify is not a directive` `InsecureSkipVerify: true`
)

func noReason(cfg *tls.Config) {
	/* want `//scratchvet:ignore skipverify needs a reason after the check names` */ //scratchvet:ignore skipverify
	cfg.InsecureSkipVerify = true                                                    // want `InsecureSkipVerify: true`
}
