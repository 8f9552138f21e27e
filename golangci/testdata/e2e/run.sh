#!/usr/bin/env bash
# End-to-end check of the golangci-lint module plugin (docs/golangci-lint.md).
#
# Builds golangci-lint v2 with the plugin the way `golangci-lint custom`
# does (golangci-lint's cmd/golangci-lint main package plus a file that
# imports the plugin for its side effect), with scratchvet replaced by this
# tree, then runs it on testdata/demo for several settings and checks that
# it reports exactly what scratchvet reports on its own.
#
# Needs the Go module proxy (golangci-lint and its dependencies), not
# GitHub. A cold build takes minutes: the binary lands in
# bin/golangci-lint-scratchvet and the build directory in bin/golangci-build,
# so later runs rebuild only what changed.
#
#   golangci/testdata/e2e/run.sh          # GOLANGCI_LINT_VERSION=v2.x.y to pick another
set -euo pipefail

root=$(cd "$(dirname "$0")/../../.." && pwd)
version=${GOLANGCI_LINT_VERSION:-v2.15.0}
build=$root/bin/golangci-build
gcl=$root/bin/golangci-lint-scratchvet
scratchvet=$root/bin/scratchvet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The build, as `golangci-lint custom` generates it.
mkdir -p "$build"
src=$(cd "$work" && go mod download -json "github.com/golangci/golangci-lint/v2@$version" |
	sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
install -m 0644 "$src/cmd/golangci-lint/main.go" "$build/main.go"
cat >"$build/plugins.go" <<'EOF'
package main

import (
	_ "github.com/scratchvet/scratchvet/golangci"
)
EOF
cat >"$build/go.mod" <<EOF
module scratchvet.test/custom-gcl

go 1.23.0

require (
	github.com/golangci/golangci-lint/v2 $version
	github.com/scratchvet/scratchvet v0.0.0
)

replace github.com/scratchvet/scratchvet => $root
EOF
rm -f "$build/go.sum"
start=$SECONDS
(cd "$build" && go mod tidy && go build -o "$gcl" .)
echo "built golangci-lint $version with the scratchvet plugin in $((SECONDS - start)) s"
(cd "$root" && go build -o "$scratchvet" ./cmd/scratchvet)

# One finding a line as "file:line:col: check: message", from each tool.
normalize_scratchvet() { sed -E 's#^\./##; s#^([^ ]+: )(.*) \(([a-z]+)\)$#\1\3: \2#' | sort; }
normalize_golangci() { sed -E 's# \(scratchvet\)$##' | sort; }

failed=0
# check NAME SETTINGS ENV FLAGS...: golangci-lint with the plugin settings
# (a YAML flow mapping) against scratchvet with the flags, both in the
# environment ENV (space-separated NAME=VALUE words, or "").
check() {
	local name=$1 settings=$2 envs=$3
	shift 3
	cat >"$work/$name.yml" <<EOF
version: "2"
run:
  relative-path-mode: wd
linters:
  default: none
  enable: [scratchvet]
  settings:
    custom:
      scratchvet:
        type: module
        description: what breaks in a static binary in a minimal image
        settings: $settings
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
  uniq-by-line: false
EOF
	local status=0 t0=$SECONDS
	# shellcheck disable=SC2086 # envs are words
	(cd "$root/testdata/demo" && env $envs GOLANGCI_LINT_CACHE="$work/cache" "$gcl" run -c "$work/$name.yml" \
		--output.text.print-issued-lines=false --show-stats=false ./...) >"$work/$name.gcl" 2>"$work/$name.err" || status=$?
	local took=$((SECONDS - t0))
	# shellcheck disable=SC2086
	(cd "$root/testdata/demo" && env $envs "$scratchvet" "$@" ./...) >"$work/$name.sv" 2>&1 || true
	if [ "$status" -gt 1 ] || [ -s "$work/$name.err" ]; then
		echo "FAIL $name: golangci-lint exited $status:"
		cat "$work/$name.err"
		failed=1
	elif ! diff -u <(normalize_scratchvet <"$work/$name.sv") <(normalize_golangci <"$work/$name.gcl") >"$work/$name.diff"; then
		echo "FAIL $name: golangci-lint's findings (+) differ from scratchvet $* (-):"
		cat "$work/$name.diff"
		failed=1
	else
		echo "ok   $name: $(wc -l <"$work/$name.gcl") findings, as scratchvet $* reports them (${took} s)"
	fi
}

check scratch '{target: scratch}' '' -target scratch
check glibc '{target: glibc}' '' -target glibc
check static '{target: distroless-static, ldflags: "-linkmode external -extldflags -static"}' '' \
	-target distroless-static -ldflags '-linkmode external -extldflags -static'
check no-cgo '{target: alpine, checks: {skipverify: false}}' CGO_ENABLED=0 \
	-target alpine -checks dynlink,tzdata,caroots,userlookup,dns,cryptorand,plugin,cgostub
exit $failed
