#!/usr/bin/env bash
# Runs the tests.
#   ./scripts/test.sh          every tier (unit, browser, integration): installs Chromium, CJK fonts and PostgreSQL server
#                              binaries where missing; the tests start their own throwaway PostgreSQL cluster on a free
#                              loopback port and their own replica portals. This is the README's test command and CI's.
#   ./scripts/test.sh --fast   the unit tier only (pure rules and readers: no browser, no database, no processes);
#                              installs nothing.
# Further arguments go to `dotnet test` (e.g. --filter "Category=Browser").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${1:-}" = "--fast" ]; then
  shift
  exec dotnet test tests/ZhangbanProbe.Tests/ZhangbanProbe.Tests.csproj -c Release -nologo --filter "Category=Unit" "$@"
fi
"$root/scripts/ensure-deps.sh" --postgres
# The console log is long; when a test fails, its name and message are repeated at the end so a CI log's tail shows
# which one (a CI service often keeps only the tail).
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test ZhangbanProbe.sln -c Release -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
if [ "$status" -ne 0 ]; then
  echo
  echo "==== failed tests (repeated from above) ===="
  grep -E -A 25 '^\s+Failed [A-Za-z]' "$log" | cut -c1-400 | head -n 200 || echo "(no test failed: the build or the test host did)"
fi
exit "$status"
