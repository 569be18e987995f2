#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests: `source tests/postgres.sh start` starts one under /tmp
# and exports IMGCLOUD_TEST_POSTGRES (an admin connection string); `pg_test_stop` removes it.
# Uses the server binaries on this machine (PostgreSQL 15: initdb, pg_ctl); initdb refuses
# root, so the cluster runs as the `postgres` OS user, created if absent.

pg_test_bin() {
  local dir
  for dir in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent)")" /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

pg_test_start() {
  local bin port dir password run
  bin="$(pg_test_bin)" || { echo "postgres.sh: no PostgreSQL server binaries (initdb, pg_ctl) found" >&2; return 1; }
  dir="$(mktemp -d /tmp/imgcloud-pg.XXXXXX)"
  password="test-$(date +%s%N)"
  run=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres "$dir"
    run=(runuser -u postgres --)
  fi
  printf '%s\n' "$password" > "$dir/pw"
  [ "$(id -u)" = 0 ] && chown postgres "$dir/pw"
  "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pw" --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  # A free port on loopback. Another server (a benchmark, a second run) may take the port
  # between the probe and the start: then the next free one is tried.
  local started=""
  for port in $(seq 55432 55499); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    if "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c timezone=Asia/Shanghai -c max_connections=200" \
      >/dev/null; then
      started=yes
      break
    fi
    echo "postgres.sh: could not start on port $port; trying the next" >&2
  done
  [ -n "$started" ] || { cat "$dir/server.log" >&2; return 1; }
  export IMGCLOUD_TEST_PG_DIR="$dir" IMGCLOUD_TEST_PG_BIN="$bin"
  export IMGCLOUD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres"
  echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"
}

pg_test_stop() {
  [ -n "${IMGCLOUD_TEST_PG_DIR:-}" ] || return 0
  local run=()
  [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$IMGCLOUD_TEST_PG_BIN/pg_ctl" -D "$IMGCLOUD_TEST_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$IMGCLOUD_TEST_PG_DIR"
  unset IMGCLOUD_TEST_PG_DIR IMGCLOUD_TEST_POSTGRES
}

if [ "${1:-}" = start ]; then pg_test_start; fi
