#!/usr/bin/env bash
# Installs the Debian packages of the named areas (.ci/apt/<area>.txt) that are missing, as root or through
# passwordless sudo; otherwise fails at once with one line naming them and the command that installs them.
#   ensure-packages.sh [--dry-run] AREA...      (--dry-run: only say what would happen)
# The service scripts and the test suites call this (see README.md, "Packages"); a no-op when all are installed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_packages "$@"
