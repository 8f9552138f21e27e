package linedirective

import "crypto/tls"

// Generated code often carries //line directives: they change the lines
// positions report, never the text an edit changes.

func unrelated() int {
	return 1
}

//line generated.y:2
func configure() *tls.Config {
	return &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: true, // want `InsecureSkipVerify: true accepts any certificate`
	}
}
