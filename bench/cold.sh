#!/usr/bin/env bash
# bench/cold.sh: cold runs (issue 19, docs/PERFORMANCE.md "Cold runs").
#
# Measures CPU seconds (user+sys), wall seconds and peak RSS of
#
#   before   BEFORE ./...        (a scratchvet binary to compare with)
#   after    AFTER ./...         (default: this tree's scratchvet)
#   build    go build ./...
#   static   staticcheck ./...   (bin/staticcheck, make staticcheck)
#
# on real modules fetched through the module proxy, every run with an empty
# build cache of its own (GOCACHE and STATICCHECK_CACHE in a fresh
# temporary directory, removed after the run): "cold" is then the same for
# every command and every repetition, and the machine's shared build cache
# is neither used nor touched (never go clean -cache). The module cache is
# warm (go mod download first, untimed): downloading is not the tools'
# work. Commands are interleaved (before after build static, before after
# build static, ...) so that a change of the machine's load hits all of
# them alike; medians are reported.
#
# Usage: flock /tmp/scratchvet-heavy.lock bench/cold.sh [-reps N]
#          [-modules certmagic,caddy,prometheus] [-commands before,after,build,static]
#          [-before BIN] [-after BIN] [-args 'ARGS']
# Results: bench/results/cold-DATE/ (runs.tsv: one line a run; table.md).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$ROOT/bench/work/cold
declare -A MODULE=(
	[certmagic]=github.com/caddyserver/certmagic
	[caddy]=github.com/caddyserver/caddy/v2
	[prometheus]=github.com/prometheus/prometheus
)
declare -A VERSION=(
	[certmagic]=v0.25.6
	[caddy]=v2.11.9
	[prometheus]=v0.316.0
)
REPS=2 MODULES=certmagic COMMANDS=before,after,build,static BEFORE= AFTER= ARGS=
while [ $# -gt 0 ]; do
	case $1 in
	-reps) REPS=$2; shift ;;
	-modules) MODULES=$2; shift ;;
	-commands) COMMANDS=$2; shift ;;
	-before) BEFORE=$2; shift ;;
	-after) AFTER=$2; shift ;;
	-args) ARGS=$2; shift ;;
	*) echo "usage: $0 [-reps N] [-modules L] [-commands L] [-before BIN] [-after BIN] [-args ARGS]" >&2; exit 2 ;;
	esac
	shift
done
note() { echo "cold.sh: $*" >&2; }
die() { note "$*"; exit 1; }

mkdir -p "$WORK/bin"
if [ -z "$AFTER" ]; then
	AFTER=$WORK/bin/scratchvet
	(cd "$ROOT" && go build -o "$AFTER" ./cmd/scratchvet)
fi
case ",$COMMANDS," in *,before,*) [ -x "$BEFORE" ] || die "-before BIN is needed for the before command" ;; esac
STATICCHECK=$ROOT/bin/staticcheck
case ",$COMMANDS," in *,static,*) [ -x "$STATICCHECK" ] || (cd "$ROOT" && make staticcheck) ;; esac

fetch() {
	local name=$1 mod=${MODULE[$1]} ver=${VERSION[$1]} dir=$WORK/src/$1 json src
	if ! [ -f "$dir/.bench-version" ] || [ "$(cat "$dir/.bench-version")" != "$mod@$ver" ]; then
		note "$name: fetching $mod@$ver"
		mkdir -p "$WORK/src"
		json=$(cd "$WORK" && go mod download -json "$mod@$ver") || die "go mod download $mod@$ver: $json"
		src=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
		rm -rf "$dir"
		cp -r "$src" "$dir"
		chmod -R u+w "$dir"
		rm -f "$dir/go.work" # prometheus's names modules that are not in the zip
		echo "$mod@$ver" >"$dir/.bench-version"
	fi
	(cd "$dir" && GOFLAGS= go mod download) || die "$name: go mod download failed"
}

OUT=$ROOT/bench/results/cold-$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$OUT"
printf 'module\tcommand\trep\twall_s\tcpu_s\trss_mib\texit\n' >"$OUT/runs.tsv"

# run NAME COMMAND REP: one cold run.
run() {
	local name=$1 cmd=$2 rep=$3 dir=$WORK/src/$1 cache timing code
	cache=$(mktemp -d /tmp/scratchvet-cold.XXXXXX)
	local argv
	case $cmd in
	before) argv=("$BEFORE" $ARGS ./...) ;;
	after) argv=("$AFTER" $ARGS ./...) ;;
	build) argv=(go build ./...) ;;
	static) argv=("$STATICCHECK" ./...) ;;
	esac
	set +e
	(cd "$dir" && GOCACHE=$cache/go STATICCHECK_CACHE=$cache/staticcheck GOFLAGS= GOWORK=off \
		/usr/bin/time -f '%e %U %S %M' -o "$cache/time" "${argv[@]}" >"$OUT/$name-$cmd-$rep.out" 2>"$OUT/$name-$cmd-$rep.err")
	code=$?
	set -e
	timing=$(tail -1 "$cache/time")
	rm -rf "$cache"
	read -r wall user sys rss <<<"$timing"
	printf '%s\t%s\t%s\t%s\t%.2f\t%d\t%s\n' "$name" "$cmd" "$rep" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) "$code" >>"$OUT/runs.tsv"
	note "$name $cmd #$rep: wall ${wall}s cpu $(echo "$user + $sys" | bc)s rss $((rss / 1024))MiB exit $code"
}

IFS=, read -r -a mods <<<"$MODULES"
IFS=, read -r -a cmds <<<"$COMMANDS"
for name in "${mods[@]}"; do
	fetch "$name"
	for rep in $(seq 1 "$REPS"); do
		for cmd in "${cmds[@]}"; do
			run "$name" "$cmd" "$rep"
		done
	done
done

# Medians and ratios to go build (CPU).
awk -F'\t' -v machine="$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end" '
NR == 1 { next }
{ key = $1 SUBSEP $2; n[key]++; wall[key, n[key]] = $4; cpu[key, n[key]] = $5; rss[key, n[key]] = $6
  if (!($1 in seenm)) { seenm[$1] = 1; mods[++nm] = $1 }
  if (!($2 in seenc)) { seenc[$2] = 1; cmds[++nc] = $2 } }
function median(arr, key, k,   i, j, t, v) {
  for (i = 1; i <= k; i++) v[i] = arr[key, i]
  for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
  return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2 }
END {
  print "Machine: " machine "."
  print ""
  print "| module | command | runs | wall s | CPU s | peak RSS MiB | CPU vs go build |"
  print "|---|---|---:|---:|---:|---:|---:|"
  for (m = 1; m <= nm; m++) {
    b = (mods[m] SUBSEP "build") in n ? median(cpu, mods[m] SUBSEP "build", n[mods[m], "build"]) : 0
    for (c = 1; c <= nc; c++) {
      key = mods[m] SUBSEP cmds[c]; if (!(key in n)) continue
      k = n[key]; mc = median(cpu, key, k)
      printf "| %s | %s | %d | %.1f | %.1f | %d | %s |\n", mods[m], cmds[c], k, median(wall, key, k), mc, median(rss, key, k), b ? sprintf("%.3f×", mc / b) : "" } } }
' "$OUT/runs.tsv" | tee "$OUT/table.md"
note "results in $OUT"
