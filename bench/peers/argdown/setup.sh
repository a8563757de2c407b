#!/usr/bin/env bash
# Installs Argdown's CLI 2.0.0 with its own Node 22 into bench/.peers/argdown (gitignored),
# from the npm registry only: the npm package node@22 ships the Node binary, and an npm
# "overrides" entry stands in for @argdown/markdown-it-plugin@^2, which the CLI depends on
# but which was never published (only its markdown command uses it; `argdown map` does not).
# Usage: bash bench/peers/argdown/setup.sh      then: bench/.peers/argdown/bin/argdown --version
set -eu
command -v npm >/dev/null || { echo "argdown: npm is missing (Debian: apt-get install npm)"; exit 1; }
here="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$here/.peers/argdown"
mkdir -p "$dest/bin"
cat >"$dest/package.json" <<'JSON'
{
  "name": "argmap-bench-argdown",
  "private": true,
  "dependencies": {
    "@argdown/cli": "2.0.0",
    "node": "22"
  },
  "overrides": {
    "@argdown/markdown-it-plugin": "1.7.7"
  }
}
JSON
(cd "$dest" && npm install --no-audit --no-fund --loglevel=error >"$dest/install.log" 2>&1) || {
  echo "argdown: npm install failed (see $dest/install.log)"
  exit 1
}
# One entry point that runs the CLI on the Node 22 just installed, whatever node is on PATH.
cat >"$dest/bin/argdown" <<SH
#!/bin/sh
exec "$dest/node_modules/node/bin/node" "$dest/node_modules/@argdown/cli/dist/cli.js" "\$@"
SH
chmod +x "$dest/bin/argdown"
echo "argdown: installed ($("$dest/bin/argdown" --version 2>&1 | tail -n1), node $("$dest/node_modules/node/bin/node" --version))"
