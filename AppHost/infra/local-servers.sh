#!/usr/bin/env bash
# "Given servers" on this machine for a production-mode walk-through (docs/deploy.md): a three-node RabbitMQ cluster and
# PostgreSQL with a synchronous streaming standby, run in the background from the same scripts the AppHost uses, with
# their data, logs and an env file (JUSOU_POSTGRES, JUSOU_MESSAGING, JUSOU_RABBITMQ_MANAGEMENT) in STATE_DIR.
# Usage: local-servers.sh STATE_DIR start|stop|env
set -euo pipefail
state=$(realpath -m "$1")
infra=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$state/logs"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
secret() { [ -s "$state/$1" ] || (umask 077; od -An -tx1 -N24 /dev/urandom | tr -d ' \n' > "$state/$1"); cat "$state/$1"; }
port() { [ -s "$state/port-$1" ] || free_port > "$state/port-$1"; cat "$state/port-$1"; }
node() { echo "jusou-local-$(printf '%s' "$state" | sha1sum | cut -c1-8)-$1@localhost"; }

start_background() { # NAME COMMAND... : runs it detached, its output in logs/NAME.log, its pid in NAME.pid
  local name=$1; shift
  if [ -s "$state/$name.pid" ] && kill -0 "$(cat "$state/$name.pid")" 2>/dev/null; then return; fi
  setsid "$@" > "$state/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$state/$name.pid"
}

wait_for_port() { # PORT WHAT
  for _ in $(seq 1 240); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.5; done
  echo "local-servers: $2 did not start; see $state/logs" >&2; exit 1
}

password=$(secret postgres-password)
cookie=$(secret erlang-cookie)
# The broker's accounts: "jusou" for the services (AMQP, everything in the virtual host), "jusou-admin" for operators
# (the management UI and ./jusou integrator-account). guest is deleted, as on any broker outside Development.
broker_password=$(secret rabbitmq-jusou-password)
admin_password=$(secret rabbitmq-admin-password)
messaging=""
for n in 1 2 3; do messaging+="${messaging:+,}amqp://jusou:$broker_password@127.0.0.1:$(port amqp-$n)/"; done
management="http://jusou-admin:$admin_password@127.0.0.1:$(port management-1)"
rabbitmqctl() { HOME="$state/messaging-1" /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$(node 1)" "$@"; }
ensure_broker_user() { # NAME PASSWORD TAGS
  rabbitmqctl add_user "$1" "$2" >/dev/null 2>&1 || rabbitmqctl change_password "$1" "$2" >/dev/null
  rabbitmqctl set_user_tags "$1" $3 >/dev/null
  rabbitmqctl set_permissions -p / "$1" '.*' '.*' '.*' >/dev/null
}
postgres="Host=127.0.0.1:$(port postgres),127.0.0.1:$(port postgres-standby);Username=postgres;Password=$password;Target Session Attributes=primary"

case "${2:-env}" in
  start)
    JUSOU_POSTGRES_PORT=$(port postgres) JUSOU_POSTGRES_PASSWORD=$password JUSOU_POSTGRES_SYNCHRONOUS_STANDBY=jusou_standby \
      start_background postgres bash "$infra/postgres.sh" "$state/postgres"
    wait_for_port "$(port postgres)" "PostgreSQL (primary)"
    JUSOU_POSTGRES_PORT=$(port postgres-standby) JUSOU_POSTGRES_PASSWORD=$password JUSOU_POSTGRES_STANDBY_OF=$(port postgres) \
      start_background postgres-standby bash "$infra/postgres.sh" "$state/postgres-standby"
    for n in 1 2 3; do
      join=""; [ "$n" = 1 ] || join=$(node 1)
      RABBITMQ_NODENAME=$(node "$n") JUSOU_RABBITMQ_COOKIE=$cookie JUSOU_RABBITMQ_JOIN=$join \
        JUSOU_RABBITMQ_AMQP_PORT=$(port amqp-$n) JUSOU_RABBITMQ_MANAGEMENT_PORT=$(port management-$n) RABBITMQ_DIST_PORT=$(port dist-$n) \
        start_background "messaging-$n" bash "$infra/rabbitmq.sh" "$state/messaging-$n"
      wait_for_port "$(port amqp-$n)" "RabbitMQ node $n"   # the first node is up before the others join it
    done
    rabbitmqctl await_startup >/dev/null
    ensure_broker_user jusou "$broker_password" ""
    ensure_broker_user jusou-admin "$admin_password" administrator
    rabbitmqctl delete_user guest >/dev/null 2>&1 || true
    wait_for_port "$(port postgres-standby)" "PostgreSQL (standby)"
    echo "local-servers: running (RabbitMQ management UI: http://127.0.0.1:$(port management-1), jusou-admin; its password in $state/rabbitmq-admin-password)" >&2
    ;;
  stop)
    for name in messaging-3 messaging-2 messaging-1 postgres-standby postgres; do
      [ -s "$state/$name.pid" ] || continue
      pid=$(cat "$state/$name.pid")
      kill -TERM -- "-$pid" 2>/dev/null || true   # the whole process group: the script and the server it runs
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      rm -f "$state/$name.pid"
    done
    echo "local-servers: stopped (data kept in $state; delete it for a clean slate)" >&2
    ;;
  env) ;;
  *) echo "usage: local-servers.sh STATE_DIR start|stop|env" >&2; exit 2 ;;
esac
(umask 077; printf 'JUSOU_POSTGRES=%q\nJUSOU_MESSAGING=%q\nJUSOU_RABBITMQ_MANAGEMENT=%q\n' "$postgres" "$messaging" "$management" > "$state/env")
echo "$state/env"
