// Settings the user opts into, or that gosec's suppression of the same
// rule (G402) already accepts, are not reported.
package optin

import (
	"crypto/tls"
	"net/http"
	"os"
)

type Options struct {
	InsecureSkipTLSVerify bool
	SSLNoVerify           bool
	Verbose               bool
}

// oauth2-proxy's redis store.
func redisTLS(opts Options, cfg *tls.Config) {
	if opts.InsecureSkipTLSVerify {
		cfg.InsecureSkipVerify = true
	}
}

func transport(opts Options) *http.Transport {
	tr := &http.Transport{}
	if opts.SSLNoVerify {
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	}
	if os.Getenv("APP_INSECURE") == "1" {
		tr.TLSClientConfig.InsecureSkipVerify = true
	}
	return tr
}

func gosec() []*tls.Config {
	return []*tls.Config{
		{InsecureSkipVerify: true}, // #nosec
		{InsecureSkipVerify: true}, // #nosec G402 -- a test server with a self-signed certificate
		{InsecureSkipVerify: true}, // #nosec G101,G402
		// #nosec G402
		{InsecureSkipVerify: true},
	}
}

// Reported: the condition is no opt-in, the suppression is another rule's,
// the opt-in guards an else branch, the assignment is in a closure.
func reported(opts Options, cfg *tls.Config) []*tls.Config {
	if opts.Verbose {
		cfg.InsecureSkipVerify = true // want `InsecureSkipVerify: true`
	}
	if opts.InsecureSkipTLSVerify {
		cfg.MinVersion = tls.VersionTLS12
	} else {
		cfg.InsecureSkipVerify = true // want `InsecureSkipVerify: true`
	}
	if opts.InsecureSkipTLSVerify {
		go func() {
			cfg.InsecureSkipVerify = true // want `InsecureSkipVerify: true`
		}()
	}
	return []*tls.Config{
		{InsecureSkipVerify: true}, // #nosec G101 // want `InsecureSkipVerify: true`
	}
}
