#!/usr/bin/env bash
# What the provider costs a hospital, each figure a ratio against a reference measured side by
# side in the same run (README.md, "Benchmarks"). One command, from the repository's root:
#   bash tests/ProviderApi.Benchmarks/run.sh [--scale 0.1] [--only memory,push]
# Builds in Release; installs wrk (and the PostgreSQL server) with apt-get when missing and run
# as root; starts a throwaway PostgreSQL under /tmp on loopback (tests/postgres.sh), never an
# existing one; generates the reference HIS; measures; prints the table and writes it to
# tests/ProviderApi.Benchmarks/results/latest.md; stops the server on exit. About 10-15 minutes
# on two cores. --scale 0.1 tries it in a few minutes on a tenth of the history (not comparable);
# --only measures some groups of lines (views, examdict, serving, polling, memory, push) and
# generates only the databases they read.
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

command -v wrk >/dev/null || install wrk wrk
source tests/postgres.sh
pg_test_bin >/dev/null || install "the PostgreSQL server (initdb, pg_ctl)" postgresql

dotnet build tests/ProviderApi.Benchmarks/ProviderApi.Benchmarks.csproj -c Release --nologo -v quiet

# Always a server of its own: the benchmark creates and drops databases.
unset IMGCLOUD_TEST_POSTGRES
trap pg_test_stop EXIT
pg_test_start

dotnet tests/ProviderApi.Benchmarks/bin/Release/net10.0/ProviderApi.Benchmarks.dll --out "$here/results/latest.md" "$@"
echo "run.sh: done in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
