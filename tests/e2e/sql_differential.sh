#!/usr/bin/env bash
# SQL differential test: every example definition and random definitions, run by
# `leadc run` and as `leadc compile --emit sql` on SQLite, PostgreSQL (a throw-away
# server on 127.0.0.1), DuckDB (npm @duckdb/node-api) and ClickHouse (npm chdb, an
# embedded current release), each loaded typed and raw, must agree cell for cell.
# usage: sql_differential.sh LEADC_BINARY SOURCE_DIR   (SQL_RANDOM=N sets the count)
set -euo pipefail

LEADC=$(realpath "$1")
SRC=$(realpath "$2")
BUILD=$(dirname "$LEADC")
HERE="$SRC/tests/e2e/sql"
WORK=$(mktemp -d /tmp/leadc-sql.XXXXXX)
chmod 755 "$WORK"
PGDATA_DIR="$WORK/pg"
PG_RUNAS=()
PG_STARTED=0

cleanup() {
  if [ "$PG_STARTED" = 1 ]; then
    "${PG_RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

missing=()
args=()

# --- SQLite ------------------------------------------------------------------------
if command -v sqlite3 >/dev/null; then
  args+=(--sqlite)
else
  missing+=("sqlite3 (apt-get install sqlite3)")
fi

# --- PostgreSQL: initdb into the temp folder, start on a free loopback port ---------
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] && command -v psql >/dev/null; then
  mkdir -p "$PGDATA_DIR"
  if [ "$(id -u)" = 0 ]; then
    # postgres refuses to run as root: run the server as the unprivileged `postgres` user.
    chown postgres "$PGDATA_DIR"
    PG_RUNAS=(runuser -u postgres --)
  fi
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${PG_RUNAS[@]}" "$PGBIN/initdb" -D "$PGDATA_DIR/data" -U leadc -A trust -E UTF8 --locale=C --no-sync \
    >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log"; exit 1; }
  PG_STARTED=1
  "${PG_RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR/data" -l "$PGDATA_DIR/server.log" -w \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $PGDATA_DIR -c fsync=off -c TimeZone=UTC" start >/dev/null \
    || { cat "$PGDATA_DIR/server.log"; exit 1; }
  args+=(--pg "127.0.0.1:$PORT:leadc")
else
  missing+=("PostgreSQL (apt-get install postgresql)")
fi

# --- DuckDB through node ----------------------------------------------------------
DUCK="$BUILD/duckdb-node"
if [ ! -d "$DUCK/node_modules/@duckdb/node-api" ]; then
  if command -v npm >/dev/null; then
    npm install --silent --prefix "$DUCK" @duckdb/node-api >/dev/null 2>&1 \
      || { echo "npm install @duckdb/node-api failed"; }
  fi
fi
if command -v node >/dev/null && [ -d "$DUCK/node_modules/@duckdb/node-api" ]; then
  args+=(--duckdb "$DUCK/node_modules")
else
  missing+=("DuckDB (npm install --prefix $DUCK @duckdb/node-api)")
fi

# --- ClickHouse through node (chdb ships its engine inside the npm package) ----------
CHDB="$BUILD/chdb-node"
if [ ! -d "$CHDB/node_modules/chdb" ]; then
  if command -v npm >/dev/null; then
    npm install --silent --prefix "$CHDB" chdb >/dev/null 2>&1 || { echo "npm install chdb failed"; }
  fi
fi
if command -v node >/dev/null && [ -d "$CHDB/node_modules/chdb" ]; then
  args+=(--chdb "$CHDB/node_modules")
else
  missing+=("ClickHouse (npm install --prefix $CHDB chdb)")
fi

status=0
python3 "$HERE/differential.py" "$LEADC" "$SRC" "$WORK" --random "${SQL_RANDOM:-40}" "${args[@]}" || status=$?

if [ ${#missing[@]} -gt 0 ]; then
  echo "*** SQL differential test: NOT RUN on ${missing[*]} ***"
  exit 1
fi
exit $status
