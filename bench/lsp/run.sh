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
# Usage: bench/lsp/run.sh [-modules LIST] [-edits N] [-creates M] [-servers LIST] [-no-gopls] [-baseline REV] [-repeat K] [-profile]
#
#   -modules L   comma-separated subset of: caddy,prometheus (default both)
#   -edits N     edits per run (default 20)
#   -creates M   files created and deleted per run (default 5; 0: none)
#   -servers L   comma-separated subset of: scratchvet,gopls,gopls-delay0
#                (default all three)
#   -no-gopls    scratchvet only
#   -baseline R  also run scratchvet built from each git revision of the
#                comma-separated list R (server "at-REV", REV as given),
#                in turn with this tree's: A B A B
#   -repeat K    run the list of servers K times in turn (default 1); the
#                table then gives each figure's median over the K runs
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

MODULES=caddy,prometheus EDITS=20 CREATES=5 SERVERS=scratchvet,gopls,gopls-delay0 PROFILE=0 BASELINE= REPEAT=1
while [ $# -gt 0 ]; do
	case "$1" in
	-modules | --modules) [ $# -ge 2 ] || usage; MODULES=$2; shift ;;
	-edits | --edits) [ $# -ge 2 ] || usage; EDITS=$2; shift ;;
	-creates | --creates) [ $# -ge 2 ] || usage; CREATES=$2; shift ;;
	-servers | --servers) [ $# -ge 2 ] || usage; SERVERS=$2; shift ;;
	-no-gopls | --no-gopls) SERVERS=scratchvet ;;
	-baseline | --baseline) [ $# -ge 2 ] || usage; BASELINE=$2; shift ;;
	-repeat | --repeat) [ $# -ge 2 ] || usage; REPEAT=$2; shift ;;
	-profile | --profile) PROFILE=1 ;;
	-h | -help | --help) usage ;;
	*) note "unknown argument $1"; usage ;;
	esac
	shift
done
[[ $EDITS =~ ^[1-9][0-9]*$ ]] || { note "-edits wants a positive integer"; exit 2; }
[[ $CREATES =~ ^[0-9]+$ ]] || { note "-creates wants a number"; exit 2; }
[[ $REPEAT =~ ^[1-9][0-9]*$ ]] || { note "-repeat wants a positive integer"; exit 2; }
IFS=, read -r -a MODS <<<"$MODULES"
IFS=, read -r -a BASES <<<"$BASELINE"
for b in "${BASES[@]}"; do
	[[ $b =~ ^[A-Za-z0-9._/-]+$ ]] || { note "-baseline: bad revision $b"; exit 2; }
	SERVERS="at-${b//\//-},$SERVERS"
done
IFS=, read -r -a SRVS <<<"$SERVERS"
for m in "${MODS[@]}"; do [ -n "${MODULE[$m]:-}" ] || { note "unknown module $m"; exit 2; }; done
for s in "${SRVS[@]}"; do case $s in scratchvet | at-* | gopls | gopls-delay0) ;; *) note "unknown server $s"; exit 2 ;; esac; done

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
for b in "${BASES[@]}"; do
	# A baseline is built from the revision's files alone (git archive),
	# with the same module cache and build cache.
	rev=$(git -C "$ROOT" rev-parse --short "$b^{commit}") || die "no revision $b"
	note "building scratchvet at $b ($rev)"
	src=$WORK/baseline-src
	rm -rf "$src" && mkdir -p "$src"
	git -C "$ROOT" archive "$rev" | tar -x -C "$src" || die "git archive $rev failed"
	(cd "$src" && go build -o "$BIN/scratchvet-at-${b//\//-}" ./cmd/scratchvet) || die "cannot build $b"
	echo "at-${b//\//-} $rev" >>"$RES/baselines"
done
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
	for ((k = 1; k <= REPEAT; k++)); do for s in "${SRVS[@]}"; do
		case $s in
		scratchvet) bin=$BIN/scratchvet server=scratchvet extra=() ;;
		at-*) bin=$BIN/scratchvet-$s server=scratchvet extra=() ;;
		gopls) bin=$BIN/gopls server=gopls extra=() ;;
		gopls-delay0) bin=$BIN/gopls server=gopls extra=(-goplsdelay 0s) ;;
		esac
		if [ ! -x "$bin" ]; then note "$name/$s: no $bin; skipped"; continue; fi
		[ "$PROFILE" = 1 ] && extra+=(-cpuprofile "$RES/$name.$s.$k.cpu.pprof")
		note "$name/$s: running ($EDITS edits, $CREATES files created; run $k of $REPEAT; load average $(cut -d' ' -f1-3 /proc/loadavg))"
		if node "$ROOT/bench/lsp/driver.mjs" -server "$server" -bin "$bin" -root "$WORK/$name" \
			-file "${FILE[$name]}" -edits "$EDITS" -creates "$CREATES" -label "$name/$s" -serverlog "$RES/logs/$name.$s.$k.server.log" "${extra[@]}" \
			>>"$OUT" 2>"$RES/logs/$name.$s.$k.err"; then
			tail -n 1 "$OUT" | node -e 'const r=JSON.parse(require("fs").readFileSync(0,"utf8"));
				console.error(`bench/lsp: ${r.label}: first load ${(r.firstLoadMs/1000).toFixed(2)} s, edit p50 ${r.p50Ms} ms p95 ${r.p95Ms} ms, create / delete p50 ${r.createP50Ms} / ${r.deleteP50Ms} ms, peak RSS ${Math.round(r.peakRssKiB/1024)} MiB`)'
		else
			note "FAILED: $name/$s, see $RES/logs/$name.$s.$k.err"
			FAILED=1
		fi
	done; done
done

# Markdown table: one row per module and server. With -repeat, the
# latencies are pooled over the runs (the median of every edit, every
# created and every deleted file), first load and peak RSS are the median
# of the runs.
node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean).map(JSON.parse);
const groups = new Map();
for (const r of rows) { if (!groups.has(r.label)) groups.set(r.label, []); groups.get(r.label).push(r); }
const pct = (v, p) => { v = v.filter((x) => x != null).sort((a, b) => a - b); if (!v.length) return null;
  if (p === 50 && v.length % 2 === 0) return (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  return v[Math.max(0, Math.ceil((p / 100) * v.length) - 1)]; };
const fmt = (x, d = 0) => x == null ? "-" : x.toFixed(d);
console.log("| module | server | runs | first load s | edit p50 ms | edit p95 ms | add / remove p50 ms | create / delete p50 ms | create max ms | peak RSS MiB |");
console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const [label, rs] of groups) {
  const [mod, srv] = label.split("/");
  const edits = rs.flatMap((r) => r.perEdit || []), creates = rs.flatMap((r) => r.perCreate || []);
  const ms = (xs) => xs.map((x) => x.ms);
  console.log(`| ${mod} | ${srv} | ${rs.length} | ${fmt(pct(rs.map((r) => r.firstLoadMs / 1000), 50), 2)} | ` +
    `${fmt(pct(ms(edits), 50), 1)} | ${fmt(pct(ms(edits), 95), 1)} | ` +
    `${fmt(pct(ms(edits.filter((e) => e.add)), 50), 1)} / ${fmt(pct(ms(edits.filter((e) => !e.add)), 50), 1)} | ` +
    `${fmt(pct(ms(creates.filter((c) => c.create)), 50), 1)} / ${fmt(pct(ms(creates.filter((c) => !c.create)), 50), 1)} | ` +
    `${fmt(creates.length ? Math.max(...ms(creates.filter((c) => c.create))) : null, 1)} | ${fmt(pct(rs.map((r) => r.peakRssKiB / 1024), 50))} |`);
}
' "$OUT" >"$RES/table.md" || true
cat "$RES/table.md" >&2
note "results in $RES"
exit $FAILED
