#!/usr/bin/env bash
# A throwaway MariaDB for the tests: `source tests/mariadb.sh start` starts one under /tmp and
# exports IMGCLOUD_TEST_MYSQL (a MySqlConnector connection string for root); `mariadb_test_stop`
# stops it and removes its files. Uses the server binaries on this machine (Debian's
# mariadb-server: mariadb-install-db, mariadbd); `.ci/run` installs them when absent, this
# script never calls apt. A server apt started (on 3306, or anywhere) is never touched: this one
# listens on 127.0.0.1 on a free port of its own, with its socket and data under /tmp.
#
# The server imitates MySQL 5.7's defaults, which the scripts must survive: its default
# sql_mode (ONLY_FULL_GROUP_BY and the strict modes; MariaDB's own default lacks
# ONLY_FULL_GROUP_BY) and a latin1 server character set, so a script that forgets to state
# utf8mb4 fails here as it would there (ERROR 1366 on Chinese text).

MARIADB_TEST_SQL_MODE="ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION"

mariadb_test_start() {
  local dir port password started="" ready
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] \
    || { echo "mariadb.sh: no MariaDB server binaries (mariadbd, mariadb-install-db); .ci/run installs mariadb-server" >&2; return 1; }
  local server; server="$(command -v mariadbd 2>/dev/null || echo /usr/sbin/mariadbd)"
  dir="$(mktemp -d /tmp/imgcloud-mariadb.XXXXXX)"
  # Its own tmpdir: servers sharing /tmp may collide on their internal temporary tables' files
  # (seen: "Error on delete of '/tmp/#sql-temptable-...MAI'" with two servers running).
  mkdir "$dir/tmp"
  password="test-$(date +%s%N)"
  # As root, mariadbd refuses to start without --user; root's TCP login needs the normal
  # authentication method (unix_socket alone gives ERROR 1698 over TCP).
  mariadb-install-db --no-defaults --user=root --auth-root-authentication-method=normal \
    --skip-test-db --datadir="$dir/data" >"$dir/install.log" 2>&1 \
    || { cat "$dir/install.log" >&2; rm -rf "$dir"; return 1; }
  # A free port on loopback; another server may take it between the probe and the start:
  # then the next free one is tried.
  for port in $(seq 53306 53399); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    "$server" --no-defaults --user=root --datadir="$dir/data" --port="$port" --bind-address=127.0.0.1 \
      --socket="$dir/mariadbd.sock" --tmpdir="$dir/tmp" --pid-file="$dir/mariadbd.pid" --log-error="$dir/server.log" \
      --skip-log-bin --skip-name-resolve --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 \
      --sql-mode="$MARIADB_TEST_SQL_MODE" \
      --character-set-server=latin1 --collation-server=latin1_swedish_ci \
      --default-time-zone=+00:00 --max-connections=300 >/dev/null 2>&1 &
    ready=""
    for _ in $(seq 1 150); do
      # Through its own socket: mariadb-admin ping also succeeds on "access denied", so over TCP it
      # would take another server that took the port meanwhile for this one.
      if mariadb-admin --no-defaults --socket="$dir/mariadbd.sock" -uroot ping >/dev/null 2>&1; then ready=yes; break; fi
      kill -0 $! 2>/dev/null || break
      sleep 0.2
    done
    if [ -n "$ready" ]; then started=yes; break; fi
    kill -TERM $! 2>/dev/null; wait $! 2>/dev/null
    echo "mariadb.sh: could not start on port $port; trying the next" >&2
  done
  [ -n "$started" ] || { cat "$dir/server.log" >&2; rm -rf "$dir"; return 1; }
  mariadb --no-defaults -h127.0.0.1 -P"$port" -uroot \
    -e "ALTER USER 'root'@'localhost' IDENTIFIED BY '$password', 'root'@'127.0.0.1' IDENTIFIED BY '$password'" \
    || { mariadb_test_kill "$dir"; return 1; }
  export IMGCLOUD_TEST_MYSQL_DIR="$dir"
  export IMGCLOUD_TEST_MYSQL="Server=127.0.0.1;Port=$port;User ID=root;Password=$password;SslMode=None;AllowPublicKeyRetrieval=true"
  echo "mariadb.sh: MariaDB $("$server" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"
}

mariadb_test_kill() {
  local dir="$1" pid
  pid="$(cat "$dir/mariadbd.pid" 2>/dev/null)"
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$dir"
}

mariadb_test_stop() {
  [ -n "${IMGCLOUD_TEST_MYSQL_DIR:-}" ] || return 0
  mariadb_test_kill "$IMGCLOUD_TEST_MYSQL_DIR"
  unset IMGCLOUD_TEST_MYSQL_DIR IMGCLOUD_TEST_MYSQL
}

if [ "${1:-}" = start ]; then mariadb_test_start; fi
