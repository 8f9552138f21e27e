package deploy

import (
	"strings"
)

// An imageEntry maps image references to a target preset. docs/targets.md
// lists the table with the source of each row; keep them in step
// (TestImageTableDocumented).
type imageEntry struct {
	// Pattern is how the row appears in docs/targets.md.
	Pattern string
	Preset  string
	// Overrides are properties in which the image differs from the preset.
	Overrides map[string]string
	Summary   string
	match     func(repo, tag string) bool
	// defaults returns the user, working directory and environment the
	// image sets, for a tag.
	defaults func(tag string) imageDefaults
}

type imageDefaults struct {
	user, workdir string
	env           map[string]string
}

// distrolessDefaults are what distroless images set: SSL_CERT_FILE
// always, user 65532 and its home for the :nonroot tags (distroless
// static/static.bzl, common/BUILD.bazel; docs/FACTS.md#what-distroless-and-alpine-ship).
func distrolessDefaults(tag string) imageDefaults {
	d := imageDefaults{env: map[string]string{"SSL_CERT_FILE": "/etc/ssl/certs/ca-certificates.crt"}}
	if strings.Contains(tag, "nonroot") {
		d.user, d.workdir = "65532", "/home/nonroot"
	}
	return d
}

// chainguardDefaults: Chainguard's static image runs as nonroot, uid
// 65532 (Chainguard's image reference for static, "Users").
func chainguardDefaults(tag string) imageDefaults {
	if strings.Contains(tag, "-dev") {
		return imageDefaults{}
	}
	return imageDefaults{user: "65532"}
}

func hasPrefixAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func repoIs(names ...string) func(repo, tag string) bool {
	return func(repo, _ string) bool {
		for _, n := range names {
			if repo == n {
				return true
			}
		}
		return false
	}
}

var imageTable = []imageEntry{
	{
		Pattern: "`scratch`", Preset: "scratch",
		Summary: "the empty image",
		match:   repoIs("scratch"),
	},
	{
		Pattern: "`gcr.io/distroless/static*:*nonroot*`", Preset: "distroless-static:nonroot",
		Summary: "distroless static, nonroot (65532, /home/nonroot)",
		match: func(repo, tag string) bool {
			return hasPrefixAny(repo, "gcr.io/distroless/static") && strings.Contains(tag, "nonroot")
		},
		defaults: distrolessDefaults,
	},
	{
		Pattern: "`gcr.io/distroless/static*` (other tags)", Preset: "distroless-static",
		Summary:  "distroless static",
		match:    func(repo, _ string) bool { return hasPrefixAny(repo, "gcr.io/distroless/static") },
		defaults: distrolessDefaults,
	},
	{
		Pattern: "`cgr.dev/chainguard/static`, `chainguard/static` (not `-dev` tags)", Preset: "distroless-static:nonroot",
		Summary: "Chainguard static (CA bundle, tzdata, passwd; no libc), run as nonroot 65532",
		match: func(repo, tag string) bool {
			return (repo == "cgr.dev/chainguard/static" || repo == "chainguard/static") && !strings.Contains(tag, "-dev")
		},
		defaults: chainguardDefaults,
	},
	{
		Pattern: "`cgr.dev/chainguard/static:*-dev`", Preset: "distroless-static",
		Summary: "Chainguard static, -dev variant (root)",
		match:   repoIs("cgr.dev/chainguard/static", "chainguard/static"),
	},
	{
		Pattern: "`gcr.io/distroless/base*`, `gcr.io/distroless/cc*`", Preset: "distroless-base",
		Summary:  "distroless base (glibc)",
		match:    func(repo, _ string) bool { return hasPrefixAny(repo, "gcr.io/distroless/base", "gcr.io/distroless/cc") },
		defaults: distrolessDefaults,
	},
	{
		Pattern: "`cgr.dev/chainguard/glibc-dynamic`", Preset: "distroless-base",
		Summary:  "Chainguard glibc-dynamic (glibc, CA bundle, tzdata)",
		match:    repoIs("cgr.dev/chainguard/glibc-dynamic", "chainguard/glibc-dynamic"),
		defaults: chainguardDefaults,
	},
	{
		Pattern: "`quay.io/prometheus/busybox*`, `prom/busybox*` (`:glibc` tag)", Preset: "busybox-glibc",
		Overrides: map[string]string{"ca-bundle": "true", "zoneinfo": "true"},
		Summary:   "Prometheus's busybox, glibc variant, with Debian's CA bundle and zoneinfo added",
		match: func(repo, tag string) bool {
			return hasPrefixAny(repo, "quay.io/prometheus/busybox", "prom/busybox") && strings.Contains(tag, "glibc") && !strings.Contains(tag, "alpine")
		},
	},
	{
		Pattern: "`quay.io/prometheus/busybox*`, `prom/busybox*` (other tags)", Preset: "busybox",
		Overrides: map[string]string{"ca-bundle": "true", "zoneinfo": "true"},
		Summary:   "Prometheus's busybox (uClibc, static), with Debian's CA bundle and zoneinfo added",
		match: func(repo, tag string) bool {
			return hasPrefixAny(repo, "quay.io/prometheus/busybox", "prom/busybox") && !strings.Contains(tag, "alpine")
		},
	},
	{
		Pattern: "`busybox:*uclibc*`, `busybox:*musl*`", Preset: "busybox",
		Summary: "busybox, static (uClibc or musl variant)",
		match: func(repo, tag string) bool {
			return repo == "busybox" && (strings.Contains(tag, "uclibc") || strings.Contains(tag, "musl"))
		},
	},
	{
		Pattern: "`busybox` (other tags: `latest`, `glibc`, versions)", Preset: "busybox-glibc",
		Summary: "busybox, glibc variant (latest and the version tags on amd64)",
		match:   repoIs("busybox"),
	},
	{
		Pattern: "`alpine`, any `*:*alpine*` tag (`golang:1.26-alpine`)", Preset: "alpine",
		Summary: "Alpine (musl)",
		match: func(repo, tag string) bool {
			return repo == "alpine" || strings.HasSuffix(repo, "/alpine") && !strings.Contains(repo, "chainguard") || strings.Contains(tag, "alpine")
		},
	},
	{
		Pattern: "`golang` (not alpine)", Preset: "glibc",
		Overrides: map[string]string{"programs": "all"},
		Summary:   "the Go toolchain image, Debian with ca-certificates, tzdata, git, curl, make, gcc and go",
		match:     repoIs("golang"),
	},
	{
		Pattern: "`debian`, `debian:*-slim`", Preset: "glibc",
		Overrides: map[string]string{"ca-bundle": "false"},
		Summary:   "Debian: tzdata (priority required) but no ca-certificates (priority standard) in the image",
		match:     repoIs("debian"),
	},
	{
		Pattern: "`ubuntu`", Preset: "glibc",
		Overrides: map[string]string{"ca-bundle": "false", "zoneinfo": "false"},
		Summary:   "Ubuntu: neither ca-certificates nor tzdata in the image",
		match:     repoIs("ubuntu"),
	},
	{
		Pattern: "Red Hat UBI (`registry.access.redhat.com/ubi*`, `redhat/ubi*`)", Preset: "glibc",
		Summary: "Red Hat Universal Base Image (glibc, CA bundle, tzdata)",
		match: func(repo, _ string) bool {
			return hasPrefixAny(repo, "registry.access.redhat.com/ubi", "redhat/ubi", "registry.redhat.io/ubi") &&
				!strings.Contains(repo, "micro")
		},
	},
}

// lookupImage maps an image reference to its table entry; nil when the
// image is not in the table.
func lookupImage(ref string) (*imageEntry, string) {
	repo, tag := splitImageRef(ref)
	for i := range imageTable {
		if imageTable[i].match(repo, tag) {
			return &imageTable[i], tag
		}
	}
	return nil, tag
}

// splitImageRef normalises an image reference into a repository (without
// Docker Hub's registry and library/ prefixes) and a tag ("latest" when
// none; the digest dropped).
func splitImageRef(ref string) (repo, tag string) {
	ref = strings.ToLower(strings.TrimSpace(ref))
	if at := strings.Index(ref, "@"); at >= 0 {
		ref = ref[:at]
	}
	repo, tag = ref, "latest"
	if colon := strings.LastIndex(ref, ":"); colon > strings.LastIndex(ref, "/") {
		repo, tag = ref[:colon], ref[colon+1:]
	}
	for _, p := range []string{"docker.io/", "index.docker.io/", "registry-1.docker.io/"} {
		repo = strings.TrimPrefix(repo, p)
	}
	repo = strings.TrimPrefix(repo, "library/")
	// Architecture-prefixed official images: amd64/alpine, arm64v8/busybox.
	for _, arch := range []string{"amd64/", "arm64v8/", "arm32v7/", "arm32v6/", "i386/", "ppc64le/", "s390x/"} {
		repo = strings.TrimPrefix(repo, arch)
	}
	return repo, tag
}

// Paths that decide target properties when an image build puts a file
// there (Go 1.26: crypto/x509/root_linux.go, time/zoneinfo_unix.go).
var (
	caBundlePaths = []string{
		"/etc/ssl/certs/ca-certificates.crt",
		"/etc/pki/tls/certs/ca-bundle.crt",
		"/etc/ssl/ca-bundle.pem",
		"/etc/pki/tls/cacert.pem",
		"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
		"/etc/ssl/cert.pem",
	}
	caDirs       = []string{"/etc/ssl/certs", "/etc/pki/tls/certs"}
	zoneinfoDirs = []string{"/usr/share/zoneinfo", "/usr/share/lib/zoneinfo", "/usr/lib/locale/TZ", "/etc/zoneinfo"}
)

// packageEffects are the OS packages whose installation changes a target
// property.
var packageEffects = map[string][2]string{
	"ca-certificates":        {"ca-bundle", "true"},
	"ca-certificates-bundle": {"ca-bundle", "true"},
	"tzdata":                 {"zoneinfo", "true"},
}

// cgoToolchainPackages are OS packages that bring a C compiler: with one,
// the go command enables cgo by default.
var cgoToolchainPackages = map[string]bool{
	"gcc": true, "build-base": true, "alpine-sdk": true, "musl-dev": true,
	"build-essential": true, "clang": true, "g++": true,
}

// imageFromRef describes an image named by reference only (ko's base).
func imageFromRef(ref Fact) *Image {
	im := &Image{Ref: ref, Env: map[string]Fact{}}
	entry, tag := lookupImage(ref.Value)
	if entry == nil {
		im.Entry = "not in scratchvet's image table"
		return im
	}
	im.Known, im.Preset, im.Entry = true, entry.Preset, entry.Summary
	for _, k := range sortedKeys(entry.Overrides) {
		im.override(k, entry.Overrides[k], ref.Pos, "the image table's entry for "+entry.Pattern)
	}
	if entry.defaults != nil {
		def := entry.defaults(tag)
		if def.user != "" {
			im.User = Fact{Value: def.user, Pos: ref.Pos, Default: "the image's user"}
		}
		for _, k := range sortedKeys(def.env) {
			im.Env[k] = Fact{Value: def.env[k], Pos: ref.Pos, Default: "set by the image"}
		}
	}
	return im
}
