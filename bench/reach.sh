#!/usr/bin/env bash
# bench/reach.sh: what reachability costs (issue 20, docs/PERFORMANCE.md
# "## Reachability").
#
# Runs this tree's scratchvet on real modules with reachability on and off
# (SCRATCHVET_REACHABILITY=off: every linked cause counts and the cheap scan
# parses only the files that may hold a site, as before reachability), A B A
# B, each run cold (bench/cold.sh does the runs: fresh GOCACHE per run, warm
# module cache). In cold.sh's table "before" is reachability off and
# "after" is on.
#
# Usage: flock /tmp/scratchvet-heavy.lock bench/reach.sh [-reps N] [-modules caddy,prometheus]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REPS=3 MODULES=caddy,prometheus
while [ $# -gt 0 ]; do
	case $1 in
	-reps) REPS=$2; shift ;;
	-modules) MODULES=$2; shift ;;
	*) echo "usage: $0 [-reps N] [-modules L]" >&2; exit 2 ;;
	esac
	shift
done
BIN=$ROOT/bench/work/reach/bin
mkdir -p "$BIN"
(cd "$ROOT" && go build -o "$BIN/scratchvet" ./cmd/scratchvet)
cat >"$BIN/scratchvet-reach-off" <<WRAP
#!/bin/sh
SCRATCHVET_REACHABILITY=off exec "$BIN/scratchvet" "\$@"
WRAP
chmod +x "$BIN/scratchvet-reach-off"
exec "$ROOT/bench/cold.sh" -reps "$REPS" -modules "$MODULES" -commands before,after \
	-before "$BIN/scratchvet-reach-off" -after "$BIN/scratchvet"
