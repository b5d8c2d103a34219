#!/usr/bin/env bash
# Sets up this checkout on a fresh Debian machine: the Debian packages the kiosk (and, with `test`, the tests)
# need, and the npm packages. Idempotent and quick the second time: packages already present are not touched,
# and `npm ci` runs only when package-lock.json changed since the last set-up.
#
#   ./scripts/setup.sh          # what the demo kiosk needs
#   ./scripts/setup.sh test     # plus what the tests need
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-kiosk}

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
fail() { printf '\033[1;31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }

# --- Node.js -------------------------------------------------------------------------------------------------
command -v node >/dev/null || fail "Node.js 20.19 or newer is needed (https://nodejs.org or Debian's nodejs)."
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || fail "Node.js 20.19 or newer is needed; this is $(node -v)."

# --- Debian packages -----------------------------------------------------------------------------------------
package_list() { grep -v '^\s*#' "$1" | grep -v '^\s*$' | awk '{print $1}'; }
wanted=$(package_list scripts/apt-kiosk.txt)
if [ "$mode" = test ]; then wanted="$wanted $(package_list scripts/apt-test.txt)"; fi
missing=()
for pkg in $wanted; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    fail "These Debian packages are needed but this is not a Debian-like system: ${missing[*]}"
  elif [ "$(id -u)" -eq 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    msg="These Debian packages are missing: ${missing[*]}. Install them with: sudo apt-get install --no-install-recommends ${missing[*]}"
    if [ "$mode" = test ]; then fail "$msg"; else say "WARNING: $msg"; fi
  fi
fi

# --- npm packages ---------------------------------------------------------------------------------------------
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.kiosk-setup-lock
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  # The Electron binary comes from GitHub. Where GitHub cannot be reached (as on the development machines here)
  # skip it: the browser host runs the same UI in Chromium. On a normal machine the binary installs as usual.
  if [ -z "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" ] && ! curl -sfI --max-time 5 https://github.com >/dev/null 2>&1; then
    say "github.com is not reachable: the Electron binary is skipped (the demo uses the browser host)"
    export ELECTRON_SKIP_BINARY_DOWNLOAD=1
  fi
  say "installing npm packages (npm ci; better-sqlite3 compiles from source, ~1–2 min the first time)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
else
  say "npm packages are up to date"
fi

# --- build ------------------------------------------------------------------------------------------------------
# The touch UI and the Electron bundles are built again only when a source file is newer than the last build, so
# that a second run is quick and a running kiosk's served files are not rebuilt under it for nothing.
build_stamp=dist/.kiosk-build-stamp
sources="renderer electron kiosk state-machines common catalog printer-templates devices central-office package-lock.json"
# shellcheck disable=SC2086
if [ ! -f "$build_stamp" ] || [ -n "$(find $sources -newer "$build_stamp" -print -quit 2>/dev/null)" ]; then
  say "building the touch UI and the Electron bundles"
  npm run --silent build >/dev/null
  touch "$build_stamp"
else
  say "the build is up to date"
fi
say "ready"
