#!/usr/bin/env bash
# Installs the system packages the tests need beyond Node, from Debian:
#   - clang-16, lld-16, libclang-rt-16-dev-wasm32, wasi-libc: @shimkit/executors compiles its C
#     test modules to WebAssembly with them;
#   - chromium: packages/web-runtimes drives it headless (playwright-core) for the web-chromium
#     tests. Skipped when $CHROMIUM_PATH names an executable Chromium.
# Deno, Bun and workerd come from npm (dev dependencies of packages/web-runtimes), not from here.
# Idempotent: does nothing when every package is already installed. Needs root (CI runs as
# root); without root and with a package missing it says what to install and fails.
set -euo pipefail

pkgs=(clang-16 lld-16 libclang-rt-16-dev-wasm32 wasi-libc)
if [ -z "${CHROMIUM_PATH:-}" ] || [ ! -x "${CHROMIUM_PATH}" ]; then
  pkgs+=(chromium)
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: ${pkgs[*]} already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing ${missing[*]}; run as root: sudo bash scripts/setup.sh" >&2
  echo "setup: (or apt-get install -y --no-install-recommends ${missing[*]})" >&2
  exit 1
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
