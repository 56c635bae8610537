#!/usr/bin/env bash
# Shared helpers for the test service scripts (sourced, not executed).
# Every service keeps config, data, logs and its pid file under $REPO/.services/<name>/ (gitignored).
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVICES_DIR="$REPO/.services"
TEMPLATES_DIR="$REPO/test/services"

# pid_alive <pidfile>: true when the file names a live process.
pid_alive() {
  local pid
  [ -s "$1" ] || return 1
  pid="$(cat "$1" 2>/dev/null)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# stop_pidfile <pidfile> [label]: TERM, wait up to 10 s, then KILL; removes the pid file.
stop_pidfile() {
  local file="$1" pid i
  if pid_alive "$file"; then
    pid="$(cat "$file")"
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

# wait_until <seconds> <command...>: polls the command every 0.2 s until it succeeds or time runs out.
wait_until() {
  local deadline=$(( $(date +%s) + $1 ))
  shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

# fail <logfile> <message>: prints the message and the log tail, exits non-zero.
fail() {
  echo "$2" >&2
  if [ -f "$1" ]; then
    echo "--- last lines of $1" >&2
    tail -n 30 "$1" >&2
  fi
  exit 1
}

# with_lock <name>: serialises concurrent start/stop calls (two test files may ask at the same moment).
with_lock() {
  mkdir -p "$SERVICES_DIR"
  exec 9>"$SERVICES_DIR/$1.lock"
  flock -w 120 9 || { echo "timed out waiting for $SERVICES_DIR/$1.lock" >&2; exit 1; }
}

tcp_open() { nc -z -w 1 "$1" "$2"; }
