#!/usr/bin/env bash
# The one command to run the bot locally: builds it, makes sure Redis and a MongoDB-wire server
# answer (starting local ones if the default addresses are free), then runs dist/main.js.
# Without Slack tokens (or with --playground) it runs the playground instead: the real bot
# with a local stand-in for Slack in the browser (dist/playground/main.js).
# Servers this script starts keep their data in .test-services/redis and .data/ferretdb and are
# stopped again when the bot exits.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The same Node as the tests: 24, fetched once into .cache/node/ if the local one is older.
source tools/node-env.sh

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
listening() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
wait_listening() {
  for _ in $(seq 100); do listening "$1" "$2" && return 0; sleep 0.1; done
  echo "error: $3 did not start listening on $1:$2 (see $4)" >&2
  exit 1
}
# The bot reads .env via node --env-file-if-exists; read the same value here (real env wins,
# as with node) so we check the server the bot will actually use.
setting() {
  local v=${!1:-}
  if [[ -z $v && -f .env ]]; then
    v=$(sed -n "s/^[[:space:]]*$1=//p" .env | tail -n 1 | tr -d "\"'\r")
  fi
  echo "${v:-$2}"
}
# host:port of a single-host URL such as redis://user:pw@host:6379/0 or mongodb://host:27017/db.
host_port() { local r=${1#*://}; r=${r##*@}; echo "${r%%[/?]*}"; }

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
npm run build

started=()
stop_servers() {
  ((${#started[@]})) || return 0
  kill -TERM "${started[@]}" 2>/dev/null || true
  wait "${started[@]}" 2>/dev/null || true
}
trap stop_servers EXIT

redis_hp=$(host_port "$(setting REDIS_URL redis://127.0.0.1:6379)")
[[ $redis_hp == *:* ]] || redis_hp+=:6379
if ! listening "${redis_hp%:*}" "${redis_hp##*:}"; then
  # Only start our own server at the local default address; anything else is the user's setup.
  [[ $redis_hp == 127.0.0.1:6379 || $redis_hp == localhost:6379 ]] || {
    echo "error: nothing listens at REDIS_URL ($redis_hp)" >&2
    exit 1
  }
  if ! command -v redis-server >/dev/null 2>&1; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server
  fi
  # On systemd hosts the package starts its own service; use it if it is now up.
  if ! listening 127.0.0.1 6379; then
    mkdir -p .test-services/redis
    redis-server --port 6379 --bind 127.0.0.1 --dir "$PWD/.test-services/redis" \
      >.test-services/redis/redis.log 2>&1 &
    started+=($!)
    wait_listening 127.0.0.1 6379 redis-server .test-services/redis/redis.log
    echo "==> started redis-server on 127.0.0.1:6379 (data in .test-services/redis)" >&2
  fi
fi

mongo_hp=$(host_port "$(setting MONGODB_URI mongodb://127.0.0.1:27017/mentorship)")
if [[ $mongo_hp == 127.0.0.1:27017 || $mongo_hp == localhost:27017 ]] &&
  ! listening 127.0.0.1 27017; then
  bash tools/ferretdb/build.sh
  mkdir -p .data/ferretdb
  tools/ferretdb/bin/ferretdb-launcher -listen 127.0.0.1:27017 -dir "$PWD/.data/ferretdb" \
    >.data/ferretdb/ferretdb.log 2>&1 &
  started+=($!)
  wait_listening 127.0.0.1 27017 ferretdb .data/ferretdb/ferretdb.log
  echo "==> started FerretDB on 127.0.0.1:27017 (data in .data/ferretdb)" >&2
fi

entry=dist/main.js
if [[ ${1:-} == --playground || -z $(setting SLACK_BOT_TOKEN "") ]]; then
  entry=dist/playground/main.js
fi

# Nothing to clean up: hand the process over to node so signals reach the bot directly.
((${#started[@]})) || exec node --env-file-if-exists=.env "$entry"

# Otherwise keep this shell alive to stop the servers afterwards, forwarding Ctrl-C/SIGTERM
# (background jobs ignore SIGINT in scripts, so the bot only hears about it through us).
node --env-file-if-exists=.env "$entry" &
bot=$!
trap 'kill -TERM "$bot" 2>/dev/null || true' INT TERM
status=0
while :; do
  wait "$bot" && status=0 || status=$?
  kill -0 "$bot" 2>/dev/null || break
done
exit "$status"
