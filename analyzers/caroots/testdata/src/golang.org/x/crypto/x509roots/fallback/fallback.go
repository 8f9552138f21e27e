// Package fallback stands in for golang.org/x/crypto/x509roots/fallback,
// which calls x509.SetFallbackRoots from its init function.
package fallback
