#!/usr/bin/env bash
# Private FreeRADIUS for tests on 127.0.0.1:${RADIUS_PORT:-1812}/udp, one virtual server (radius/site.tmpl),
# client 127.0.0.1 with secret ${RADIUS_SECRET:-atrium-radius-secret}, users in radius/users.
#   radius.sh start|stop|status|restart|acquire ID PID|release ID   (leases: see lib.sh)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Debian packages: .ci/apt/radius.txt, installed by the first start or lease when missing.
SERVICE_PACKAGES="radius"

PORT="${RADIUS_PORT:-1812}"
SECRET="${RADIUS_SECRET:-atrium-radius-secret}"
MFA_CODE="${RADIUS_MFA_CODE:-246810}"
NAME="radius"
[ "$PORT" = "1812" ] || NAME="radius-$PORT"
STATE="$SERVICES_DIR/$NAME"
RADDB="$STATE/raddb"
PIDFILE="$STATE/run/freeradius.pid"
LOG="$STATE/log/radius.log"
TPL="$TEMPLATES_DIR/radius"

ready() {
  pid_alive "$PIDFILE" &&
    radtest -t pap alice Alice-Radius-1 "127.0.0.1:$PORT" 0 "$SECRET" 2>/dev/null | grep -q Access-Accept
}

do_start() {
  stop_pidfile "$PIDFILE"
  rm -rf "$STATE"
  mkdir -p "$STATE/run" "$STATE/log"
  # Start from Debian's tree (modules, dictionaries, policies), then replace everything that listens or decides.
  cp -rL /etc/freeradius/3.0 "$RADDB"
  rm -f "$RADDB"/sites-enabled/* "$RADDB/mods-enabled/eap"
  sed -e "s#@PORT@#$PORT#g" -e "s#@MFA_CODE@#$MFA_CODE#g" "$TPL/site.tmpl" >"$RADDB/sites-enabled/atrium-test"
  sed -e "s#@SECRET@#$SECRET#g" "$TPL/clients.conf.tmpl" >"$RADDB/clients.conf"
  cp "$TPL/push-delay.tmpl" "$RADDB/mods-enabled/push_delay"
  cp "$TPL/users" "$RADDB/mods-config/files/authorize"
  # Own paths, no privilege drop (the state dir belongs to the caller), and no 1 s penalty on every reject.
  sed -i -E \
    -e "s#^(\s*)logdir = .*#\1logdir = $STATE/log#" \
    -e "s#^(\s*)raddbdir = .*#\1raddbdir = $RADDB#" \
    -e "s#^(\s*)run_dir = .*#\1run_dir = $STATE/run#" \
    -e "s#^(\s*)(user|group) = freerad#\1\# \2 = freerad#" \
    -e "s#^(\s*)reject_delay = .*#\1reject_delay = 0#" \
    "$RADDB/radiusd.conf"
  chmod -R go-w "$RADDB"

  # fd 9 holds the start lock (lib.sh with_lock): the daemon must not inherit it.
  freeradius -d "$RADDB" >>"$STATE/log/startup.log" 2>&1 9>&- || {
    cat "$STATE/log/startup.log" >>"$LOG"
    fail "$LOG" "freeradius failed to start"
  }
  wait_until 20 ready || fail "$LOG" "freeradius did not accept alice on 127.0.0.1:$PORT"
}

do_stop() { stop_pidfile "$PIDFILE"; }
describe() { echo "127.0.0.1:$PORT/udp (secret $SECRET)"; }

service_main "$NAME" "$@"
