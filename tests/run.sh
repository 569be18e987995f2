#!/usr/bin/env bash
# Runs every test of the solution and ends with the line CI reads:
#   N passed, N failed, N skipped
# Usage: bash tests/run.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")/.."

# Hospital databases run on China Standard Time; the demo's views read the local clock.
export TZ="${TZ:-Asia/Shanghai}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results="$(mktemp -d)"
trap 'rm -rf "$results"; pg_test_stop' EXIT

# PostgreSQL: use IMGCLOUD_TEST_POSTGRES if given, else start a throwaway server here.
# Without one, the PostgreSQL tests skip with the reason, except under CI=true, where they fail.
source tests/postgres.sh
if [ -z "${IMGCLOUD_TEST_POSTGRES:-}" ]; then
  pg_test_start || echo "run.sh: could not start PostgreSQL; its tests will say why" >&2
fi

dotnet test ProviderApi.sln -c Release \
  --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@"
status=$?

# Sum the counters of every TRX file; skipped = total - executed.
total=0 executed=0 passed=0 failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  value() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$((total + $(value total)))
  executed=$((executed + $(value executed)))
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed)))
done

echo
echo "$passed passed, $failed failed, $((total - executed)) skipped"
exit "$status"
