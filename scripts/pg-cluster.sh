#!/usr/bin/env bash
# a throwaway PostgreSQL cluster for tests and CI: `start` prints `export JIKIMI_TEST_DATABASE_URL=...`, `stop`
# stops it and removes its folder. Usage: eval "$(scripts/pg-cluster.sh start)"; ...; scripts/pg-cluster.sh stop
#
# The cluster lives in $JIKIMI_PG_DIR (default: a folder under $TMPDIR named after the user), listens on 127.0.0.1
# only, on a free port, with trust authentication for loopback connections, and holds one database, `jikimi`.
# postgres refuses to run as root: run as root, the script runs the server as the user $JIKIMI_PG_USER (default
# jikimi-pg, created when missing). `start` on a running cluster prints its URL again; a stale folder (a server
# killed without `stop`) is wiped and made anew. Durability is off (fsync, synchronous_commit): it is for tests.
set -euo pipefail

DIR="${JIKIMI_PG_DIR:-${TMPDIR:-/tmp}/jikimi-pg-$(id -un)}"
DB_NAME="jikimi"
SUPERUSER="jikimi"
RUN_AS="${JIKIMI_PG_USER:-jikimi-pg}"

log() { echo "pg-cluster: $*" >&2; }

# the server binaries: $PG_BIN, else Debian's newest versioned folder, else where initdb on the PATH lives
find_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  # elsewhere initdb may be on the PATH (often a symlink: the folder that holds createdb is where it points)
  if [[ -z "$found" ]] && command -v initdb >/dev/null 2>&1; then
    found="$(dirname "$(readlink -f "$(command -v initdb)")")"
  fi
  if [[ -z "$found" ]]; then
    log "no PostgreSQL server found (initdb): install it (apt-get install postgresql) or set PG_BIN"
    exit 1
  fi
  echo "$found"
}

# runs a command as the cluster's owner: root switches to $RUN_AS, anyone else runs it as themselves
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u "$RUN_AS" -- "$@"
  else
    "$@"
  fi
}

ensure_owner() {
  [[ "$(id -u)" == 0 ]] || return 0
  if ! id -u "$RUN_AS" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_AS" 2>/dev/null || {
      log "cannot create the user $RUN_AS; using nobody"
      RUN_AS="nobody"
    }
  fi
}

free_port() {
  node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

print_env() {
  local port
  port="$(cat "$DIR/port")"
  echo "export JIKIMI_TEST_DATABASE_URL=postgres://${SUPERUSER}@127.0.0.1:${port}/${DB_NAME}"
}

running() {
  [[ -f "$DIR/port" && -d "$DIR/data" ]] || return 1
  as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

# as root, the server's user must reach $DIR: where its parent is closed to that user (a /tmp of mode 0700, a
# home folder), the cluster lives under /var/lib/jikimi-pg instead, named as $DIR is (start, stop and status agree)
reachable_dir() {
  [[ "$(id -u)" == 0 ]] || return 0
  id -u "$RUN_AS" >/dev/null 2>&1 || return 0
  local parent
  parent="$(dirname "$DIR")"
  [[ -d "$parent" ]] || return 0
  if ! runuser -u "$RUN_AS" -- test -x "$parent" 2>/dev/null; then
    DIR="/var/lib/jikimi-pg/$(basename "$DIR")"
    mkdir -p /var/lib/jikimi-pg
    chmod 0755 /var/lib/jikimi-pg
  fi
}

start() {
  ensure_owner
  reachable_dir
  if running; then
    log "already running in $DIR"
    print_env
    return
  fi
  rm -rf "$DIR"
  mkdir -p "$DIR"
  chmod 0700 "$DIR"
  [[ "$(id -u)" == 0 ]] && chown "$RUN_AS" "$DIR"
  as_owner "$BIN/initdb" -D "$DIR/data" -U "$SUPERUSER" --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
  # only loopback, and only trust there: initdb's pg_hba.conf already trusts local and 127.0.0.1/::1
  local port attempt
  for attempt in 1 2 3; do
    port="$(free_port)"
    if as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start -o \
      "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >/dev/null; then
      echo "$port" >"$DIR/port"
      break
    fi
    [[ "$attempt" == 3 ]] && { cat "$DIR/server.log" >&2; exit 1; }
  done
  as_owner "$BIN/createdb" -h 127.0.0.1 -p "$port" -U "$SUPERUSER" "$DB_NAME"
  log "started on 127.0.0.1:$port in $DIR"
  print_env
}

stop() {
  if [[ -d "$DIR/data" ]]; then
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
  log "stopped"
}

BIN="$(find_bin)"
reachable_dir
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) running && print_env ;;
  status) if running; then log "running in $DIR"; print_env; else log "not running"; exit 1; fi ;;
  *) echo "usage: scripts/pg-cluster.sh start|stop|status|env" >&2; exit 2 ;;
esac
