#!/usr/bin/env bash
# Installs the Debian packages the test suite drives (a real PHP client, a headless browser) when missing.
# Called by .ci/run before the README's test line; needs root and apt-get, and does nothing when all are present.
set -euo pipefail
packages=(
  php-cli
  php-curl
  chromium
)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
