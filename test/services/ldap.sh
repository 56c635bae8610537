#!/usr/bin/env bash
# Private OpenLDAP for tests: ldap://127.0.0.1:${LDAP_PORT:-1389}, suffix dc=example,dc=test, tenants ou=acme and
# ou=globex (see ldap/seed.ldif). Another LDAP_PORT gives an independent second instance (failover tests).
#   ldap.sh start|stop|status|restart|acquire ID PID|release ID   (leases: see lib.sh)
# The TCP port only opens once the data is loaded, so "port answers" means "ready" for callers.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Debian packages: .ci/apt/ldap.txt, installed by the first start or lease when missing.
SERVICE_PACKAGES="ldap"

PORT="${LDAP_PORT:-1389}"
NAME="ldap"
[ "$PORT" = "1389" ] || NAME="ldap-$PORT"
STATE="$SERVICES_DIR/$NAME"
PIDFILE="$STATE/slapd.pid"
LOG="$STATE/slapd.log"
ROOT_DN="cn=admin,dc=example,dc=test"
ROOT_PW="atrium-test-root"
URL="ldap://127.0.0.1:$PORT"

ldapi_url() { printf 'ldapi://%s' "$(printf '%s' "$STATE/ldapi" | sed 's#/#%2F#g')"; }

ready() {
  pid_alive "$PIDFILE" &&
    ldapsearch -x -LLL -H "$URL" -D "$ROOT_DN" -w "$ROOT_PW" -b "dc=example,dc=test" -s base dn >/dev/null 2>&1
}

# Clear-text `userPassword:` values in the seed become salted SHA hashes, as a real directory would store them.
hashed_seed() {
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    if [[ "$line" =~ ^userPassword:\ (.+)$ ]]; then
      printf 'userPassword: %s\n' "$(slappasswd -h '{SSHA}' -s "${BASH_REMATCH[1]}")"
    else
      printf '%s\n' "$line"
    fi
  done <"$TEMPLATES_DIR/ldap/seed.ldif"
}

run_slapd() {
  # slapd detaches itself and writes olcPidFile; stderr goes to the log.
  # fd 9 holds the start lock (lib.sh with_lock): the daemon must not inherit it.
  slapd -h "$1" -F "$STATE/config" -s 0 >>"$LOG" 2>&1 9>&- || fail "$LOG" "slapd failed to start ($1)"
  wait_until 15 test -s "$PIDFILE" || fail "$LOG" "slapd wrote no pid file"
}

do_start() {
  stop_pidfile "$PIDFILE"
  tcp_open 127.0.0.1 "$PORT" && fail "$LOG" "ldap: port $PORT is used by another process"
  rm -rf "$STATE/config" "$STATE/data"
  mkdir -p "$STATE/config" "$STATE/data"
  : >"$LOG"
  sed -e "s#@STATE@#$STATE#g" -e "s#@TEMPLATES@#$TEMPLATES_DIR/ldap#g" -e "s#@ROOTPW@#$(slappasswd -s "$ROOT_PW")#g" \
    "$TEMPLATES_DIR/ldap/config.ldif.tmpl" >"$STATE/config.ldif"
  slapadd -n0 -F "$STATE/config" -l "$STATE/config.ldif" >>"$LOG" 2>&1 || fail "$LOG" "slapadd of cn=config failed"

  # Phase 1: local socket only, load the data over LDAP so the memberof overlay maintains memberOf.
  run_slapd "$(ldapi_url)"
  wait_until 15 ldapsearch -x -H "$(ldapi_url)" -b "" -s base || fail "$LOG" "slapd (ldapi) did not answer"
  hashed_seed | ldapadd -x -H "$(ldapi_url)" -D "$ROOT_DN" -w "$ROOT_PW" >>"$LOG" 2>&1 || fail "$LOG" "loading seed failed"
  stop_pidfile "$PIDFILE"

  # Phase 2: the real listener.
  run_slapd "$URL $(ldapi_url)"
  wait_until 15 ready || fail "$LOG" "slapd did not answer on $URL"
}

do_stop() { stop_pidfile "$PIDFILE"; }
describe() { echo "$URL (base dc=example,dc=test)"; }

service_main "$NAME" "$@"
