#!/usr/bin/env bash
# Installs clingo from PyPI into its own virtualenv, bench/.peers/clingo (gitignored). clingo is
# only ever run as a subprocess by bench/bench_iccma.py, through run_clingo.py beside this
# file; it is no dependency of argmap.
# Usage: bash bench/peers/clingo/setup.sh [PYTHON]   (default: python3)
set -eu
here="$(cd "$(dirname "$0")/../.." && pwd)"
python="${1:-python3}"
venv="$here/.peers/clingo"
mkdir -p "$here/.peers"
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/pip" install --quiet "clingo>=5.7,<6"
echo "clingo: installed ($("$venv/bin/python" -c 'import clingo; print(clingo.__version__)'))"
