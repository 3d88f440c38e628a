#!/usr/bin/env bash
# Builds the FerretDB launcher used by the test harness and tools/run-local.sh.
# Idempotent: rebuilds only when the binary is missing or older than its sources,
# so repeated test runs stay fast and silent.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

bin=bin/ferretdb-launcher
if [[ -x $bin && -z $(find . -maxdepth 1 \( -name "*.go" -o -name "go.mod" -o -name "go.sum" \) -newer "$bin") ]]; then
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "tools/ferretdb/build.sh: 'go' is not installed; install Go 1.22+ to build the FerretDB launcher" >&2
  exit 1
fi

echo "Building FerretDB launcher ($bin)..." >&2
mkdir -p bin
# Build to a temp name and rename, so an interrupted build never leaves a broken binary
# that looks up to date.
go build -o "$bin.tmp" .
mv -f "$bin.tmp" "$bin"
