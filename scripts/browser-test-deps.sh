#!/usr/bin/env bash
# Installs what the server's browser test needs on a fresh Debian machine: Debian's
# Chromium and its driver, and the npm packages playwright-core (to drive Chromium) and
# axe-core (accessibility rules) into target/browser-test/node_modules.
#
# Run from the repository root, as root (CI runs it before the tests). Safe to rerun.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
folder="$root/target/browser-test"

if ! command -v chromium >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi
if ! command -v npm >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm
fi

mkdir -p "$folder"
cd "$folder"
if [ ! -f package.json ]; then
    printf '{ "name": "socle-browser-test", "private": true }\n' > package.json
fi
# playwright-core drives an existing browser and downloads none of its own.
npm install --no-audit --no-fund --silent playwright-core@1 axe-core@4
echo "browser test dependencies ready in $folder"
