package deploy

import (
	"os"
	"strings"
	"testing"
)

func TestImageTable(t *testing.T) {
	for ref, want := range map[string]string{
		"scratch": "scratch",
		"gcr.io/distroless/static-debian12:nonroot":       "distroless-static:nonroot",
		"gcr.io/distroless/static-debian12":               "distroless-static",
		"gcr.io/distroless/static@sha256:abc":             "distroless-static",
		"cgr.dev/chainguard/static:latest":                "distroless-static:nonroot",
		"cgr.dev/chainguard/static:latest-dev":            "distroless-static",
		"gcr.io/distroless/base-debian12":                 "distroless-base",
		"gcr.io/distroless/cc-debian12:debug":             "distroless-base",
		"alpine":                                          "alpine",
		"docker.io/library/alpine:3.20":                   "alpine",
		"golang:1.22-alpine3.20":                          "alpine",
		"golang:1.22":                                     "glibc",
		"debian:bookworm-slim":                            "glibc",
		"ubuntu:24.04":                                    "glibc",
		"registry.access.redhat.com/ubi9/ubi-minimal:9.4": "glibc",
		"busybox":           "busybox-glibc",
		"busybox:1.37":      "busybox-glibc",
		"busybox:uclibc":    "busybox",
		"busybox:1.36-musl": "busybox",
		"busybox:glibc":     "busybox-glibc",
		"quay.io/prometheus/busybox-linux-amd64:latest": "busybox",
		"quay.io/prometheus/busybox:glibc":              "busybox-glibc",
		"registry.example.com/base:1":                   "",
		"chainguard/busybox":                            "",
		"node:20":                                       "",
	} {
		entry, _ := lookupImage(ref)
		got := ""
		if entry != nil {
			got = entry.Preset
		}
		if got != want {
			t.Errorf("image %s → %q, want %q", ref, got, want)
		}
	}
	ubuntu := imageFromRef(Fact{Value: "ubuntu:24.04"})
	if spec := ubuntu.TargetSpec(); spec != "glibc,ca-bundle=false,zoneinfo=false" {
		t.Errorf("ubuntu target %q", spec)
	}
	nonroot := imageFromRef(Fact{Value: "gcr.io/distroless/static-debian12:nonroot"})
	if nonroot.User.Value != "65532" || nonroot.Env["SSL_CERT_FILE"].Value != "/etc/ssl/certs/ca-certificates.crt" {
		t.Errorf("distroless :nonroot user %q env %v", nonroot.User.Value, nonroot.Env)
	}
}

// TestImageTableDocumented: docs/targets.md lists every row of the image
// table.
func TestImageTableDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/targets.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range imageTable {
		if !strings.Contains(string(doc), "| "+e.Pattern+" | `"+e.Preset+"`") {
			t.Errorf("docs/targets.md has no row for %s → %s", e.Pattern, e.Preset)
		}
	}
}
