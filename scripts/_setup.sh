# Shared set-up for the quick-start scripts: a virtualenv with argmap, and Graphviz.
# Sourced, not run: expects EXTRAS (pip extras, may be empty) to be set.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${ARGMAP_VENV:-$ROOT/.venv}"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1
  fi
}

apt_install() {
  # apt_install PACKAGE...: install Debian packages when we may, else print the command.
  if command -v apt-get >/dev/null 2>&1 && as_root true; then
    echo "setup: installing $* with apt-get" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "setup: error: $* missing; install with: sudo apt-get install -y $*" >&2
    exit 1
  fi
}

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "setup: error: Python 3.11 or newer is required; install with: sudo apt-get install -y python3" >&2
  exit 1
}

if [ ! -x "$VENV/bin/python" ]; then
  PY="$(find_python)"
  if ! "$PY" -m venv "$VENV" >/dev/null 2>&1; then
    rm -rf "$VENV"
    apt_install python3-venv
    "$PY" -m venv "$VENV"
  fi
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".${EXTRAS:+[$EXTRAS]}"

if ! command -v dot >/dev/null 2>&1; then
  apt_install graphviz
fi
export PATH="$VENV/bin:$PATH"
