#!/usr/bin/env bash
# Installs the Debian packages (.ci/apt/*.txt) and starts every test server: LDAP, RADIUS, desktop (X/VNC/SSH).
#   all.sh start|stop|status
# Each service script waits for its own readiness and exits non-zero with its log tail when it fails.
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

case "${1:-}" in
  start)
    "$DIR/install.sh"
    "$DIR/ldap.sh" start
    "$DIR/radius.sh" start
    "$DIR/desktop.sh" start
    ;;
  stop)
    status=0
    for svc in desktop radius ldap; do "$DIR/$svc.sh" stop || status=1; done
    exit "$status"
    ;;
  status)
    status=0
    for svc in ldap radius desktop; do "$DIR/$svc.sh" status || status=1; done
    exit "$status"
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
