#!/usr/bin/env bash
# RabbitMQ (with the management UI) for the AppHost on a machine without a container engine (docs/architecture.md#running-without-containers).
# Usage: rabbitmq.sh DATA_DIR, with JUSOU_RABBITMQ_AMQP_PORT, JUSOU_RABBITMQ_MANAGEMENT_PORT and RABBITMQ_DIST_PORT
# (Erlang distribution) set.
# Everything (node name, cookie, database, logs) lives in DATA_DIR, so checkouts and test runs never collide.
set -euo pipefail
base=$1
: "${JUSOU_RABBITMQ_AMQP_PORT:?}" "${JUSOU_RABBITMQ_MANAGEMENT_PORT:?}" "${RABBITMQ_DIST_PORT:?}"
mkdir -p "$base/mnesia" "$base/log" "$base/plugins"

export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$JUSOU_RABBITMQ_AMQP_PORT
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"   # loopback only
export HOME=$base   # rabbitmq-server and rabbitmqctl must share the Erlang cookie in $HOME
export RABBITMQ_NODENAME=${RABBITMQ_NODENAME:-jusou-$(printf '%s' "$base" | sha1sum | cut -c1-10)@localhost}
export RABBITMQ_MNESIA_BASE=$base/mnesia
export RABBITMQ_LOG_BASE=$base/log
export RABBITMQ_PID_FILE=$base/rabbitmq.pid
export RABBITMQ_PLUGINS_EXPAND_DIR=$base/plugins
export RABBITMQ_ENABLED_PLUGINS_FILE=$base/enabled_plugins
export RABBITMQ_CONFIG_FILE=$base/rabbitmq   # rabbitmq.conf, named without its extension

echo '[rabbitmq_management].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
cat > "$base/rabbitmq.conf" <<CONF
management.tcp.ip = 127.0.0.1
management.tcp.port = $JUSOU_RABBITMQ_MANAGEMENT_PORT
log.console = true
log.console.level = warning
log.file = false
CONF

# The /usr/sbin wrapper switches user and HOME; the real script keeps ours.
exec /usr/lib/rabbitmq/bin/rabbitmq-server 2>&1
