#!/usr/bin/env bash
# bench/run.sh: the scratchvet benchmark (issue 2, docs/PERFORMANCE.md).
#
# Fetches real modules through the Go module proxy at pinned versions,
# builds the comparators, and measures wall time, CPU time (user+sys) and
# peak RSS of
#
#   stock     go vet ./...                                  (cold and cached)
#   trivial   go vet -vettool=trivialvet ./...              (cold)
#   scratch   go vet -vettool=scratchvet ./...              (cold and cached)
#   trivial   trivialchecker ./...  (singlechecker; also with -test=false)
#   scratch   scratchvet ./...      (standalone)
#   extras    gosec -include=G402, staticcheck (cold cache)  (with -extras)
#
# "cold" means no cached vet results: go vet keys its per-package result
# cache on the tool's ID and flags, so every cold run passes a fresh value
# of a flag that changes nothing: -printf.funcs=benchnonceN for stock vet
# (adds a print wrapper name that matches no function), -filecount.nonce=N
# for the trivial tool, -ldflags=-X=main.benchnonceN for scratchvet (only
# -extldflags -static matters to it; go vet itself links nothing). The -c
# flag does not work for this: since Go 1.26 go vet handles -c itself and
# does not pass it to the tool, so it is not part of the cache key. Because
# the flag is explicit, go vet also passes it to the vet runs of standard
# library dependencies, so those are redone too. "cached" repeats the
# previous command with the same flags. The build cache is warmed first
# (go build ./... and one untimed vet pass), so the numbers are analysis,
# not compilation of dependencies.
#
# It then runs scratchvet standalone over std and over every benchmark
# module and counts panics, internal errors, findings and load errors.
#
# Usage: bench/run.sh [-quick] [-reps N] [-modules LIST] [-extras]
#                     [-no-robust] [-write]
#
#   -quick        certmagic only, one repetition (for CI)
#   -reps N       repetitions per command (default 3; medians are reported)
#   -modules L    comma-separated subset of: certmagic,caddy (default both)
#   -extras       also measure gosec -include=G402 and staticcheck,
#                 installing them into bench/work/bin with go install
#   -no-robust    skip the std / module robustness runs
#   -write        replace the "## Checker and vet tool" section of
#                 docs/PERFORMANCE.md with the results
#
# Exit status: 0 done (goals missed are reported, not failures); 1 a
# command failed, panicked or reported an internal error; 2 usage.
# Raw results go to bench/results/DATE/ (gitignored), work trees to
# bench/work/ (gitignored).
set -euo pipefail

# Pinned benchmark modules (both need go >= 1.26.0).
declare -A MODULE=(
	[certmagic]=github.com/caddyserver/certmagic
	[caddy]=github.com/caddyserver/caddy/v2
)
declare -A VERSION=(
	[certmagic]=v0.25.6
	[caddy]=v2.11.9
)
# Optional comparators (-extras).
GOSEC=github.com/securego/gosec/v2/cmd/gosec@v2.30.0
STATICCHECK=honnef.co/go/tools/cmd/staticcheck@v0.8.2

die() { echo "bench: $*" >&2; exit 1; }
note() { echo "bench: $*" >&2; }
usage() { sed -n '/^# Usage:/,/^# Exit status/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

QUICK=0 REPS=3 MODULES=certmagic,caddy EXTRAS=0 ROBUST=1 WRITE=0
while [ $# -gt 0 ]; do
	case "$1" in
	-quick | --quick) QUICK=1 REPS=1 MODULES=certmagic ;;
	-reps | --reps) [ $# -ge 2 ] || usage; REPS=$2; shift ;;
	-modules | --modules) [ $# -ge 2 ] || usage; MODULES=$2; shift ;;
	-extras | --extras) EXTRAS=1 ;;
	-no-robust | --no-robust) ROBUST=0 ;;
	-write | --write) WRITE=1 ;;
	-h | -help | --help) usage ;;
	*) echo "bench: unknown argument $1" >&2; usage ;;
	esac
	shift
done
[[ $REPS =~ ^[1-9][0-9]*$ ]] || { echo "bench: -reps wants a positive integer" >&2; exit 2; }
IFS=, read -r -a MODS <<<"$MODULES"
for m in "${MODS[@]}"; do
	[ -n "${MODULE[$m]:-}" ] || { echo "bench: unknown module $m (want certmagic, caddy)" >&2; exit 2; }
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
WORK=$BENCH/work
BIN=$WORK/bin
RES=$BENCH/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$BIN" "$WORK/src" "$RES/logs"
export GOTOOLCHAIN=local GOWORK=off

command -v go >/dev/null || die "go is not on PATH"
if [ ! -x /usr/bin/time ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		note "installing GNU time (apt-get install -y time)"
		apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; } ||
			die "cannot install GNU time; install the Debian package 'time'"
	else
		die "/usr/bin/time (GNU time) is missing; install the Debian package 'time'"
	fi
fi

# ---- comparators ----------------------------------------------------------

note "building scratchvet and the trivial tools into $BIN"
(cd "$ROOT" && go build -o "$BIN/scratchvet" ./cmd/scratchvet) || die "cannot build scratchvet"
(cd "$BENCH/trivial" && go build -o "$BIN/" ./cmd/trivialvet ./cmd/trivialchecker ./cmd/benchreport) ||
	die "cannot build bench/trivial"
if [ "$EXTRAS" = 1 ]; then
	for pkg in "$GOSEC" "$STATICCHECK"; do
		name=${pkg%@*}; name=${name##*/}
		if [ ! -x "$BIN/$name" ]; then
			note "installing $pkg"
			(cd "$WORK" && GOBIN=$BIN go install "$pkg") || { note "cannot install $pkg; skipping it"; }
		fi
	done
fi

# ---- modules --------------------------------------------------------------

# fetch NAME: copy MODULE@VERSION from the module cache into $WORK/src/NAME
# and download its dependencies there.
fetch() {
	local name=$1 mod=${MODULE[$1]} ver=${VERSION[$1]} dir=$WORK/src/$1 json src
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
		echo "$mod@$ver" >"$dir/.bench-version"
	fi
	(cd "$dir" && go mod download) || die "$name: go mod download (dependencies) failed"
	# go vet and go list -export -test (the trivial checker) compile test
	# variants that go build does not.
	note "$name: warming the build cache (go build ./..., one untimed vet pass and checker run)"
	(cd "$dir" && go build ./... && go vet -vettool="$BIN/trivialvet" -filecount.nonce=warm ./... &&
		"$BIN/trivialchecker" ./...) \
		>"$RES/logs/$name.warm.out" 2>&1 || die "$name: warm-up build failed, see $RES/logs/$name.warm.out"
}

# ---- measurement ----------------------------------------------------------

RESULTS=$RES/results.tsv
printf 'module\ttool\tmode\trep\twall_s\tuser_s\tsys_s\tmaxrss_kib\texit\tpanics\n' >"$RESULTS"
FAILED=0
NONCE=$(date +%s)

# measure MODULE TOOL MODE REP CMD...: run CMD in the module dir under
# GNU time and append a row to results.tsv. Exit 0 and 1 (findings) are
# fine; anything else, a panic or an internal error is a failure.
measure() {
	local name=$1 tool=$2 mode=$3 rep=$4 rc=0 log panics
	shift 4
	log=$RES/logs/$name.$tool.$mode.$rep
	(cd "$WORK/src/$name" && /usr/bin/time -f '%e %U %S %M' -o "$log.time" "$@") >"$log.out" 2>"$log.err" || rc=$?
	panics=$(cat "$log.out" "$log.err" | grep -c -i -E 'panic|internal error' || true)
	read -r wall user sys rss < <(tail -n 1 "$log.time")
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$tool" "$mode" "$rep" \
		"$wall" "$user" "$sys" "$rss" "$rc" "$panics" >>"$RESULTS"
	printf 'bench: %-10s %-16s %-10s rep %s: %6.2fs wall %6.2fs cpu %5d MiB exit %s\n' \
		"$name" "$tool" "$mode" "$rep" "$wall" "$(echo "$user $sys" | awk '{print $1+$2}')" \
		"$((rss / 1024))" "$rc" >&2
	if [ "$rc" -gt 1 ] || [ "$panics" -gt 0 ]; then
		note "FAILED: $name $tool $mode (exit $rc, $panics panic/internal error lines): $*; see $log.{out,err}"
		FAILED=1
	fi
}

for name in "${MODS[@]}"; do
	fetch "$name"
	for ((rep = 1; rep <= REPS; rep++)); do
		NONCE=$((NONCE + 1)); n=$NONCE
		measure "$name" stock-vet cold "$rep" go vet -printf.funcs=benchnonce"$n" ./...
		measure "$name" trivialvet cold "$rep" go vet -vettool="$BIN/trivialvet" -filecount.nonce="$n" ./...
		measure "$name" scratchvet-vet cold "$rep" go vet -vettool="$BIN/scratchvet" -ldflags=-X=main.benchnonce="$n" ./...
		# Cached re-runs are short and noisy: three of each, interleaved.
		for k in 1 2 3; do
			measure "$name" stock-vet cached "$rep.$k" go vet -printf.funcs=benchnonce"$n" ./...
			measure "$name" scratchvet-vet cached "$rep.$k" go vet -vettool="$BIN/scratchvet" -ldflags=-X=main.benchnonce="$n" ./...
		done
		measure "$name" trivialchecker standalone "$rep" "$BIN/trivialchecker" ./...
		measure "$name" trivialchecker notest "$rep" "$BIN/trivialchecker" -test=false ./...
		measure "$name" scratchvet standalone "$rep" "$BIN/scratchvet" ./...
		if [ "$EXTRAS" = 1 ]; then
			if [ -x "$BIN/gosec" ]; then
				measure "$name" gosec-G402 standalone "$rep" "$BIN/gosec" -quiet -include=G402 ./...
			fi
			if [ -x "$BIN/staticcheck" ]; then
				rm -rf "$WORK/staticcheck-cache"
				measure "$name" staticcheck cold "$rep" env STATICCHECK_CACHE="$WORK/staticcheck-cache" "$BIN/staticcheck" ./...
			fi
		fi
	done
done

# ---- robustness -----------------------------------------------------------

ROBUSTNESS=$RES/robustness.tsv
printf 'target\texit\tfindings\tload_errors\tpanics\tinternal_errors\twall_s\n' >"$ROBUSTNESS"

# robust NAME DIR PATTERN: scratchvet -json PATTERN in DIR.
robust() {
	local name=$1 dir=$2 pattern=$3 rc=0 log=$RES/logs/robust.$1 panics ierrs counts
	(cd "$dir" && /usr/bin/time -f '%e' -o "$log.time" "$BIN/scratchvet" -json "$pattern") >"$log.json" 2>"$log.err" || rc=$?
	panics=$(cat "$log.json" "$log.err" | grep -c -i 'panic' || true)
	ierrs=$(cat "$log.json" "$log.err" | grep -c -i 'internal error' || true)
	counts=$("$BIN/benchreport" count <"$log.json" 2>>"$log.err") || counts="? ?"
	read -r findings loaderrs <<<"$counts"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$rc" "$findings" "$loaderrs" "$panics" "$ierrs" \
		"$(tail -n 1 "$log.time")" >>"$ROBUSTNESS"
	note "robustness $name: exit $rc, $findings findings, $loaderrs load errors, $panics panic lines, $ierrs internal errors"
	if [ "$rc" -gt 2 ] || [ "$panics" -gt 0 ] || [ "$ierrs" -gt 0 ] || [ "$findings" = "?" ]; then
		note "FAILED: robustness $name; see $log.{json,err}"
		FAILED=1
	fi
}

if [ "$ROBUST" = 1 ]; then
	robust std "$(go env GOROOT)/src" std
	for name in "${MODS[@]}"; do
		robust "$name" "$WORK/src/$name" ./...
	done
fi

# ---- report ---------------------------------------------------------------

versions=""
for name in "${MODS[@]}"; do versions+="${MODULE[$name]}@${VERSION[$name]} "; done
report_args=(-results "$RESULTS" -robustness "$ROBUSTNESS" -reps "$REPS" -modules "$versions"
	-go "$(go version)" -nproc "$(nproc)"
	-cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
	-mem "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
	-date "$(date -u +%Y-%m-%d)")
"$BIN/benchreport" report "${report_args[@]}" | tee "$RES/report.md"
if [ "$WRITE" = 1 ]; then
	"$BIN/benchreport" write -doc "$ROOT/docs/PERFORMANCE.md" <"$RES/report.md" ||
		die "cannot update docs/PERFORMANCE.md"
	note "wrote the '## Checker and vet tool' section of docs/PERFORMANCE.md"
fi
note "raw results in $RES"
[ "$FAILED" = 0 ] || die "some runs failed (see above)"
