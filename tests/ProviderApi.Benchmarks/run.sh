#!/usr/bin/env bash
# What the provider costs a hospital, each figure a ratio against a reference measured side by
# side in the same run (README.md, "Benchmarks"). One command, from the repository's root:
#   bash tests/ProviderApi.Benchmarks/run.sh [--scale 0.1] [--only memory,push]
# Builds in Release; installs wrk (and the PostgreSQL server) with apt-get when missing and run
# as root; starts a throwaway PostgreSQL under /tmp on loopback (tests/postgres.sh), never an
# existing one; generates the reference HIS; measures; prints the table and writes it to
# tests/ProviderApi.Benchmarks/results/latest.md; stops the server on exit. About 10-15 minutes
# on two cores. --scale 0.1 tries it in a few minutes on a tenth of the history (not comparable);
# --only measures some groups of lines (views, examdict, serving, polling, memory, push, console,
# views-mariadb, discover) and generates only the databases they read.
# views-mariadb (lines 18-21 of a full run) measures lines 1-4 (the standard views against
# hand-written SQL, and flat over a long history) on MariaDB: this script then starts two
# throwaway MariaDB servers with tests/mariadb.sh (the large history on one, the small on the
# other: the product's MySQL scripts name their databases his and imgcloud), installing
# mariadb-server with apt-get first when it is missing and run as root; `--only views-mariadb`
# alone starts no PostgreSQL. Those lines speak for MariaDB and MySQL 8, not MySQL 5.7 (which
# does not push a reader's predicates into a materialised view): see results/sample.md. They add
# about 10 minutes of generating and 5-10 minutes of reads.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."

export TZ="${TZ:-Asia/Shanghai}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
started=$SECONDS

install() {
  if [ "$(id -u)" != 0 ]; then
    echo "run.sh: $1 is missing; install it once: sudo apt-get install -y $2" >&2
    exit 1
  fi
  apt-get install -y "$2" >/dev/null || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }
}

# Which servers the selected lines need: PostgreSQL for every group but views-mariadb, MariaDB
# for views-mariadb (a full run needs both).
only=""
previous=""
for argument in "$@"; do
  [ "$previous" = --only ] && only="$argument"
  previous="$argument"
done
need_postgres=yes need_mariadb=yes
if [ -n "$only" ]; then
  [ -n "$(tr ',' '\n' <<<"$only" | grep -vx views-mariadb)" ] || need_postgres=""
  tr ',' '\n' <<<"$only" | grep -qx views-mariadb || need_mariadb=""
fi

command -v wrk >/dev/null || install wrk wrk
source tests/postgres.sh
source tests/mariadb.sh
if [ -n "$need_postgres" ]; then
  pg_test_bin >/dev/null || install "the PostgreSQL server (initdb, pg_ctl)" postgresql
fi
if [ -n "$need_mariadb" ]; then
  { command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ]; } || install "the MariaDB server (mariadbd, mariadb-install-db)" mariadb-server
fi

dotnet build tests/ProviderApi.Benchmarks/ProviderApi.Benchmarks.csproj -c Release --nologo -v quiet

# Always servers of its own: the benchmark creates and drops databases.
unset IMGCLOUD_TEST_POSTGRES IMGCLOUD_TEST_MYSQL IMGCLOUD_TEST_MYSQL_DIR
mariadb_dirs=()
stop_servers() {
  pg_test_stop
  for dir in "${mariadb_dirs[@]}"; do mariadb_test_kill "$dir"; done
}
trap stop_servers EXIT
if [ -n "$need_postgres" ]; then
  pg_test_start
fi
if [ -n "$need_mariadb" ]; then
  mariadb_test_start
  mariadb_dirs+=("$IMGCLOUD_TEST_MYSQL_DIR")
  export IMGCLOUD_BENCH_MARIADB_BIG="$IMGCLOUD_TEST_MYSQL"
  mariadb_test_start
  mariadb_dirs+=("$IMGCLOUD_TEST_MYSQL_DIR")
  export IMGCLOUD_BENCH_MARIADB_SMALL="$IMGCLOUD_TEST_MYSQL"
  unset IMGCLOUD_TEST_MYSQL IMGCLOUD_TEST_MYSQL_DIR
fi

dotnet tests/ProviderApi.Benchmarks/bin/Release/net10.0/ProviderApi.Benchmarks.dll --out "$here/results/latest.md" "$@"
echo "run.sh: done in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
