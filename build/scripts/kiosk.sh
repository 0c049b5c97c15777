#!/usr/bin/env bash
# The one entry point behind `npm start`, `npm run demo`, `npm test`, `npm run bench`
# and `npm run config:check`. On a fresh Debian/Ubuntu machine it installs what is
# missing (npm packages; chromium, socat and xvfb from the distribution when run as
# root, or prints the exact command otherwise), rebuilds when a source changed,
# then runs the command.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

command=${1:-start}
shift || true

say() { printf '%s\n' "$*" >&2; }

# Debian packages a command needs: the kiosk itself needs only Chromium; the tests
# also drive a virtual display (xvfb), real key presses and the X clipboard
# (xdotool, xclip), a fake serial printer (socat) and reading the A4 memo's PDF (poppler-utils).
ensure_system_packages() {
  local missing=()
  [ -x "${KIOSK_CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
  if [ "${1:-}" = "for-tests" ]; then
    command -v socat >/dev/null 2>&1 || missing+=(socat)
    command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb)
    command -v xdotool >/dev/null 2>&1 || missing+=(xdotool)
    command -v xclip >/dev/null 2>&1 || missing+=(xclip)
    command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installation des paquets manquants / installing missing packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    say "Paquets manquants / missing packages: ${missing[*]}"
    say "Installez-les avec / install them with:  sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
}

ensure_node_modules() {
  # npm ci when node_modules is absent or older than the lock file.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "Installation des dépendances npm / installing npm dependencies (npm ci)…"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_build() {
  local stamp=dist/.build-stamp
  if [ ! -f "$stamp" ] || [ -n "$(find main renderer build/scripts kiosk-config package-lock.json -newer "$stamp" -type f -print -quit)" ]; then
    npm run --silent build
  fi
}

case "$command" in
  start)
    ensure_system_packages; ensure_node_modules; ensure_build
    exec node dist/cli/start.cjs "$@"
    ;;
  demo)
    ensure_system_packages; ensure_node_modules; ensure_build
    exec node dist/cli/start.cjs --config kiosk-config/demo.json --training-server "$@"
    ;;
  training-server)
    ensure_node_modules; ensure_build
    exec node dist/cli/training-server.cjs "$@"
    ;;
  memo)
    ensure_node_modules; ensure_build
    exec node dist/cli/memo.cjs "$@"
    ;;
  config-check)
    ensure_node_modules; ensure_build
    exec node dist/cli/config-check.cjs "$@"
    ;;
  bench)
    ensure_system_packages for-tests; ensure_node_modules; ensure_build
    exec node dist/cli/bench.cjs "$@"
    ;;
  test)
    ensure_system_packages for-tests; ensure_node_modules
    exec node build/scripts/run-tests.mjs "$@"
    ;;
  *)
    say "usage: build/scripts/kiosk.sh start|demo|test|bench|memo|config-check|training-server [args]"
    exit 2
    ;;
esac
