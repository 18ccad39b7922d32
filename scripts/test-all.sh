#!/usr/bin/env bash
# The README's second command, and what .ci/run runs: every test (`npm test`, scripts/test.sh) on a
# machine where nothing was installed by hand: Node 22 where the system's is older, the packages with
# npm ci on first use (scripts/setup.sh). PostgreSQL and Chromium come from Debian (README).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=setup.sh
source scripts/setup.sh
exec npm test
