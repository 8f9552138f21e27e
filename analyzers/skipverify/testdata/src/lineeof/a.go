package lineeof

import "crypto/tls"

// A //line directive may name a line past the end of the file.

//line a.go:900
func configure(cfg *tls.Config) *tls.Config {
	cfg.InsecureSkipVerify = true // want `InsecureSkipVerify: true accepts any certificate`
	//nolint:skipverify // a directive after the //line directive is parsed too
	cfg.InsecureSkipVerify = true
	return &tls.Config{
		InsecureSkipVerify: true, // want `InsecureSkipVerify: true accepts any certificate`
	}
}
