#!/usr/bin/env bash
# Samba as an Active Directory domain controller for tests: realm EXAMPLE.TEST (NetBIOS EXAMPLE), base
# DC=example,DC=test, tenants OU=acme and OU=globex (samba-ad/seed.py).
#   samba-ad.sh start|stop|status|restart|acquire ID PID|release ID   (leases: see lib.sh)
#
# Samba's LDAP server has no port setting (389 and 636 are built in), and those ports are reserved on the host, so
# the DC runs in its own network namespace ($NS) where it owns them, reachable from the host over a veth pair:
# ldap://10.213.13.2:389 and ldaps://10.213.13.2:636 (certificate from the domain CA in $STATE/dc/tls/ca.pem, for
# dc1.example.test and 10.213.13.2). Needs root (ip netns) like the rest of the service scripts.
#
# Provisioning (samba-tool domain provision) and seeding take about a minute on a loaded 2-core machine, so the
# first start keeps a tarball of the seeded domain ($STATE/golden.tar, keyed by the seed and this script) and later
# starts unpack it: every start still begins from the same fresh, seeded domain (lockouts and bad-password counts
# reset), in seconds.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Debian packages: .ci/apt/identity.txt (Samba) and ldap.txt (ldapsearch, nc), installed by the first start or lease.
SERVICE_PACKAGES="identity ldap"

NAME="samba-ad"
STATE="$SERVICES_DIR/$NAME"
RUN="$STATE/dc"
PIDFILE="$STATE/samba.pid"
LOG="$STATE/samba.log"
NS="atrium-ad"
HOST_IF="atrad0"
NS_IF="atrad1"
HOST_IP="10.213.13.1"
DC_IP="10.213.13.2"
URL="ldap://$DC_IP:389"
ADMIN_PW="Atrium-Adm1n-Pass"
PY=/usr/bin/python3 # Samba's bindings live in Debian's python, not in whatever python is first on PATH

ready() {
  pid_alive "$PIDFILE" &&
    ldapsearch -x -LLL -o nettimeout=2 -H "$URL" -D "Administrator@example.test" -w "$ADMIN_PW" \
      -b "DC=example,DC=test" -s base dn >/dev/null 2>&1
}

ensure_network() {
  ip netns exec "$NS" true 2>/dev/null || ip netns add "$NS"
  ip -n "$NS" link set lo up
  if ! ip link show "$HOST_IF" >/dev/null 2>&1; then
    ip link add "$HOST_IF" type veth peer name "$NS_IF" netns "$NS"
  fi
  ip addr replace "$HOST_IP/30" dev "$HOST_IF"
  ip link set "$HOST_IF" up
  ip -n "$NS" addr replace "$DC_IP/30" dev "$NS_IF"
  ip -n "$NS" link set "$NS_IF" up
}

# The domain CA and the DC's certificate (what AD Certificate Services would issue); clients trust ca.pem.
make_tls() {
  local dir="$RUN/tls"
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=EXAMPLE Test Domain CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" >>"$LOG" 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=dc1.example.test" -keyout "$dir/server.key" \
    -out "$dir/server.csr" >>"$LOG" 2>&1
  printf 'subjectAltName=DNS:dc1.example.test,IP:%s\nextendedKeyUsage=serverAuth\n' "$DC_IP" >"$dir/ext.cnf"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 3650 \
    -extfile "$dir/ext.cnf" -out "$dir/server.pem" >>"$LOG" 2>&1
  chmod 600 "$dir/server.key" "$dir/ca.key"
}

provision() {
  rm -rf "$RUN"
  mkdir -p "$RUN"
  make_tls
  # Only the LDAP service: no DNS, Kerberos, SMB or RPC.
  samba-tool domain provision --targetdir="$RUN" --realm=EXAMPLE.TEST --domain=EXAMPLE --server-role=dc \
    --dns-backend=NONE --host-name=dc1 --adminpass="$ADMIN_PW" --use-rfc2307 \
    --option="interfaces = $NS_IF" --option="bind interfaces only = yes" \
    --option="server services = ldap" \
    --option="tls enabled = yes" --option="tls keyfile = $RUN/tls/server.key" \
    --option="tls certfile = $RUN/tls/server.pem" --option="tls cafile = $RUN/tls/ca.pem" \
    --option="log file = $STATE/samba.log" --option="pid directory = $RUN/pid" \
    --option="ncalrpc dir = $RUN/ncalrpc" --option="winbindd socket directory = $RUN/winbindd" \
    >>"$LOG" 2>&1 || fail "$LOG" "samba-tool domain provision failed"
  # Simple binds over plain LDAP too (provision drops this option), so tests see both LDAP and LDAPS.
  sed -i 's/^\[global\]$/[global]\n\tldap server require strong auth = no/' "$RUN/etc/smb.conf"
  "$PY" "$TEMPLATES_DIR/samba-ad/seed.py" "$RUN/etc/smb.conf" >>"$LOG" 2>&1 || fail "$LOG" "seeding the domain failed"
}

golden_key() {
  cat "$TEMPLATES_DIR/samba-ad/seed.py" "$0" | sha256sum | cut -c1-16
  dpkg-query -W -f='${Version}' samba
}

do_start() {
  stop_pidfile "$PIDFILE"
  mkdir -p "$STATE"
  : >"$LOG"
  ensure_network
  local key
  key="$(golden_key | tr '\n' ' ')"
  if [ -s "$STATE/golden.tar" ] && [ "$(cat "$STATE/golden.key" 2>/dev/null)" = "$key" ]; then
    rm -rf "$RUN"
    tar -xf "$STATE/golden.tar" -C "$STATE"
  else
    provision
    tar -cf "$STATE/golden.tar" -C "$STATE" dc
    echo "$key" >"$STATE/golden.key"
  fi
  mkdir -p "$RUN/pid" "$RUN/ncalrpc" "$RUN/winbindd"
  # `ip netns exec` execs samba in place, so $! is samba's own pid. fd 9 holds the start lock (lib.sh).
  ip netns exec "$NS" samba -s "$RUN/etc/smb.conf" --foreground --no-process-group -M single \
    >>"$LOG" 2>&1 9>&- </dev/null &
  echo $! >"$PIDFILE"
  wait_until 60 ready || fail "$LOG" "samba did not answer on $URL"
}

do_stop() { stop_pidfile "$PIDFILE"; }
describe() { echo "$URL, ldaps://$DC_IP:636 (base DC=example,DC=test, network namespace $NS)"; }

service_main "$NAME" "$@"
