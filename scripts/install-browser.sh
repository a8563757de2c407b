#!/usr/bin/env bash
# Installs Debian's Chromium for the browser test (tests/test_html_page.py) when it is missing.
# Without root (or password-less sudo) it prints the command instead: the browser test then
# skips on a laptop, and fails when CI is set.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  echo "setup: chromium is missing, so the browser test will not run; install it with: sudo apt-get install -y chromium" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: chromium is missing and apt-get is not available; install Chromium with your package manager" >&2
  exit 0
fi
echo "setup: installing chromium with apt-get" >&2
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
