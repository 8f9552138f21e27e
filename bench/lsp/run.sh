#!/usr/bin/env bash
# bench/lsp/run.sh: the language-server benchmark (issue 4, docs/PERFORMANCE.md
# "## Language server"). A script, not a timed test.
#
# Fetches real modules through the Go module proxy at pinned versions into
# bench/work/lsp/NAME (gitignored), downloads their dependencies, warms the
# build cache with the `go list -deps -export` that scratchvet's loader runs,
# and then, for each module, starts the language servers in the module root
# with bench/lsp/driver.mjs (Node, on vscode-languageserver-protocol from
# lsp/testclients/node):
#
#   scratchvet    scratchvet lsp (built from this tree), default settings
#                 plus diagnosticsDoneNotification
#   gopls         gopls, default settings (diagnosticsDelay 1s)
#   gopls-delay0  gopls with "diagnosticsDelay": "0s"
#
# Each run: initialize, open the file, wait for its first diagnostics
# (first-load time), then N edits (default 20) that alternately add and
# remove `import "crypto/tls"` plus two lines at the end of the file,
#   var _ = &tls.Config{InsecureSkipVerify: true}   (scratchvet: skipverify)
#   var _ = fmt.Sprintf("%d", "bench")               (gopls: printf)
# timing didChange -> the publishDiagnostics that carries / drops the
# server's finding (p50, p95), and the server's peak RSS (VmHWM). Then M
# times (default 5) a file with both findings is created next to the edited
# file and announced with didChangeWatchedFiles, then deleted: the time to
# the new file's diagnostics, and to their removal (create / delete p50).
#
# Usage: bench/lsp/run.sh [-modules LIST] [-edits N] [-creates M] [-servers LIST] [-no-gopls] [-profile]
#
#   -modules L   comma-separated subset of: caddy,prometheus (default both)
#   -edits N     edits per run (default 20)
#   -creates M   files created and deleted per run (default 5; 0: none)
#   -servers L   comma-separated subset of: scratchvet,gopls,gopls-delay0
#                (default all three)
#   -no-gopls    scratchvet only
#   -profile     write each server's CPU profile (-profile.cpu, as gopls has)
#                to the results directory: go tool pprof -top FILE
#
# gopls is installed into bench/work/lsp/bin with
# `GOFLAGS= go install golang.org/x/tools/gopls@v0.23.0` (v0.24 needs Go
# 1.27); if that fails the gopls runs are skipped with a note.
# Results: bench/results/lsp-DATE/ (one JSON line per run in results.jsonl,
# a Markdown table in table.md, each server's stderr in logs/). Exit status: 0 done, 1 a run failed, 2 usage.
set -euo pipefail

declare -A MODULE=(
	[caddy]=github.com/caddyserver/caddy/v2
	[prometheus]=github.com/prometheus/prometheus
)
declare -A VERSION=(
	[caddy]=v2.11.9       # as bench/run.sh
	[prometheus]=v0.316.0 # Prometheus 3.16.0; go.mod says go 1.26.7
)
declare -A FILE=(
	[caddy]=modules/caddyhttp/reverseproxy/reverseproxy.go
	[prometheus]=promql/engine.go
)
GOPLS=golang.org/x/tools/gopls@v0.23.0

note() { echo "bench/lsp: $*" >&2; }
die() { note "$*"; exit 1; }
usage() { sed -n '/^# Usage:/,/^# Results:/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

MODULES=caddy,prometheus EDITS=20 CREATES=5 SERVERS=scratchvet,gopls,gopls-delay0 PROFILE=0
while [ $# -gt 0 ]; do
	case "$1" in
	-modules | --modules) [ $# -ge 2 ] || usage; MODULES=$2; shift ;;
	-edits | --edits) [ $# -ge 2 ] || usage; EDITS=$2; shift ;;
	-creates | --creates) [ $# -ge 2 ] || usage; CREATES=$2; shift ;;
	-servers | --servers) [ $# -ge 2 ] || usage; SERVERS=$2; shift ;;
	-no-gopls | --no-gopls) SERVERS=scratchvet ;;
	-profile | --profile) PROFILE=1 ;;
	-h | -help | --help) usage ;;
	*) note "unknown argument $1"; usage ;;
	esac
	shift
done
[[ $EDITS =~ ^[1-9][0-9]*$ ]] || { note "-edits wants a positive integer"; exit 2; }
[[ $CREATES =~ ^[0-9]+$ ]] || { note "-creates wants a number"; exit 2; }
IFS=, read -r -a MODS <<<"$MODULES"
IFS=, read -r -a SRVS <<<"$SERVERS"
for m in "${MODS[@]}"; do [ -n "${MODULE[$m]:-}" ] || { note "unknown module $m"; exit 2; }; done
for s in "${SRVS[@]}"; do case $s in scratchvet | gopls | gopls-delay0) ;; *) note "unknown server $s"; exit 2 ;; esac; done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$ROOT/bench/work/lsp
BIN=$WORK/bin
RES=$ROOT/bench/results/lsp-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$BIN" "$RES/logs"
export GOTOOLCHAIN=local GOWORK=off

command -v node >/dev/null || die "node is not on PATH"
[ -d "$ROOT/lsp/testclients/node/node_modules/vscode-languageserver-protocol" ] ||
	die "run 'npm ci' in lsp/testclients/node first"

note "building scratchvet into $BIN"
(cd "$ROOT" && go build -o "$BIN/scratchvet" ./cmd/scratchvet) || die "cannot build scratchvet"
WANT_GOPLS=0
for s in "${SRVS[@]}"; do [[ $s == gopls* ]] && WANT_GOPLS=1; done
if [ "$WANT_GOPLS" = 1 ] && [ ! -x "$BIN/gopls" ]; then
	note "installing $GOPLS"
	if ! (cd "$WORK" && GOFLAGS= GOBIN=$BIN timeout 300 go install "$GOPLS") >"$RES/logs/gopls-install.log" 2>&1; then
		note "cannot install $GOPLS (see $RES/logs/gopls-install.log); skipping gopls"
	fi
fi

fetch() {
	local name=$1 mod=${MODULE[$1]} ver=${VERSION[$1]} dir=$WORK/$1 json src
	if [ -f "$dir/.bench-version" ] && [ "$(cat "$dir/.bench-version")" = "$mod@$ver" ]; then
		note "$name: reusing $dir ($mod@$ver)"
	else
		note "$name: fetching $mod@$ver through $(go env GOPROXY)"
		json=$(cd "$WORK" && go mod download -json "$mod@$ver") || die "go mod download $mod@$ver failed: $json"
		src=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
		[ -n "$src" ] && [ -d "$src" ] || die "go mod download $mod@$ver gave no directory: $json"
		rm -rf "$dir"
		cp -r "$src" "$dir"
		chmod -R u+w "$dir"
		# prometheus ships a go.work naming modules that are not in the
		# module zip; the benchmark is about the one module.
		rm -f "$dir/go.work" "$dir/go.work.sum"
		echo "$mod@$ver" >"$dir/.bench-version"
	fi
	(cd "$dir" && go mod download) || die "$name: go mod download (dependencies) failed"
	note "$name: warming the build cache (go list -e -deps -export ./...)"
	(cd "$dir" && go list -e -deps -export ./... >/dev/null) 2>"$RES/logs/$name.warm.err" ||
		die "$name: warm-up failed, see $RES/logs/$name.warm.err"
}

FAILED=0
OUT=$RES/results.jsonl
: >"$OUT"
for name in "${MODS[@]}"; do
	fetch "$name"
	for s in "${SRVS[@]}"; do
		case $s in
		scratchvet) bin=$BIN/scratchvet server=scratchvet extra=() ;;
		gopls) bin=$BIN/gopls server=gopls extra=() ;;
		gopls-delay0) bin=$BIN/gopls server=gopls extra=(-goplsdelay 0s) ;;
		esac
		if [ ! -x "$bin" ]; then note "$name/$s: no $bin; skipped"; continue; fi
		[ "$PROFILE" = 1 ] && extra+=(-cpuprofile "$RES/$name.$s.cpu.pprof")
		note "$name/$s: running ($EDITS edits)"
		if node "$ROOT/bench/lsp/driver.mjs" -server "$server" -bin "$bin" -root "$WORK/$name" \
			-file "${FILE[$name]}" -edits "$EDITS" -creates "$CREATES" -label "$name/$s" -serverlog "$RES/logs/$name.$s.server.log" "${extra[@]}" \
			>>"$OUT" 2>"$RES/logs/$name.$s.err"; then
			tail -n 1 "$OUT" | node -e 'const r=JSON.parse(require("fs").readFileSync(0,"utf8"));
				console.error(`bench/lsp: ${r.label}: first load ${(r.firstLoadMs/1000).toFixed(2)} s, edit p50 ${r.p50Ms} ms p95 ${r.p95Ms} ms, create / delete p50 ${r.createP50Ms} / ${r.deleteP50Ms} ms, peak RSS ${Math.round(r.peakRssKiB/1024)} MiB`)'
		else
			note "FAILED: $name/$s, see $RES/logs/$name.$s.err"
			FAILED=1
		fi
	done
done

# Markdown table.
node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean).map(JSON.parse);
const mib = (k) => k == null ? "?" : Math.round(k / 1024);
console.log("| module | server | first load s | edit p50 ms | edit p95 ms | max ms | add / remove p50 ms | create / delete p50 ms | create max ms | peak RSS MiB |");
console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) console.log(`| ${r.label.split("/")[0]} | ${r.label.split("/")[1]} | ${(r.firstLoadMs/1000).toFixed(2)} | ${r.p50Ms} | ${r.p95Ms} | ${r.maxMs} | ${r.addP50Ms} / ${r.removeP50Ms} | ${r.createP50Ms ?? "-"} / ${r.deleteP50Ms ?? "-"} | ${r.createMaxMs ?? "-"} | ${mib(r.peakRssKiB)} |`);
' "$OUT" >"$RES/table.md" || true
cat "$RES/table.md" >&2
note "results in $RES"
exit $FAILED
