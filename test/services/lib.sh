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

# with_lock <name>: serialises concurrent start/stop calls (two test files may ask at the same moment). Held on fd 9
# until the script exits; daemons must be started with `9>&-` so they do not keep it.
with_lock() {
  mkdir -p "$SERVICES_DIR"
  exec 9>"$SERVICES_DIR/$1.lock"
  flock -w 120 9 || { echo "timed out waiting for $SERVICES_DIR/$1.lock" >&2; exit 1; }
}

tcp_open() { nc -z -w 1 "$1" "$2"; }

# Leases let concurrent test processes share a server: `acquire` starts it when needed, and the last `release`
# stops it again — but only if a lease started it. A server started with `start` (all.sh, CI) is left running.
count_live_leases() {
  local dir="$SERVICES_DIR/$1.leases" file n=0
  for file in "$dir"/*; do
    [ -e "$file" ] || continue
    if kill -0 "$(cat "$file" 2>/dev/null)" 2>/dev/null; then n=$((n + 1)); else rm -f "$file"; fi
  done
  echo "$n"
}

# service_main <name> <command> [lease-id owner-pid]: the CLI shared by the service scripts, which define
# do_start (fails via `fail` if the server does not come up), do_stop, ready and describe.
service_main() {
  local name="$1" cmd="${2:-}" lease_id="${3:-}" owner_pid="${4:-}"
  local marker="$SERVICES_DIR/$name.leased" leases="$SERVICES_DIR/$name.leases"
  case "$cmd" in
    start)
      with_lock "$name"
      rm -f "$marker"
      if ready; then echo "$name: already running, $(describe)"; else do_start && echo "$name: $(describe)"; fi
      ;;
    stop)
      with_lock "$name"
      do_stop
      rm -rf "$marker" "$leases"
      echo "$name: stopped"
      ;;
    restart)
      "$0" stop && "$0" start
      ;;
    status)
      if ready; then echo "$name: running, $(describe)"; else echo "$name: not running"; return 1; fi
      ;;
    acquire)
      [[ "$lease_id" =~ ^[A-Za-z0-9_-]+$ && "$owner_pid" =~ ^[0-9]+$ ]] || { echo "usage: $0 acquire ID PID" >&2; return 2; }
      with_lock "$name"
      mkdir -p "$leases"
      echo "$owner_pid" >"$leases/$lease_id"
      if ! ready; then
        do_start
        touch "$marker"
      fi
      echo "$name: $(describe)"
      ;;
    release)
      [[ "$lease_id" =~ ^[A-Za-z0-9_-]+$ ]] || { echo "usage: $0 release ID" >&2; return 2; }
      with_lock "$name"
      rm -f "$leases/$lease_id"
      if [ -e "$marker" ] && [ "$(count_live_leases "$name")" -eq 0 ]; then
        do_stop
        rm -f "$marker"
        echo "$name: stopped (last lease released)"
      fi
      ;;
    *)
      echo "usage: $0 start|stop|restart|status|acquire ID PID|release ID" >&2
      return 2
      ;;
  esac
}
