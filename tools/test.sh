#!/usr/bin/env bash
# The one command that runs the whole suite on a fresh Debian/Ubuntu machine with Node and Go:
# it provisions what the vitest global setup needs (Node 24, redis-server, the FerretDB launcher,
# deps) and then runs what `npm test` runs (typecheck + lint + vitest with real Redis and FerretDB),
# and with FAULTS=1 the short fault runs too.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Node 24 first on PATH for everything below (fetched once into .cache/node/ if the local is older).
source tools/node-env.sh
echo "==> node $(node --version) ($(command -v node))" >&2

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# The global setup spawns its own redis-server unless REDIS_URL points at an existing one.
if [[ -z ${REDIS_URL:-} ]] && ! command -v redis-server >/dev/null 2>&1; then
  echo "==> Installing redis-server (apt-get)" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server
fi

# Likewise FerretDB, unless MONGODB_URI points at an existing MongoDB-wire server.
if [[ -z ${MONGODB_URI:-} ]]; then
  if [[ ! -x tools/ferretdb/bin/ferretdb-launcher ]] && ! command -v go >/dev/null 2>&1; then
    echo "error: Go is required to build the FerretDB test server (tools/ferretdb)." >&2
    echo "       Install Go 1.22+ (https://go.dev/dl/) or set MONGODB_URI to a running MongoDB." >&2
    exit 1
  fi
  bash tools/ferretdb/build.sh
fi

# The browser tests drive Debian's chromium through playwright-core (no browser download).
if ! command -v chromium >/dev/null 2>&1; then
  echo "==> Installing chromium (apt-get)" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
fi

# npm writes node_modules/.package-lock.json on every install, so it dates the installed tree.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "==> npm ci" >&2
  npm ci --no-audit --no-fund
fi

# The JSON report feeds the one-line summary CI reads; the default reporter stays for people.
mkdir -p .test-results
rm -f .test-results/vitest.json
status=0
# What `npm test` does (typecheck, lint, vitest), with the typecheck beside the tests rather than
# before them: it keeps one core busy for about ten seconds while the tests mostly wait.
npm run --silent typecheck > .test-results/typecheck.log 2>&1 &
typecheck=$!
{ npm run --silent lint && npx vitest run --reporter=default --reporter=json \
  --outputFile.json=.test-results/vitest.json; } || status=$?
if ! wait "$typecheck"; then
  echo "==> typecheck failed" >&2
  cat .test-results/typecheck.log >&2
  status=1
fi
node tools/summarize-tests.mjs .test-results/vitest.json

# The short fault runs (bench/faults/run.ts): real processes, a worker killed right after Slack
# accepted a message, the database killed and restarted, event retries and double presses.
# Any lost or duplicated message fails the build. They take minutes, not seconds, so they run
# with FAULTS=1: CI (.ci/run) always sets it; a developer's quick run leaves them out.
if [[ ${FAULTS:-0} != 0 ]]; then
  echo "==> fault runs (FAULTS_SHORT=1 npm run faults)" >&2
  FAULTS_SHORT=1 npm run --silent faults || status=1
fi
exit "$status"
