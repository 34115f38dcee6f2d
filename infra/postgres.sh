#!/usr/bin/env bash
# Project-private PostgreSQL cluster for development and integration tests (Debian packages, no Docker).
#
#   infra/postgres.sh start    # install (apt) if missing, initdb once, start, wait, create role+db; prints the URL
#   infra/postgres.sh stop     # fast shutdown (rolls back open transactions, then exits cleanly)
#   infra/postgres.sh status   # exit 0 when the server accepts connections
#   infra/postgres.sh url      # the SQLAlchemy URL (postgresql+psycopg://...)
#
# stdout carries only the URL (start/url), so `export AKTENFLUSS_TEST_PG_URL=$(infra/postgres.sh start)` works;
# progress goes to stderr. Data survives stop/start; delete the run dir for a fresh cluster.
#
# Env: AKTENFLUSS_PG_DIR (/tmp/aktenfluss-pg)  AKTENFLUSS_PG_PORT (25432)  AKTENFLUSS_PG_USER (aktenfluss)
#      AKTENFLUSS_PG_PASSWORD (aktenfluss)  AKTENFLUSS_PG_DB (aktenfluss)  AKTENFLUSS_PG_START_TIMEOUT (60)
set -euo pipefail

RUN=${AKTENFLUSS_PG_DIR:-/tmp/aktenfluss-pg}
PORT=${AKTENFLUSS_PG_PORT:-25432}
DB_USER=${AKTENFLUSS_PG_USER:-aktenfluss}
DB_PASSWORD=${AKTENFLUSS_PG_PASSWORD:-aktenfluss}
DB_NAME=${AKTENFLUSS_PG_DB:-aktenfluss}
TIMEOUT=${AKTENFLUSS_PG_START_TIMEOUT:-60}
DATA=$RUN/data
SOCKET=$RUN/socket
LOG=$RUN/postgres.log

say() { echo "postgres.sh: $*" >&2; }

pg_bin() {  # newest installed server version
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    [ "$(id -u)" = 0 ] || { say "PostgreSQL server is not installed: run 'apt-get install -y postgresql' as root"; exit 1; }
    say "installing PostgreSQL from Debian packages"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$dir"
}

as_owner() {  # initdb/postgres refuse to run as root: use the 'postgres' account then
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "postgresql+psycopg://$DB_USER:$DB_PASSWORD@127.0.0.1:$PORT/$DB_NAME"; }

ready() { pg_isready -q -h 127.0.0.1 -p "$PORT" -t "${1:-1}"; }

running() { [ -f "$DATA/postmaster.pid" ] && as_owner "$BIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1; }

sql() { as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET" -p "$PORT" -U postgres -d postgres "$@"; }

init_cluster() {
  mkdir -p "$RUN" "$SOCKET"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$RUN"
  chmod 700 "$RUN"
  if [ ! -f "$DATA/PG_VERSION" ]; then
    say "initdb $DATA"
    # superuser 'postgres' over the private unix socket only; the app role logs in over TCP with a password
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$RUN/initdb.log" 2>&1 \
      || { cat "$RUN/initdb.log" >&2; exit 1; }
  fi
}

create_role_and_db() {
  sql -v user="$DB_USER" -v pw="$DB_PASSWORD" -v db="$DB_NAME" <<'EOF'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'user', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
EOF
}

start() {
  BIN=$(pg_bin)
  init_cluster
  if running; then
    say "already running on 127.0.0.1:$PORT"
  else
    say "starting $("$BIN/postgres" --version) on 127.0.0.1:$PORT (log $LOG)"
    as_owner "$BIN/pg_ctl" start -D "$DATA" -l "$LOG" -w -t "$TIMEOUT" \
      -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$SOCKET -c max_connections=100" \
      >/dev/null || { say "start failed:"; tail -n 30 "$LOG" >&2; exit 1; }
  fi
  local deadline=$((SECONDS + TIMEOUT))
  until ready 2; do
    (( SECONDS < deadline )) || { say "not ready after ${TIMEOUT}s"; tail -n 30 "$LOG" >&2; exit 1; }
    sleep 0.5
  done
  create_role_and_db
  url
}

stop() {
  BIN=$(pg_bin)
  if ! running; then say "not running"; return 0; fi
  as_owner "$BIN/pg_ctl" stop -D "$DATA" -m fast -w -t "$TIMEOUT" >/dev/null
  say "stopped"
}

status() {
  BIN=$(pg_bin)
  if running && ready 2; then say "running on 127.0.0.1:$PORT ($DATA)"; return 0; fi
  say "not running"; return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) url ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
