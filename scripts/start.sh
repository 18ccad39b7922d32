#!/usr/bin/env bash
# The README's first command: starts the platform (`npm run dev`, scripts/dev.ts) on a machine where
# nothing was installed by hand: Node 22 where the system's is older, the packages with npm ci on
# first use (scripts/setup.sh). Arguments go to the dev script:
#
#   scripts/start.sh [--chain <rpc-url>] [--once]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=setup.sh
source scripts/setup.sh
exec npm run dev -- "$@"
