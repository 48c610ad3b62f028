#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the engine tests (issue 14): `start` creates one in a temp dir on a
# free local port and prints `export CX_TEST_PG_URL=…` and `export CX_TEST_PG_DIR=…`; `stop DIR` stops it
# and removes the dir. initdb refuses to run as root, so as root the cluster runs as the 'postgres' user
# (or 'nobody'). Needs initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin (Debian's postgresql package).
set -euo pipefail
cmd=${1:-start}

find_bin() {
  local b=$1
  if command -v "$b" >/dev/null 2>&1; then command -v "$b"; return; fi
  ls /usr/lib/postgresql/*/bin/"$b" 2>/dev/null | sort -V | tail -1
}

if [ "$cmd" = stop ]; then
  dir=${2:?usage: pg-test-cluster.sh stop DIR}
  [ -d "$dir/data" ] || exit 0
  pg_ctl=$(find_bin pg_ctl)
  if [ "$(id -u)" = 0 ]; then
    owner=$(stat -c %U "$dir/data")
    runuser -u "$owner" -- "$pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  else
    "$pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit 0
fi

initdb=$(find_bin initdb)
pg_ctl=$(find_bin pg_ctl)
if [ -z "$initdb" ] || [ -z "$pg_ctl" ]; then
  echo "pg-test-cluster: initdb/pg_ctl not found (apt-get install -y postgresql)" >&2
  exit 1
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/cx-pg-XXXXXX")
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
run=()
if [ "$(id -u)" = 0 ]; then
  user=postgres
  id "$user" >/dev/null 2>&1 || user=nobody
  chown "$user" "$dir"
  chmod 755 "$dir"
  run=(runuser -u "$user" --)
fi
"${run[@]}" "$initdb" -D "$dir/data" -U cx --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  "${run[@]}" "$initdb" -D "$dir/data" -U cx --auth=trust --no-sync -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}
"${run[@]}" "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start >/dev/null || {
  cat "$dir/server.log" >&2
  exit 1
}
echo "export CX_TEST_PG_URL=postgres://cx@127.0.0.1:$port/postgres"
echo "export CX_TEST_PG_DIR=$dir"
