package deploy

import "strings"

// Link is what a build's -ldflags say about how the binary is linked.
//
// Go's linker links internally unless told otherwise (-linkmode external)
// or forced: a cgo package outside the short list the internal linker
// handles (net, os/user, runtime/cgo, ...) makes it hand the link to the
// C linker. -extldflags reach only the C linker, so `-extldflags -static`
// without an external link is silently ignored and the binary stays
// dynamic whenever it links cgo (docs/FACTS.md#a-static-link-that-is-not-one:
// measured in a root without a loader, exit 127).
type Link struct {
	External  bool // -linkmode external (or =external)
	Internal  bool // -linkmode internal: never external, the link fails instead
	ExtStatic bool // -extldflags containing -static or -static-pie
}

// ParseLink reads the link flags out of an -ldflags value.
func ParseLink(ldflags string) Link {
	var l Link
	words := splitLdflags(ldflags)
	for i := 0; i < len(words); i++ {
		name, value, hasValue := strings.Cut(strings.TrimLeft(words[i], "-"), "=")
		if !strings.HasPrefix(words[i], "-") {
			continue
		}
		if !hasValue && i+1 < len(words) && (name == "linkmode" || name == "extldflags") {
			i++
			value = words[i]
		}
		switch name {
		case "linkmode":
			l.External = value == "external"
			l.Internal = value == "internal"
		case "extldflags":
			for _, f := range strings.Fields(value) {
				if f == "-static" || f == "-static-pie" || f == "--static" {
					l.ExtStatic = true
				}
			}
		}
	}
	return l
}

// Static reports whether the link gives a binary that needs no loader,
// given whether the program links a cgo package that forces the external
// linker (see ForcesExternalLink).
func (l Link) Static(forcedExternal bool) bool {
	return l.ExtStatic && (l.External || forcedExternal && !l.Internal)
}

// IgnoredStatic reports whether -extldflags ask for a static link that an
// internal link ignores: the flags that look static and are not, unless a
// cgo package forces the external linker.
func (l Link) IgnoredStatic() bool { return l.ExtStatic && !l.External }

// internalLinkCgo are the packages whose cgo the Go linker links itself
// (cmd/link/internal/ld/lib.go, internalpkg in Go 1.26): any other package
// with cgo forces the external linker.
var internalLinkCgo = map[string]bool{
	"crypto/internal/boring":        true,
	"crypto/internal/boring/syso":   true,
	"crypto/x509":                   true,
	"net":                           true,
	"os/user":                       true,
	"runtime/cgo":                   true,
	"runtime/race":                  true,
	"runtime/race/internal/amd64v1": true,
	"runtime/race/internal/amd64v3": true,
	"runtime/msan":                  true,
	"runtime/asan":                  true,
}

// ForcesExternalLink reports whether linking a cgo package makes the Go
// linker use the external (C) linker.
func ForcesExternalLink(cgoPackage string) bool { return !internalLinkCgo[cgoPackage] }

// splitLdflags splits an -ldflags value the way the go command does
// (cmd/internal/quoted: blanks separate, single or double quotes group).
func splitLdflags(s string) []string {
	var words []string
	var cur strings.Builder
	quote := byte(0)
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '\'' || c == '"':
			quote, inWord = c, true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// LinkFlags is an -ldflags value without its -X name=value settings
// (versions, commits), which say nothing about how the binary links.
func LinkFlags(ldflags string) string {
	words := splitLdflags(ldflags)
	var out []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		if w == "-X" || w == "--X" {
			i++
			continue
		}
		if strings.HasPrefix(w, "-X=") || strings.HasPrefix(w, "--X=") {
			continue
		}
		if strings.ContainsAny(w, " \t") {
			w = "'" + w + "'"
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}
