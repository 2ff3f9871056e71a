#!/usr/bin/env bash
# The ClickHouse dialect on Debian's clickhouse-server (18.16) with every table split
# over the two shards of test_cluster_two_shards_localhost behind a Distributed table:
# the behaviour example (activities) and a few random definitions, loaded typed and
# raw, must give what `leadc run` gives. The server runs on loopback on free ports,
# in a temporary folder, and is stopped after.
# usage: clickhouse_distributed.sh LEADC_BINARY SOURCE_DIR
set -euo pipefail

LEADC=$(realpath "$1")
SRC=$(realpath "$2")
WORK=$(mktemp -d /tmp/leadc-ch.XXXXXX)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill -KILL "$SERVER_PID" 2>/dev/null || true  # a throw-away server: no graceful shutdown (11 s)
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v clickhouse-server >/dev/null || ! command -v clickhouse-client >/dev/null; then
  echo "*** ClickHouse Distributed test: NOT RUN (apt-get install clickhouse-server clickhouse-client) ***"
  exit 1
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
TCP=$(free_port)
HTTP=$(free_port)
# The package's default config.xml defines test_cluster_two_shards_localhost with
# both shards on localhost:9000, the same server and so the same table: every row
# would be read twice. Here it has the same name and shape on this server's port,
# each shard with its own database (default_database), so a Distributed table with
# an empty database name reads shard_1.T and shard_2.T.
cat >"$WORK/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$WORK/server.log</log><errorlog>$WORK/error.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>$TCP</tcp_port>
  <http_port>$HTTP</http_port>
  <path>$WORK/data/</path>
  <tmp_path>$WORK/tmp/</tmp_path>
  <user_files_path>$WORK/user_files/</user_files_path>
  <format_schema_path>$WORK/format_schemas/</format_schema_path>
  <users_config>$WORK/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>5368709120</mark_cache_size>
  <remote_servers>
    <test_cluster_two_shards_localhost>
      <shard><replica><default_database>shard_1</default_database><host>127.0.0.1</host><port>$TCP</port></replica></shard>
      <shard><replica><default_database>shard_2</default_database><host>127.0.0.1</host><port>$TCP</port></replica></shard>
    </test_cluster_two_shards_localhost>
  </remote_servers>
</yandex>
XML
cp /etc/clickhouse-server/users.xml "$WORK/users.xml"
clickhouse-server --config-file="$WORK/config.xml" >"$WORK/stdout.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  clickhouse-client --host 127.0.0.1 --port "$TCP" --query "SELECT 1" >/dev/null 2>&1 && break
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/stdout.log" "$WORK/error.log" 2>/dev/null; exit 1; fi
  sleep 0.2
done
clickhouse-client --host 127.0.0.1 --port "$TCP" --multiquery \
  --query "CREATE DATABASE shard_1; CREATE DATABASE shard_2" || { cat "$WORK/error.log"; exit 1; }
echo "clickhouse-server $(clickhouse-client --host 127.0.0.1 --port "$TCP" --query 'SELECT version()') on 127.0.0.1:$TCP"

python3 "$SRC/tests/e2e/sql/differential.py" "$LEADC" "$SRC" "$WORK" --random "${SQL_RANDOM:-5}" \
  --examples behaviour,readytalk --clickhouse-server "$TCP"
