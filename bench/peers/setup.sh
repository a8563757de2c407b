#!/usr/bin/env bash
# Creates one virtualenv per peer library under bench/.peers/<name> (gitignored) and installs
# the peer from PyPI. The peers are only ever run as subprocesses by bench/bench_semantics.py;
# argmap never imports them (several carry no licence).
# Usage: bash bench/peers/setup.sh [PYTHON]   (default: python3)
set -u
here="$(cd "$(dirname "$0")/.." && pwd)"
python="${1:-python3}"
mkdir -p "$here/.peers"
# name, then the pip requirements (pygarg imports python-sat without declaring it).
peers=(
  "formal-argumentation|formal-argumentation"
  "afsolver|afsolver"
  "python-argumentation|python-argumentation"
  "pygarg|pygarg python-sat"
)
for entry in "${peers[@]}"; do
  name="${entry%%|*}"
  reqs="${entry#*|}"
  venv="$here/.peers/$name"
  log="$here/.peers/$name.log"
  if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv" >"$log" 2>&1 || { echo "$name: cannot create virtualenv (see $log)"; continue; }
  fi
  # shellcheck disable=SC2086
  if "$venv/bin/pip" install --quiet $reqs >>"$log" 2>&1; then
    echo "$name: installed ($("$venv/bin/pip" show "$name" 2>/dev/null | sed -n 's/^Version: //p'))"
  else
    echo "$name: install failed: $(grep -m1 -E '^ERROR' "$log" || tail -n1 "$log")"
  fi
done
