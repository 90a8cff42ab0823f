#!/usr/bin/env bash
# Runs every test: installs Chromium, CJK fonts and PostgreSQL server binaries where missing; the tests start
# their own throwaway PostgreSQL cluster on a free loopback port and their own replica portals.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/ensure-deps.sh" --postgres
cd "$root"
dotnet test ZhangbanProbe.sln -c Release -nologo --logger "console;verbosity=normal" "$@"
