package protocol

import (
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
)

// DocumentURI is the URI of a document (metaModel base type DocumentUri).
// The language server only handles file: URIs.
type DocumentURI string

// URI is a general URI (metaModel base type URI), such as a workspace
// folder or a documentation link.
type URI string

// URIFromPath returns the file: URI of path. A relative path is made
// absolute first. Every byte except unreserved characters (RFC 3986
// ALPHA / DIGIT / "-" / "." / "_" / "~") and "/" is percent-encoded, the
// way VS Code encodes file URIs, so "/a b/é.go" becomes
// "file:///a%20b/%C3%A9.go". A Windows path "C:\x" becomes "file:///C%3A/x".
func URIFromPath(path string) DocumentURI {
	if path == "" {
		return ""
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive letter: C:/x -> /C:/x
	}
	var b strings.Builder
	b.WriteString("file://")
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(p); i++ {
		c := p[i]
		if isUnreserved(c) || c == '/' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return DocumentURI(b.String())
}

func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// Path returns the file system path of a file: URI, percent-decoded and
// cleaned. It fails for other schemes, for a host other than "" or
// "localhost", for a query or fragment (an unencoded "?" or "#") and for
// malformed percent-encoding. On Windows the leading
// slash before a drive letter is removed ("file:///C:/x" -> `C:\x`).
func (u DocumentURI) Path() (string, error) {
	return uriPath(string(u))
}

// Path is like DocumentURI.Path.
func (u URI) Path() (string, error) {
	return uriPath(string(u))
}

func uriPath(s string) (string, error) {
	parsed, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("invalid URI %q: %w", s, err)
	}
	if !strings.EqualFold(parsed.Scheme, "file") {
		return "", fmt.Errorf("URI %q: not a file: URI", s)
	}
	if parsed.Host != "" && !strings.EqualFold(parsed.Host, "localhost") {
		return "", fmt.Errorf("URI %q: file URIs with a host are not supported", s)
	}
	if parsed.RawQuery != "" || parsed.Fragment != "" || parsed.ForceQuery {
		return "", fmt.Errorf("URI %q: unexpected query or fragment in a file URI", s)
	}
	if parsed.Opaque != "" || parsed.Path == "" {
		return "", fmt.Errorf("URI %q: no absolute path", s)
	}
	p := parsed.Path
	if runtime.GOOS == "windows" && len(p) >= 3 && p[0] == '/' && p[2] == ':' && isLetter(p[1]) {
		p = p[1:]
	}
	return filepath.Clean(filepath.FromSlash(p)), nil
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
