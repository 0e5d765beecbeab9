#!/usr/bin/env bash
# Installs what the web-* test projects need from outside npm: Debian's Chromium (driven by
# playwright-core in packages/web-runtimes). Deno, Bun and workerd come from npm (npm ci).
# Idempotent: does nothing when Chromium is already there. Needs root (apt-get) otherwise.
set -euo pipefail

chromium_bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_bin" ]; then
  echo "setup-web: $("$chromium_bin" --version 2>/dev/null || echo "$chromium_bin") already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "setup-web: Chromium is missing and installing it needs root: sudo bash scripts/setup-web.sh" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium
echo "setup-web: $(/usr/bin/chromium --version 2>/dev/null) installed"
