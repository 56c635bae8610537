#!/usr/bin/env bash
# Installs every Debian package listed in .ci/apt/*.txt that is missing, in ONE apt-get call (ensure_packages in
# lib.sh). Fast no-op when everything is already installed. Tests do not need it: each suite and service script
# installs its own area's packages on first use.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mapfile -t areas < <(package_areas)
[ "${#areas[@]}" -eq 0 ] || ensure_packages "${areas[@]}"
