#!/usr/bin/env bash
# bench/realworld.sh: scratchvet with no flags on real open-source modules
# (bench/realworld/modules.txt), as a user runs it in a fresh checkout:
# deployments discovered from the repository, CGO_ENABLED left to the go
# command. For each module it keeps what `scratchvet deployments -json` and
# `scratchvet -json ./...` print, and writes a table of findings per check
# (docs/REALWORLD.md reviews them one by one: true or false for the real
# build and image).
#
# Usage: bench/realworld.sh [-bin BIN] [-modules FILE] [-only NAME,...]
# Results: bench/results/realworld-DATE/ (NAME.deployments.json,
# NAME.json, NAME.stderr, table.md). Needs the module proxy and jq.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN= LIST=$ROOT/bench/realworld/modules.txt ONLY=
while [ $# -gt 0 ]; do
	case $1 in
	-bin) BIN=$2; shift 2 ;;
	-modules) LIST=$2; shift 2 ;;
	-only) ONLY=,$2,; shift 2 ;;
	*) echo "usage: bench/realworld.sh [-bin BIN] [-modules FILE] [-only NAME,...]" >&2; exit 2 ;;
	esac
done
command -v jq >/dev/null || { echo "bench/realworld.sh: jq is needed" >&2; exit 2; }
OUT=$ROOT/bench/results/realworld-$(date -u +%Y%m%dT%H%M%S)
WORK=$ROOT/bench/work/realworld
mkdir -p "$OUT" "$WORK"
if [ -z "$BIN" ]; then
	BIN=$WORK/scratchvet
	(cd "$ROOT" && go build -o "$BIN" ./cmd/scratchvet)
fi
unset CGO_ENABLED SCRATCHVET_TARGET GOFLAGS

checks=$("$BIN" checks | awk '{print $1}' | tr '\n' ' ')
{
	printf '| module | mains | deployments | findings |'
	for c in $checks; do printf ' %s |' "$c"; done
	printf ' errors | CPU s |\n|---|---:|---:|---:|'
	for c in $checks; do printf -- '---:|'; done
	printf -- '---:|---:|\n'
} >"$OUT/table.md"

grep -v '^#' "$LIST" | while read -r mod ver; do
	[ -n "$mod" ] || continue
	name=$(basename "${mod%/v[0-9]*}")
	case $ONLY in ""|*,"$name",*) ;; *) continue ;; esac
	dir=$(cd "$WORK" && GOFLAGS=-mod=mod go mod download -json "$mod@$ver" | jq -r .Dir)
	src=$WORK/$name@$ver
	if [ ! -d "$src" ]; then
		cp -r "$dir" "$src.tmp" && chmod -R u+w "$src.tmp" && mv "$src.tmp" "$src"
	fi
	echo "== $name@$ver" >&2
	(cd "$src" && "$BIN" deployments -json >"$OUT/$name.deployments.json" 2>/dev/null) || true
	rc=0
	(cd "$src" && /usr/bin/time -f '%U %S' -o "$OUT/$name.time" "$BIN" -json ./... >"$OUT/$name.json" 2>"$OUT/$name.stderr") || rc=$?
	[ "$rc" -le 2 ] || { echo "$name: scratchvet exited $rc" >&2; }
	cpu=$(tail -n 1 "$OUT/$name.time" | awk '{printf "%.1f", $1+$2}') # after "Command exited with non-zero status"
	mains=$(jq '.mains | length' "$OUT/$name.deployments.json" 2>/dev/null || echo '?')
	deps=$(jq '.deployments | length' "$OUT/$name.deployments.json" 2>/dev/null || echo '?')
	total=$(jq '.diagnostics | length' "$OUT/$name.json")
	errors=$(jq '.errors | length' "$OUT/$name.json")
	{
		printf '| %s@%s | %s | %s | %s |' "$mod" "$ver" "$mains" "$deps" "$total"
		for c in $checks; do
			printf ' %s |' "$(jq --arg c "$c" '[.diagnostics[] | select(.check == $c)] | length' "$OUT/$name.json")"
		done
		printf ' %s | %s |\n' "$errors" "$cpu"
	} >>"$OUT/table.md"
done
cat "$OUT/table.md"
echo "results: $OUT" >&2
