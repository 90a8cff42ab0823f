#!/usr/bin/env bash
# Installs what ZhangbanProbe needs on a Debian/Ubuntu machine when it is missing:
# Chromium and CJK fonts (always), PostgreSQL server binaries (with --postgres, for the tests).
set -euo pipefail

want=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || [ -x /usr/bin/google-chrome ] || want+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || want+=(fonts-noto-cjk)
if [ "${1:-}" = "--postgres" ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || want+=(postgresql)
fi
[ ${#want[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-deps: please install: ${want[*]} (no apt-get on this machine)" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "ensure-deps: installing ${want[*]}" >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >&2
