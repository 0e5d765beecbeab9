#!/usr/bin/env bash
# Installs the system packages the tests need beyond Node: Debian's clang 16, lld 16, the wasm32
# compiler runtime and wasi-libc, used by @shimkit/executors to compile its C test modules to
# WebAssembly. Idempotent: does nothing when every package is already installed. Needs root (CI
# runs as root); without root and with a missing package it says what to install and fails.
set -euo pipefail

pkgs=(clang-16 lld-16 libclang-rt-16-dev-wasm32 wasi-libc)
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
  echo "setup: missing ${missing[*]}; run as root: apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
