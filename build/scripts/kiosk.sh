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
# The Electron shell (--shell=electron, or KIOSK_SHELL=electron) does not need the
# distribution's Chromium.
wants_electron_shell() {
  local previous=""
  for argument in "$@"; do
    [ "$argument" = "--shell=electron" ] && return 0
    [ "$previous" = "--shell" ] && [ "$argument" = "electron" ] && return 0
    previous=$argument
  done
  [ "${KIOSK_SHELL:-}" = "electron" ]
}

missing_system_packages() {
  local missing=()
  if [ "${1:-}" != "no-chromium" ]; then
    [ -x "${KIOSK_CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
    # The Chromium shell on an X display reads the input idle counter, empties the X
    # selections and resets the lock keys at each wipe.
    command -v xprintidle >/dev/null 2>&1 || missing+=(xprintidle)
    command -v xsel >/dev/null 2>&1 || missing+=(xsel)
    command -v xset >/dev/null 2>&1 || missing+=(x11-xserver-utils)
    command -v xdotool >/dev/null 2>&1 || missing+=(xdotool)
  fi
  if [ "${1:-}" = "for-package" ]; then
    command -v lintian >/dev/null 2>&1 || missing+=(lintian)
    command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
    command -v xdotool >/dev/null 2>&1 || missing+=(xdotool)
  fi
  if [ "${1:-}" = "for-tests" ]; then
    command -v socat >/dev/null 2>&1 || missing+=(socat)
    command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb)
    command -v xdotool >/dev/null 2>&1 || missing+=(xdotool)
    command -v xclip >/dev/null 2>&1 || missing+=(xclip)
    # A4 printing through a private CUPS with a cups-pdf printer, PDF tools, the SANE scanner test backend.
    [ -x /usr/sbin/cupsd ] || missing+=(cups)
    command -v lp >/dev/null 2>&1 || missing+=(cups-client)
    [ -e /usr/lib/cups/backend/cups-pdf ] || missing+=(printer-driver-cups-pdf)
    command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
    command -v scanimage >/dev/null 2>&1 || missing+=(sane-utils)
    command -v cjpeg >/dev/null 2>&1 || missing+=(libjpeg-turbo-progs)
    command -v img2pdf >/dev/null 2>&1 || missing+=(img2pdf)
    # Staff mode's counters and fleet metrics (issue 14): the CSV opened by LibreOffice Calc,
    # the metrics scraped from Debian's node exporter, the example alert rules checked by promtool.
    command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
    command -v prometheus-node-exporter >/dev/null 2>&1 || missing+=(prometheus-node-exporter)
    command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  fi
  printf '%s\n' "${missing[@]}"
}

ensure_system_packages() {
  local missing=()
  mapfile -t missing < <(missing_system_packages "${1:-}" | sed '/^$/d')
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

# The station's Chromium policies (build/linux/chromium-policies/) are machine-wide:
# the Debian package installs them; `npm start` does the same when run as root, and
# otherwise prints the exact command (the kiosk then stays out of order and says why).
ensure_browser_policies() {
  local target=/etc/chromium/policies/managed missing=()
  for policy in build/linux/chromium-policies/*.json; do
    [ -e "$policy" ] || continue
    cmp -s "$policy" "$target/$(basename "$policy")" || missing+=("$policy")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    say "Installation des règles de Chromium de la borne / installing the station's Chromium policies in $target: ${missing[*]}"
    mkdir -p "$target"
    install -m 0644 "${missing[@]}" "$target/"
  else
    say "Règles de Chromium de la borne absentes : la borne restera hors service / the station's Chromium policies are missing: the kiosk stays out of order"
    say "Installez-les avec / install them with:  sudo mkdir -p $target && sudo install -m 0644 ${missing[*]} $target/"
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
    if wants_electron_shell "$@"; then ensure_system_packages no-chromium; else ensure_system_packages; ensure_browser_policies; fi
    ensure_node_modules; ensure_build
    exec node dist/cli/start.cjs "$@"
    ;;
  demo)
    if wants_electron_shell "$@"; then ensure_system_packages no-chromium; else ensure_system_packages; fi
    ensure_node_modules; ensure_build
    exec node dist-dev/cli/demo.cjs "$@"
    ;;
  training-server)
    ensure_node_modules; ensure_build
    exec node dist-dev/cli/training-server.cjs "$@"
    ;;
  memo)
    ensure_node_modules; ensure_build
    exec node dist/cli/memo.cjs "$@"
    ;;
  set-pin)
    ensure_node_modules; ensure_build
    exec node dist/cli/set-pin.cjs "$@"
    ;;
  config-check)
    ensure_node_modules; ensure_build
    exec node dist/cli/config-check.cjs "$@"
    ;;
  bench)
    ensure_system_packages for-tests; ensure_node_modules; ensure_build
    exec node dist-dev/cli/bench.cjs "$@"
    ;;
  test-package)
    # Builds the Chromium shell's .deb, installs it, boots it, purges it: root only.
    ensure_system_packages for-package; ensure_node_modules
    exec node build/scripts/test-package.mjs "$@"
    ;;
  test)
    ensure_system_packages for-tests; ensure_node_modules
    exec node build/scripts/run-tests.mjs "$@"
    ;;
  *)
    say "usage: build/scripts/kiosk.sh start|demo|test|test-package|bench|memo|set-pin|config-check|training-server [args]"
    exit 2
    ;;
esac
