#!/usr/bin/env bash
# Regenerates the peer JSON of the Argdown fixtures with Argdown's own CLI. Run by hand:
#   bash tests/cases/argdown/regenerate.sh
# It installs @argdown/cli (pinned below) into a scratch folder outside the repository
# (ARGDOWN_PEER_DIR, default /tmp/argdown-peer) and writes <name>.json next to each
# top-level <name>.argdown. Files under parts/ are only included, never exported alone.
set -euo pipefail

version="1.7.5"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peer="${ARGDOWN_PEER_DIR:-/tmp/argdown-peer}"

if [ ! -x "$peer/node_modules/.bin/argdown" ]; then
    mkdir -p "$peer"
    (cd "$peer" && npm init -y >/dev/null && npm install "@argdown/cli@$version" >/dev/null)
fi
installed="$(node -p "require('$peer/node_modules/@argdown/cli/package.json').version")"
if [ "$installed" != "$version" ]; then
    echo "expected @argdown/cli $version in $peer, found $installed" >&2
    exit 1
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for doc in "$here"/*.argdown; do
    name="$(basename "$doc" .argdown)"
    if ! (cd "$here" && "$peer/node_modules/.bin/argdown" json "$name.argdown" "$out" >"$out/log" 2>&1); then
        cat "$out/log" >&2
        echo "argdown failed on $name.argdown" >&2
        exit 1
    fi
    cp "$out/$name.json" "$here/$name.json"
    echo "$name.json"
done
