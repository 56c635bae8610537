#!/usr/bin/env bash
# A desktop to connect to: Xvfb :21 (1280x800x24) with twm and an xterm, x11vnc on 127.0.0.1:5901, a private
# sshd on 127.0.0.1:2222 for user atrium-desk, and xrdp on 127.0.0.1:3390 (TLS) bridging RDP to the VNC desktop.
#   desktop.sh start|stop|status|restart|acquire ID PID|release ID   (leases: see lib.sh)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Debian packages: .ci/apt/desktop.txt, installed by the first start or lease when missing.
SERVICE_PACKAGES="desktop"

DISPLAY_NUM="${DESKTOP_DISPLAY:-21}"
VNC_PORT="${DESKTOP_VNC_PORT:-5901}"
# VNC passwords are 8 characters at most (DES key).
VNC_PASSWORD="${DESKTOP_VNC_PASSWORD:-atrVnc01}"
SSH_PORT="${DESKTOP_SSH_PORT:-2222}"
SSH_USER="${DESKTOP_SSH_USER:-atrium-desk}"
SSH_PASSWORD="${DESKTOP_SSH_PASSWORD:-Desk-Pass-1}"
# Not 3389: a distribution xrdp or another RDP server may own the standard port.
RDP_PORT="${DESKTOP_RDP_PORT:-3390}"
NAME="desktop"
STATE="$SERVICES_DIR/$NAME"
LOG="$STATE/desktop.log"

desktop_ready() {
  pid_alive "$STATE/xvfb.pid" && pid_alive "$STATE/x11vnc.pid" && pid_alive "$STATE/sshd.pid" &&
    tcp_open 127.0.0.1 "$VNC_PORT" && tcp_open 127.0.0.1 "$SSH_PORT"
}
xrdp_ready() { pid_alive "$STATE/xrdp.pid" && tcp_open 127.0.0.1 "$RDP_PORT"; }
ready() { desktop_ready && xrdp_ready; }

# background <name> <command...>: starts a long-running process detached from our stdio, records its pid.
background() {
  local name="$1"
  shift
  nohup "$@" >>"$STATE/$name.log" 2>&1 </dev/null 9>&- &
  echo $! >"$STATE/$name.pid"
}

stop_all() {
  local name
  for name in xrdp sshd x11vnc xterm twm xvfb; do stop_pidfile "$STATE/$name.pid"; done
}

start_desktop() {
  stop_all

  background xvfb Xvfb ":$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp
  wait_until 15 test -S "/tmp/.X11-unix/X$DISPLAY_NUM" || fail "$STATE/xvfb.log" "Xvfb :$DISPLAY_NUM did not start"
  background twm twm -display ":$DISPLAY_NUM" -f "$TEMPLATES_DIR/desktop/twmrc"
  background xterm xterm -display ":$DISPLAY_NUM" -geometry 100x30+40+40

  x11vnc -storepasswd "$VNC_PASSWORD" "$STATE/vnc.passwd" >>"$LOG" 2>&1
  # -rfbportv6 -1 -noipv6: otherwise x11vnc also listens on [::].
  background x11vnc x11vnc -display ":$DISPLAY_NUM" -rfbport "$VNC_PORT" -rfbportv6 -1 -noipv6 -listen 127.0.0.1 \
    -rfbauth "$STATE/vnc.passwd" -shared -forever -quiet
  wait_until 15 tcp_open 127.0.0.1 "$VNC_PORT" || fail "$STATE/x11vnc.log" "x11vnc did not listen on $VNC_PORT"

  id "$SSH_USER" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$SSH_USER"
  echo "$SSH_USER:$SSH_PASSWORD" | chpasswd
  mkdir -p /run/sshd
  [ -f "$STATE/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N "" -f "$STATE/ssh_host_ed25519_key"
  [ -f "$STATE/ssh_host_rsa_key" ] || ssh-keygen -q -t rsa -b 3072 -N "" -f "$STATE/ssh_host_rsa_key"
  sed -e "s#@PORT@#$SSH_PORT#g" -e "s#@STATE@#$STATE#g" -e "s#@USER@#$SSH_USER#g" \
    "$TEMPLATES_DIR/desktop/sshd_config.tmpl" >"$STATE/sshd_config"
  # sshd daemonizes itself and writes PidFile.
  /usr/sbin/sshd -f "$STATE/sshd_config" -E "$STATE/sshd.log" 9>&- || fail "$STATE/sshd.log" "sshd failed to start"
  wait_until 15 tcp_open 127.0.0.1 "$SSH_PORT" || fail "$STATE/sshd.log" "sshd did not listen on $SSH_PORT"
}

start_xrdp() {
  stop_pidfile "$STATE/xrdp.pid"
  # xrdp offers TLS with its own self-signed certificate, as RDP servers usually do.
  [ -f "$STATE/xrdp-cert.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=atrium-test-desktop" \
    -keyout "$STATE/xrdp-key.pem" -out "$STATE/xrdp-cert.pem" >>"$LOG" 2>&1
  sed -e "s#@PORT@#$RDP_PORT#g" -e "s#@STATE@#$STATE#g" -e "s#@VNC_PORT@#$VNC_PORT#g" \
    "$TEMPLATES_DIR/desktop/xrdp.ini.tmpl" >"$STATE/xrdp.ini"
  background xrdp xrdp --nodaemon --config "$STATE/xrdp.ini"
  wait_until 15 tcp_open 127.0.0.1 "$RDP_PORT" || fail "$STATE/xrdp.log" "xrdp did not listen on $RDP_PORT"
}

# A desktop that is already up keeps running (other test processes may be connected to it); only what is missing
# starts, e.g. xrdp next to a desktop started before xrdp joined it.
do_start() {
  mkdir -p "$STATE"
  desktop_ready || { : >"$LOG"; start_desktop; }
  xrdp_ready || start_xrdp
}

do_stop() { stop_all; }
describe() {
  echo "X :$DISPLAY_NUM, VNC 127.0.0.1:$VNC_PORT (password $VNC_PASSWORD), SSH 127.0.0.1:$SSH_PORT ($SSH_USER / $SSH_PASSWORD), RDP 127.0.0.1:$RDP_PORT (TLS; password $VNC_PASSWORD)"
}

service_main "$NAME" "$@"
