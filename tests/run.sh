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
# Every test host writes its log files here; scanned below for ID and phone numbers in clear.
export IMGCLOUD_TEST_LOGS="$results/logs"
mkdir -p "$IMGCLOUD_TEST_LOGS"
# Only a server this script started is stopped at the end, never one the caller passed in.
own_pg="" own_mariadb=""
trap 'rm -rf "$results"; [ -n "$own_pg" ] && pg_test_stop; [ -n "$own_mariadb" ] && mariadb_test_stop' EXIT

# PostgreSQL: use IMGCLOUD_TEST_POSTGRES if given, else start a throwaway server here.
# Without one, the PostgreSQL tests skip with the reason, except under CI=true, where they fail.
source tests/postgres.sh
if [ -z "${IMGCLOUD_TEST_POSTGRES:-}" ]; then
  pg_test_start && own_pg=yes || echo "run.sh: could not start PostgreSQL; its tests will say why" >&2
fi

# MariaDB (standing in for MySQL 5.7: its sql_mode and latin1 default): IMGCLOUD_TEST_MYSQL if
# given, else a throwaway server started here (tests/mariadb.sh; this script never installs
# anything: .ci/run does). Without one, the MariaDB tests skip with the reason, except under CI=true.
source tests/mariadb.sh
if [ -z "${IMGCLOUD_TEST_MYSQL:-}" ]; then
  mariadb_test_start && own_mariadb=yes || echo "run.sh: could not start MariaDB; its tests will say why" >&2
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

# No log line may hold an ID number (18 or 15 digits) or a mobile number (11 digits) in clear.
# Trace and span ids (16 or 32 hex characters) are set aside first, as the provider's masking does.
leaks="$(find "$IMGCLOUD_TEST_LOGS" -type f -name '*.log' -exec perl -ne '
  s/(?<![0-9A-Za-z])[0-9a-f]{16}(?:[0-9a-f]{16})?(?![0-9A-Za-z])//g;
  print "$ARGV:$.\n" if /(?<![0-9])(?:[1-9][0-9]{16}[0-9Xx]|[1-9][0-9]{14}|1[3-9][0-9]{9})(?![0-9])/;
  close ARGV if eof;' {} + | head -n 20)"
lines="$(find "$IMGCLOUD_TEST_LOGS" -type f -name '*.log' -exec cat {} + | wc -l)"
if [ -n "$leaks" ]; then
  echo "run.sh: log lines with an ID or phone number in clear (file:line):" >&2
  echo "$leaks" >&2
  failed=$((failed + 1))
  status=1
else
  echo "run.sh: $lines log lines of the test hosts scanned: no ID or phone number in clear"
fi

echo
echo "$passed passed, $failed failed, $((total - executed)) skipped"
exit "$status"
