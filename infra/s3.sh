#!/usr/bin/env bash
# Local S3-compatible server for development and integration tests: moto server from the project venv
# (moto[server] in the test extra). State lives in memory and is lost on stop.
#
#   infra/s3.sh start    # start in background, wait until it answers; prints the endpoint URL
#   infra/s3.sh stop     # SIGTERM, SIGKILL after 10 s
#   infra/s3.sh status   # exit 0 when it answers
#   infra/s3.sh url      # the endpoint URL (http://127.0.0.1:29000)
#
# stdout carries only the URL (start/url): `export AKTENFLUSS_TEST_S3_URL=$(infra/s3.sh start)`.
# Any access key / secret works against moto.
#
# Env: AKTENFLUSS_S3_PORT (29000)  AKTENFLUSS_S3_DIR (/tmp/aktenfluss-s3)  AKTENFLUSS_S3_START_TIMEOUT (30)
#      AKTENFLUSS_VENV (<repo>/.venv)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
VENV=${AKTENFLUSS_VENV:-$REPO/.venv}
PORT=${AKTENFLUSS_S3_PORT:-29000}
RUN=${AKTENFLUSS_S3_DIR:-/tmp/aktenfluss-s3}
TIMEOUT=${AKTENFLUSS_S3_START_TIMEOUT:-30}
PID=$RUN/moto.pid
LOG=$RUN/moto.log
URL="http://127.0.0.1:$PORT"

say() { echo "s3.sh: $*" >&2; }

answers() { # moto answers ListBuckets on / with HTTP 200
  "$VENV/bin/python" - "$URL" <<'EOF' >/dev/null 2>&1
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/", timeout=2) as response:
    sys.exit(0 if response.status == 200 else 1)
EOF
}

alive() { [ -f "$PID" ] && kill -0 "$(cat "$PID")" 2>/dev/null; }

start() {
  if alive && answers; then say "already running (pid $(cat "$PID")) on $URL"; echo "$URL"; return 0; fi
  if answers; then say "port $PORT already serves S3 (not started by this script); using it"; echo "$URL"; return 0; fi
  [ -x "$VENV/bin/moto_server" ] || {
    say "moto_server missing: run '$VENV/bin/pip install \"moto[server]\"' (test extra of pyproject.toml)"; exit 1; }
  mkdir -p "$RUN"
  say "starting moto server on $URL (log $LOG)"
  nohup "$VENV/bin/moto_server" -H 127.0.0.1 -p "$PORT" >"$LOG" 2>&1 </dev/null &
  echo $! >"$PID"
  local deadline=$((SECONDS + TIMEOUT))
  until answers; do
    alive || { say "moto server exited during startup:"; tail -n 20 "$LOG" >&2; rm -f "$PID"; exit 1; }
    (( SECONDS < deadline )) || { say "not answering after ${TIMEOUT}s"; tail -n 20 "$LOG" >&2; exit 1; }
    sleep 0.3
  done
  echo "$URL"
}

stop() {
  alive || { say "not running"; rm -f "$PID"; return 0; }
  local pid; pid=$(cat "$PID")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || { rm -f "$PID"; say "stopped"; return 0; }; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PID"; say "killed"
}

status() {
  if answers; then say "running on $URL"; return 0; fi
  say "not running"; return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
