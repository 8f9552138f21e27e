package unused

import "crypto/tls"

var (
	used   = &tls.Config{InsecureSkipVerify: true}     //scratchvet:ignore skipverify localhost only
	stale  = &tls.Config{MinVersion: tls.VersionTLS13} //scratchvet:ignore skipverify was insecure once // want `//scratchvet:ignore skipverify suppresses no skipverify finding; remove it`
	staleN = &tls.Config{MinVersion: tls.VersionTLS13} //nolint:skipverify // want `//nolint:skipverify suppresses no skipverify finding; remove it`

	// Directives for all of scratchvet, or for other checks, are not
	// this check's to judge.
	all   = &tls.Config{MinVersion: tls.VersionTLS13} //nolint:scratchvet
	other = &tls.Config{MinVersion: tls.VersionTLS13} //scratchvet:ignore dynlink not judged by skipverify
)

// A directive after code covers its own line only.
var (
	trailing = &tls.Config{InsecureSkipVerify: true} //scratchvet:ignore skipverify localhost only
	next     = &tls.Config{InsecureSkipVerify: true} // want `InsecureSkipVerify: true`

	//scratchvet:ignore skipverify too far away // want `suppresses no skipverify finding`

	twoAbove = &tls.Config{InsecureSkipVerify: true} // want `InsecureSkipVerify: true`
)
