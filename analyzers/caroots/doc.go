// Package caroots defines an Analyzer that reports TLS clients in a binary
// whose target has no CA bundle.
//
// # Analyzer caroots
//
// caroots: TLS clients without CA roots on the target
//
// Go verifies TLS servers against the system roots, which it reads from a
// CA bundle such as /etc/ssl/certs/ca-certificates.crt (every build
// configuration does, static or not). On a target without one (scratch,
// bare) x509.SystemCertPool returns an empty pool and a nil error, and every
// handshake fails with "tls: failed to verify certificate: x509: certificate
// signed by unknown authority".
//
// The check is whole-program and reports in package main: at a TLS client
// use in main (http.Get and friends, http.DefaultClient, an http.Client or
// http.Transport literal, tls.Dial, tls.Client, x509.SystemCertPool), or at
// the import through which a dependency's use is linked. A constant
// "http://" URL, and packages that set tls.Config.RootCAs themselves, are
// not reported. A binary that links golang.org/x/crypto/x509roots/fallback
// is not reported: it verifies public CAs (but not a private CA).
//
// Fix: put a CA bundle in the image (or point SSL_CERT_FILE at one), or
// import _ "golang.org/x/crypto/x509roots/fallback" in package main, which
// needs that module in go.mod and covers public CAs only.
package caroots
