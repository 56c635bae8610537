#!/usr/bin/env bash
# Installs every Debian package listed in .ci/apt/*.txt with ONE apt-get call (the dpkg lock serialises
# calls anyway, and one call runs the triggers once). Fast no-op when everything is already installed.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

mapfile -t PACKAGES < <(cat "$REPO"/.ci/apt/*.txt 2>/dev/null | sed -e 's/#.*//' -e 's/[[:space:]]//g' | grep -v '^$' | sort -u)
[ "${#PACKAGES[@]}" -eq 0 ] && exit 0

missing=()
for pkg in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

echo "install.sh: installing ${missing[*]}" >&2
# Package post-install scripts would start the distribution's own daemons on 0.0.0.0; policy-rc.d exit 101
# forbids that. Only remove it if we created it.
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod 755 /usr/sbin/policy-rc.d
  created_policy=1
fi
cleanup() { [ "$created_policy" -eq 1 ] && $SUDO rm -f /usr/sbin/policy-rc.d; return 0; }
trap cleanup EXIT
# The man-db trigger rebuilds its index on every install; without this flag file it is a no-op.
$SUDO rm -f /var/lib/man-db/auto-update

apt_install() {
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y \
    --no-install-recommends "${missing[@]}"
}
if ! apt_install; then
  # Usually stale or missing package lists on a fresh machine: refresh once and retry.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 update
  apt_install
fi
