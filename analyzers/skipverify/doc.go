// Package skipverify defines an Analyzer that reports tls.Config values
// that set InsecureSkipVerify to true.
//
// # Analyzer skipverify
//
// skipverify: InsecureSkipVerify: true
//
// InsecureSkipVerify: true makes a TLS client accept any certificate for any
// host, an attacker's included, on every target and in every build
// configuration. It is often added when a minimal image has no CA roots and
// connections fail with "x509: certificate signed by unknown authority";
// the cure for that is to ship roots (a CA bundle, SSL_CERT_FILE, or
// golang.org/x/crypto/x509roots/fallback for public CAs), not to turn
// verification off.
//
// The check reports composite literals of crypto/tls.Config (also when
// nested, as in http.Transport{TLSClientConfig: &tls.Config{...}}) and
// assignments to the field, when the value is the constant true. A literal
// that also sets VerifyPeerCertificate or VerifyConnection does its own
// verification and is not reported. Neither is a setting the user opts
// into: a value read from a flag or variable, or true set in the body of an
// if statement whose condition reads a name or string saying so
// (opts.InsecureSkipTLSVerify, "APP_INSECURE"), nor one gosec's suppression
// of the same rule already accepts (#nosec, #nosec G402 on its line or the
// line above). Test files are not checked.
//
// Fix: remove the setting.
package skipverify
