#!/usr/bin/env bash
# SimpleSAMLphp (Debian's, PHP, not Node) as a SAML 2.0 IdP for tests, on PHP's built-in web server:
# http://127.0.0.1:${SAML_IDP_PORT:-8181}/ — entity id and metadata .../saml2/idp/metadata.php, SSO
# .../saml2/idp/SSOService.php. It signs with its own key pair (made at start: $STATE/cert/idp.crt) and answers with
# persistent NameIDs. Users: saml-idp/authsources.php.tmpl. Service providers are registered by the tests as JSON
# files in $STATE/sp/ (see saml-idp/metadata/saml20-sp-remote.php).
#   saml-idp.sh start|stop|status|restart|acquire ID PID|release ID   (leases: see lib.sh)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Debian packages: .ci/apt/identity.txt (SimpleSAMLphp, PHP, curl) and ldap.txt (nc), installed by the first start or lease.
SERVICE_PACKAGES="identity ldap"

PORT="${SAML_IDP_PORT:-8181}"
NAME="saml-idp"
STATE="$SERVICES_DIR/$NAME"
PIDFILE="$STATE/php.pid"
LOG="$STATE/php.log"
WWW=/usr/share/simplesamlphp/www
URL="http://127.0.0.1:$PORT"

ready() {
  pid_alive "$PIDFILE" && curl -fsS -o /dev/null --max-time 5 "$URL/saml2/idp/metadata.php"
}

render() {
  sed -e "s#@STATE@#$STATE#g" -e "s#@TEMPLATES@#$TEMPLATES_DIR/saml-idp#g" -e "s#@PORT@#$PORT#g" \
    -e "s#@SALT@#$(cat "$STATE/salt")#g" "$TEMPLATES_DIR/saml-idp/$1.tmpl" >"$STATE/config/$1"
}

do_start() {
  stop_pidfile "$PIDFILE"
  tcp_open 127.0.0.1 "$PORT" && fail "$LOG" "saml-idp: port $PORT is used by another process"
  # Registered SPs survive a restart (a test may lease again); sessions, logs and keys start afresh.
  rm -rf "$STATE/config" "$STATE/cert" "$STATE/sessions" "$STATE/tmp" "$STATE/log" "$STATE/data"
  mkdir -p "$STATE/config" "$STATE/cert" "$STATE/sessions" "$STATE/tmp" "$STATE/log" "$STATE/data" "$STATE/sp"
  : >"$LOG"
  openssl rand -hex 24 >"$STATE/salt"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Atrium test SimpleSAMLphp IdP" \
    -keyout "$STATE/cert/idp.key" -out "$STATE/cert/idp.crt" >>"$LOG" 2>&1 || fail "$LOG" "openssl failed"
  render config.php
  render authsources.php
  # php -S serves www/ and runs module.php/… with PATH_INFO like a web server would. fd 9 holds the start lock.
  SIMPLESAMLPHP_CONFIG_DIR="$STATE/config" ATRIUM_SAML_IDP_SP_DIR="$STATE/sp" \
    php -S "127.0.0.1:$PORT" -t "$WWW" >>"$LOG" 2>&1 9>&- </dev/null &
  echo $! >"$PIDFILE"
  wait_until 20 ready || fail "$LOG" "SimpleSAMLphp did not answer on $URL"
}

do_stop() { stop_pidfile "$PIDFILE"; }
describe() { echo "$URL (metadata $URL/saml2/idp/metadata.php)"; }

service_main "$NAME" "$@"
