#!/usr/bin/env bash
# A PostgreSQL server for the parity tests, on a fresh Debian machine or an already prepared one:
# installs Debian's `postgresql`, starts its cluster on 127.0.0.1, creates the role and database
# `pipeprism` (UTF-8, C.UTF-8 locale) and prints the connection URL on stdout as the last line.
# Idempotent: every step checks first. Needs root or sudo. Everything else goes to stderr.
#
#   export PIPEPRISM_TEST_PG="$(scripts/ci-postgres.sh | tail -n 1)"
set -euo pipefail

PORT="${PIPEPRISM_PG_PORT:-5432}"
USER_NAME="pipeprism"
PASSWORD="pipeprism"
DATABASE="pipeprism"

log() { echo "ci-postgres: $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root runuser -u postgres -- "$@"; }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || ! command -v pg_lsclusters >/dev/null 2>&1; then
  log "installing postgresql"
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
  log "creating cluster $VERSION/main"
  as_root pg_createcluster --locale C.UTF-8 --encoding UTF8 --port "$PORT" "$VERSION" main >&2
fi

# Listen on 127.0.0.1:PORT only (a conf.d drop-in; Debian's postgresql.conf includes conf.d);
# restart a running cluster when a setting changed.
changed=0
CONF_DIR="/etc/postgresql/$VERSION/main"
if [ "$(as_root pg_conftool -s "$VERSION" main show port 2>/dev/null || true)" != "$PORT" ]; then
  as_root pg_conftool "$VERSION" main set port "$PORT" >&2
  changed=1
fi
DROP_IN="$CONF_DIR/conf.d/pipeprism.conf"
WANTED="listen_addresses = '127.0.0.1'"
if [ "$(as_root cat "$DROP_IN" 2>/dev/null || true)" != "$WANTED" ]; then
  as_root mkdir -p "$CONF_DIR/conf.d"
  echo "$WANTED" | as_root tee "$DROP_IN" >/dev/null
  changed=1
fi

status="$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" { print $4 }')"
if [ "$status" = "online" ] && [ "$changed" = 1 ]; then
  log "restarting cluster $VERSION/main"
  as_root pg_ctlcluster "$VERSION" main restart >&2
elif [ "$status" != "online" ]; then
  log "starting cluster $VERSION/main"
  as_root pg_ctlcluster "$VERSION" main start >&2
fi

for _ in $(seq 1 30); do
  if pg_isready -q -h 127.0.0.1 -p "$PORT"; then break; fi
  sleep 1
done
pg_isready -h 127.0.0.1 -p "$PORT" >&2

psql_admin() { as_postgres psql -p "$PORT" -v ON_ERROR_STOP=1 -qtAX "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'")" != "1" ]; then
  log "creating role $USER_NAME"
  psql_admin -c "CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != "1" ]; then
  log "creating database $DATABASE"
  psql_admin -c "CREATE DATABASE $DATABASE OWNER $USER_NAME ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
fi

echo "postgres://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
