#!/usr/bin/env bash
# Shared helpers for the test service scripts (sourced, not executed).
# Every service keeps config, data, logs and its pid file under $REPO/.services/<name>/ (gitignored).
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVICES_DIR="$REPO/.services"
TEMPLATES_DIR="$REPO/test/services"
APT_LISTS_DIR="$REPO/.ci/apt"

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

# Debian packages, by area: .ci/apt/<area>.txt lists one package a line (`#` starts a comment).

# package_areas: every area that has a list.
package_areas() {
  local file
  for file in "$APT_LISTS_DIR"/*.txt; do
    [ -e "$file" ] && basename "$file" .txt
  done
  return 0
}

# area_packages <area>...: the packages the areas list, sorted and unique.
area_packages() {
  local area
  for area in "$@"; do sed -e 's/#.*//' -e 's/[[:space:]]//g' "$APT_LISTS_DIR/$area.txt"; done | grep -v '^$' | sort -u
}

# missing_packages <package>...: those dpkg does not report as installed (one dpkg-query for all).
missing_packages() {
  local installed pkg
  installed="$(dpkg-query -W -f='${Status} ${Package}\n' "$@" 2>/dev/null | sed -n 's/^install ok installed //p' || true)"
  for pkg in "$@"; do
    grep -qxF -- "$pkg" <<<"$installed" || echo "$pkg"
  done
}

# package_installer: "root", "sudo" (sudo without a password) or nothing, when this process cannot install packages.
package_installer() {
  if [ "$(id -u)" -eq 0 ]; then
    echo root
  elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    echo sudo
  fi
  return 0
}

# install_hint <area>...: the command a person runs once to install the areas' packages (our script, so that the
# packages' own daemons stay stopped).
install_hint() {
  local command
  command="bash $(printf '%q' "$TEMPLATES_DIR/ensure-packages.sh") $*"
  if command -v sudo >/dev/null 2>&1; then echo "sudo $command"; else echo "su root -c '$command'"; fi
}

# apt_install <runner...> -- <package>...: ONE apt-get call for all packages, as root or through `sudo -n`. Output goes
# to .services/packages.log; on failure the log's tail is printed.
apt_install() {
  local -a as=()
  while [ "$1" != "--" ]; do as+=("$1"); shift; done
  shift
  local log="$SERVICES_DIR/packages.log" created_policy=0 status=0
  # Package post-install scripts would start the distribution's own daemons on 0.0.0.0 (and take our ports);
  # policy-rc.d exit 101 forbids that. Only remove it if we created it.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | "${as[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${as[@]}" chmod 755 /usr/sbin/policy-rc.d
    created_policy=1
  fi
  # The man-db trigger rebuilds its index on every install; without this flag file it is a no-op.
  "${as[@]}" rm -f /var/lib/man-db/auto-update
  local -a apt=("${as[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900)
  echo "--- $(date -u +%FT%TZ) install $*" >>"$log"
  # fds 8 and 9 hold our locks: nothing apt starts may keep them. A failed install usually means missing or stale
  # package lists (a fresh machine): refresh them once and retry.
  if ! "${apt[@]}" install -y --no-install-recommends "$@" >>"$log" 2>&1 8>&- 9>&-; then
    { "${apt[@]}" update && "${apt[@]}" install -y --no-install-recommends "$@"; } >>"$log" 2>&1 8>&- 9>&- || status=$?
  fi
  [ "$created_policy" -eq 1 ] && "${as[@]}" rm -f /usr/sbin/policy-rc.d
  if [ "$status" -ne 0 ]; then
    echo "ensure-packages: apt-get install $* failed (exit $status); last lines of $log:" >&2
    tail -n 20 "$log" >&2
  fi
  return "$status"
}

# ensure_packages [--dry-run] <area>...: installs what the areas' lists name and dpkg lacks, in one apt-get call,
# serialised with .services/packages.lock (several test files start at once). Without root or passwordless sudo it
# fails at once with ONE line naming the packages and the command that installs them. --dry-run only says what it
# would do.
ensure_packages() {
  local dry_run=0 area installer
  local -a wanted missing runner
  [ "${1:-}" = "--dry-run" ] && { dry_run=1; shift; }
  [ "$#" -gt 0 ] || { echo "usage: ensure_packages [--dry-run] AREA... (areas: $(package_areas | xargs))" >&2; return 2; }
  for area in "$@"; do
    [ -f "$APT_LISTS_DIR/$area.txt" ] || { echo "ensure-packages: no package list .ci/apt/$area.txt" >&2; return 2; }
  done
  mapfile -t wanted < <(area_packages "$@")
  [ "${#wanted[@]}" -gt 0 ] || return 0
  mapfile -t missing < <(missing_packages "${wanted[@]}")
  if [ "${#missing[@]}" -eq 0 ]; then
    [ "$dry_run" -eq 0 ] || echo "ensure-packages: installed: ${wanted[*]}"
    return 0
  fi
  installer="$(package_installer)"
  if [ -z "$installer" ]; then
    echo "ensure-packages: missing Debian packages ${missing[*]} ($(printf '.ci/apt/%s.txt ' "$@" | sed 's/ $//')) and no root or passwordless sudo to install them; run: $(install_hint "$@")" >&2
    return 1
  fi
  if [ "$dry_run" -eq 1 ]; then
    echo "ensure-packages: would install ${missing[*]} as $installer"
    return 0
  fi
  runner=()
  [ "$installer" = root ] || runner=(sudo -n)
  mkdir -p "$SERVICES_DIR"
  (
    flock -w 900 8 || { echo "ensure-packages: waited 900 s for $SERVICES_DIR/packages.lock" >&2; exit 1; }
    # Another test file may have installed them while we waited.
    mapfile -t missing < <(missing_packages "${wanted[@]}")
    [ "${#missing[@]}" -gt 0 ] || exit 0
    echo "ensure-packages: installing ${missing[*]} (as $installer)" >&2
    apt_install "${runner[@]}" -- "${missing[@]}"
  ) 8>"$SERVICES_DIR/packages.lock"
}

# ensure_service_packages: the packages of the service's SERVICE_PACKAGES areas. Called before the service's lock is
# taken: an install may wait for another one, and waiters on the service lock give up after 120 s.
ensure_service_packages() {
  # Unquoted on purpose: a space-separated list of area names.
  ensure_packages ${SERVICE_PACKAGES:?"$0 must set SERVICE_PACKAGES to its .ci/apt areas"}
}

# service_main <name> <command> [lease-id owner-pid]: the CLI shared by the service scripts, which define
# do_start (fails via `fail` if the server does not come up), do_stop, ready and describe, and set SERVICE_PACKAGES
# to their .ci/apt areas: `start` and `acquire` install those first.
service_main() {
  local name="$1" cmd="${2:-}" lease_id="${3:-}" owner_pid="${4:-}"
  local marker="$SERVICES_DIR/$name.leased" leases="$SERVICES_DIR/$name.leases"
  case "$cmd" in
    start)
      ensure_service_packages
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
      ensure_service_packages
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
