#!/usr/bin/env bash
# Installs what ZhangbanProbe needs on a Debian/Ubuntu machine when it is missing:
# Chromium and CJK fonts (always), PostgreSQL server binaries (with --postgres, for the tests),
# and — where the distribution has it — Chromium's headless shell, which headless runs prefer (the same engine
# without the full browser's window machinery: a sweep takes about half the time on 2 cores).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || [ -x /usr/bin/google-chrome ] || want+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || want+=(fonts-noto-cjk)
if [ "${1:-}" = "--postgres" ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || want+=(postgresql)
fi
# Optional: tried once per checkout (a marker remembers a distribution without it, so no run pays apt-get again).
shell_marker="$root/.zhangban/no-headless-shell"
optional=()
[ -x /usr/lib/chromium/chromium-headless-shell ] || [ -x /usr/bin/chromium-headless-shell ] || [ -f "$shell_marker" ] \
  || optional+=(chromium-headless-shell)
[ ${#want[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! command -v apt-get >/dev/null 2>&1 || { [ -n "$SUDO" ] && ! sudo -n true 2>/dev/null && [ ${#want[@]} -eq 0 ]; }; then
  if [ ${#want[@]} -gt 0 ]; then
    echo "ensure-deps: please install: ${want[*]} (no apt-get on this machine)" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$shell_marker")" && touch "$shell_marker"
  exit 0
fi
echo "ensure-deps: installing ${want[*]} ${optional[*]}" >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
[ ${#want[@]} -eq 0 ] || $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >&2
if [ ${#optional[@]} -gt 0 ] && ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${optional[@]}" >&2; then
  echo "ensure-deps: ${optional[*]} is not available here; headless runs use the full Chromium" >&2
  mkdir -p "$(dirname "$shell_marker")" && touch "$shell_marker"
fi
exit 0
