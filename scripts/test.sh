#!/usr/bin/env bash
# `npm test`: every test of the repository, in order, failing on the first failing part.
# Ends with one line `N passed, N failed` summing all parts.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/node22.sh

passed=0
failed=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

# Count "N passing"/"N failing" (mocha, Hardhat's Solidity runner), "# pass N"/"# fail N" (node:test),
# then "N passed"/"N failed" (Playwright, the subgraph's host).
count() {
  local file=$1 p f
  p=$(grep -Eo '^[[:space:]]*[0-9]+ passing' "$file" | tail -1 | grep -Eo '[0-9]+' || true)
  f=$(grep -Eo '^[[:space:]]*[0-9]+ failing' "$file" | tail -1 | grep -Eo '[0-9]+' || true)
  [ -z "$p" ] && p=$(grep -Eo '^# pass [0-9]+' "$file" | tail -1 | grep -Eo '[0-9]+' || true)
  [ -z "$f" ] && f=$(grep -Eo '^# fail [0-9]+' "$file" | tail -1 | grep -Eo '[0-9]+' || true)
  # Playwright's list reporter ("  12 passed (1.2m)", "  1 failed") and the subgraph host ("N passed, N failed").
  [ -z "$p" ] && p=$(grep -Eo '^[[:space:]]*[0-9]+ passed' "$file" | tail -1 | grep -Eo '[0-9]+' || true)
  [ -z "$f" ] && f=$(grep -Eo '(^[[:space:]]*|passed, )[0-9]+ failed' "$file" | tail -1 | grep -Eo '[0-9]+ failed' | grep -Eo '[0-9]+' || true)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
}

step() {
  local name=$1
  shift
  echo
  echo "=== $name: $*"
  local started=$SECONDS
  "$@" 2>&1 | tee "$log/$name.log"
  local status=${PIPESTATUS[0]}
  count "$log/$name.log"
  echo "=== $name: exit $status in $((SECONDS - started)) s"
  if [ "$status" -ne 0 ]; then
    [ "$failed" -eq 0 ] && failed=1
    echo "$passed passed, $failed failed"
    exit "$status"
  fi
}

step lint npm run --silent lint
step contracts npx hardhat test
step sdk npm run --silent test:sdk
# As a Besu QBFT network mines (2-second blocks), on a chain with an earlier deployment: deploy,
# `onewindow district apply`, and docs/new-matter.md's application to its verified output licence.
step qbft npm run --silent test:sdk -- --chain anvil --block-time 2 --earlier-deployments 1 --only chain --files cli/src/new-matter-doc.chain.test.ts
step exchange npm run --silent test --workspace exchange
step indexer npm run --silent test --workspace indexer
step subgraph npm run --silent test --workspace subgraph
step scripts npm run --silent test:scripts
step web npm run --silent test --workspace web
step gas npm run --silent gas

echo
echo "$passed passed, $failed failed"
