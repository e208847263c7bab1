#!/usr/bin/env bash
# RabbitMQ (with the management UI) for the AppHost on a machine without a container engine (docs/architecture.md#running-without-containers).
# Usage: rabbitmq.sh DATA_DIR, with JUSOU_RABBITMQ_AMQP_PORT, JUSOU_RABBITMQ_MANAGEMENT_PORT and RABBITMQ_DIST_PORT
# (Erlang distribution) set. For a node of a cluster also RABBITMQ_NODENAME, JUSOU_RABBITMQ_COOKIE (the same on every
# node) and, on every node but the first, JUSOU_RABBITMQ_JOIN (the first node's name): a fresh node joins it.
# Everything (node name, cookie, database, logs) lives in DATA_DIR, so checkouts and test runs never collide.
set -euo pipefail
base=$1
: "${JUSOU_RABBITMQ_AMQP_PORT:?}" "${JUSOU_RABBITMQ_MANAGEMENT_PORT:?}" "${RABBITMQ_DIST_PORT:?}"

# Every queue is a quorum queue (services/ServiceKit/ServiceHosting.cs); a broker made when they were classic queues
# cannot redeclare them, so its data (a development broker's) is started afresh once.
if [ -d "$base/mnesia" ] && [ ! -e "$base/quorum-queues" ]; then rm -rf "$base/mnesia"; fi
mkdir -p "$base/mnesia" "$base/log" "$base/plugins"
touch "$base/quorum-queues"

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

if [ -n "${JUSOU_RABBITMQ_COOKIE:-}" ]; then
  rm -f "$base/.erlang.cookie"
  (umask 077; printf '%s' "$JUSOU_RABBITMQ_COOKIE" > "$base/.erlang.cookie")
  chmod 400 "$base/.erlang.cookie"
fi

# The management UI on the first node shows the whole cluster; the others only report to it.
if [ -z "${JUSOU_RABBITMQ_JOIN:-}" ]; then plugin=rabbitmq_management; else plugin=rabbitmq_management_agent; fi
echo "[$plugin]." > "$RABBITMQ_ENABLED_PLUGINS_FILE"
cat > "$base/rabbitmq.conf" <<CONF
log.console = true
log.console.level = warning
log.file = false
CONF
if [ -z "${JUSOU_RABBITMQ_JOIN:-}" ]; then
  cat >> "$base/rabbitmq.conf" <<CONF
management.tcp.ip = 127.0.0.1
management.tcp.port = $JUSOU_RABBITMQ_MANAGEMENT_PORT
CONF
else
  # Peer discovery runs only on a node's first start; afterwards the node knows its cluster from its own data.
  cat >> "$base/rabbitmq.conf" <<CONF
cluster_formation.peer_discovery_backend = classic_config
cluster_formation.classic_config.nodes.1 = $JUSOU_RABBITMQ_JOIN
cluster_formation.randomized_startup_delay_range.min = 0
cluster_formation.randomized_startup_delay_range.max = 1
CONF
fi

# The /usr/sbin wrapper switches user and HOME; the real script keeps ours.
exec /usr/lib/rabbitmq/bin/rabbitmq-server 2>&1
