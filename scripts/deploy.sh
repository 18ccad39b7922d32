#!/usr/bin/env bash
# `npm run deploy [-- --network <name>]`: deploys OneWindow (scripts/deploy.ts) to a network of
# hardhat.config.ts, `localhost` by default. Other arguments go to Hardhat.
set -euo pipefail
cd "$(dirname "$0")/.."
network=localhost
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --network) network=${2:?"--network needs a name (localhost, besu)"}; shift 2 ;;
    --network=*) network=${1#--network=}; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
exec npx hardhat run --network "$network" "${args[@]}" scripts/deploy.ts
