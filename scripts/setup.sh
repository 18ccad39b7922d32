#!/usr/bin/env bash
# Source this file (the two commands, scripts/start.sh and scripts/test-all.sh, do): Node.js >= 22.13
# first on PATH (scripts/node22.sh), then the packages of package-lock.json installed with `npm ci`
# when node_modules is missing or older than the lockfile (a first run, a pull that changed it).
#
#   source scripts/setup.sh

# shellcheck source=node22.sh
source "$(dirname "${BASH_SOURCE[0]}")/node22.sh" || return 1 2>/dev/null || exit 1

ow_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$ow_root/node_modules/.package-lock.json" ] ||
  [ "$ow_root/package-lock.json" -nt "$ow_root/node_modules/.package-lock.json" ]; then
  echo "setup: installing the packages of package-lock.json (npm ci; a few minutes)" >&2
  (cd "$ow_root" && npm ci --no-audit --no-fund) || {
    echo "setup: npm ci failed" >&2
    return 1 2>/dev/null || exit 1
  }
fi
unset ow_root
