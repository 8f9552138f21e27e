package a

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
)

var insecure = &tls.Config{
	MinVersion:         tls.VersionTLS12,
	InsecureSkipVerify: true, // want `^InsecureSkipVerify: true accepts any certificate for any host, an attacker's included$`
}

var client = &http.Client{
	Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // want `InsecureSkipVerify: true accepts any certificate`
	},
}

var inline = tls.Config{ServerName: "x", InsecureSkipVerify: true, MinVersion: tls.VersionTLS13} // want `InsecureSkipVerify: true`

const skip = true

func assign(cfg *tls.Config, tr *http.Transport) {
	cfg.InsecureSkipVerify = true // want `InsecureSkipVerify: true`
	tr.TLSClientConfig.InsecureSkipVerify = skip // want `InsecureSkipVerify: true`
	if cfg.ServerName == "" { cfg.InsecureSkipVerify = true } // want `InsecureSkipVerify: true`
}

// Near misses: false, a runtime flag the user opts into, and custom
// verification (the documented use of InsecureSkipVerify).
func nearMisses(flagInsecure bool, pool *x509.CertPool) []*tls.Config {
	return []*tls.Config{
		{InsecureSkipVerify: false},
		{InsecureSkipVerify: flagInsecure},
		{InsecureSkipVerify: true, VerifyPeerCertificate: func([][]byte, [][]*x509.Certificate) error { return nil }},
		{RootCAs: pool},
	}
}

type other struct{ InsecureSkipVerify bool }

var notTLS = other{InsecureSkipVerify: true}
