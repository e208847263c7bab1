#!/usr/bin/env bash
# PostgreSQL for the AppHost on a machine without a container engine (docs/architecture.md#running-without-containers).
# Usage: postgres.sh DATA_DIR, with JUSOU_POSTGRES_PORT and JUSOU_POSTGRES_PASSWORD in the environment.
# Initialises DATA_DIR on first use, then runs postgres and turns the AppHost's stop signal into a fast shutdown.
# A streaming standby: JUSOU_POSTGRES_STANDBY_OF=PRIMARY_PORT; on first use DATA_DIR is a pg_basebackup of the primary
# with standby.signal, and it replays the primary's WAL until promoted (SELECT pg_promote()).
# A primary with a synchronous standby: JUSOU_POSTGRES_SYNCHRONOUS_STANDBY=jusou_standby; a commit returns once the
# standby has it, so a failover loses nothing that was accepted (and writes wait while the standby is away).
# postgres refuses to run as root: as root we switch to the postgres user the Debian package created.
set -euo pipefail
data=$1
port=${JUSOU_POSTGRES_PORT:?JUSOU_POSTGRES_PORT is required}
password=${JUSOU_POSTGRES_PASSWORD:?JUSOU_POSTGRES_PASSWORD is required}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

as_postgres=()
if [ "$(id -u)" = 0 ]; then as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups); fi

mkdir -p "$data"
chmod 700 "$data"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$data"; fi

if [ ! -s "$data/PG_VERSION" ] && [ -n "${JUSOU_POSTGRES_STANDBY_OF:-}" ]; then
  conninfo="host=127.0.0.1 port=$JUSOU_POSTGRES_STANDBY_OF user=postgres application_name=jusou_standby"
  PGPASSWORD=$password "${as_postgres[@]}" "$bin/pg_basebackup" -d "$conninfo" -D "$data" -X stream --checkpoint=fast
  touch "$data/standby.signal"
  printf "primary_conninfo = '%s password=%s'\n" "$conninfo" "$password" >> "$data/postgresql.auto.conf"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$data/standby.signal" "$data/postgresql.auto.conf"; fi
elif [ ! -s "$data/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s' "$password" > "$pwfile"
  if [ "$(id -u)" = 0 ]; then chown postgres "$pwfile"; fi
  "${as_postgres[@]}" "$bin/initdb" -D "$data" -U postgres --auth=scram-sha-256 --pwfile="$pwfile" \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
fi

replication=()
if [ -n "${JUSOU_POSTGRES_SYNCHRONOUS_STANDBY:-}" ]; then
  replication=(-c synchronous_standby_names="$JUSOU_POSTGRES_SYNCHRONOUS_STANDBY" -c wal_keep_size=256MB)
fi

# JIT is off: compiling a reporting query's plan costs more than running it at our sizes (docs/performance.md, P5).
# Loopback only; the socket lives in the data folder so two checkouts never meet. Logs go to stdout, so the
# dashboard shows PostgreSQL's ordinary lines as information, not errors.
"${as_postgres[@]}" "$bin/postgres" -D "$data" -p "$port" \
  -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories="$data" \
  -c max_connections=300 \
  -c jit=off \
  -c log_min_messages=warning \
  "${replication[@]}" \
  2>&1 &
postgres_pid=$!

# The AppHost stops a resource with SIGTERM, which PostgreSQL reads as "smart" shutdown: wait for every client to
# leave. Services keep pooled connections, so that would wait until the AppHost kills it. Ask for "fast" shutdown
# instead (SIGINT): clients are disconnected and the data is checkpointed cleanly.
trap 'kill -INT "$postgres_pid" 2>/dev/null' TERM INT
status=0
while kill -0 "$postgres_pid" 2>/dev/null; do
  wait "$postgres_pid" && status=0 || status=$?   # a trapped signal interrupts wait; keep waiting for the exit
done
exit "$status"
