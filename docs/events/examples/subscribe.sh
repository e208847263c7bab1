#!/usr/bin/env bash
# Subscribe to a Jusou integration event from outside .NET, with nothing but curl, python3 and the RabbitMQ
# management HTTP API: declare your own queue, bind it to the event's exchange, and print each message body.
#
#   docs/events/examples/subscribe.sh Jusou.Contracts.MultiAgency:SupportCaseOpened [queue-name]
#
# Environment: RABBITMQ_MANAGEMENT_URL (default http://127.0.0.1:15672; `./jusou up` and the dashboard show the real
# port), RABBITMQ_USER / RABBITMQ_PASSWORD (guest/guest on the local broker), WAIT_SECONDS (default 60: how long to
# wait for messages), MESSAGES (default 1: stop after this many).
# The management API's "get" is for demos and low volumes; a production consumer uses AMQP (basic.consume) on the
# same queue and binding, with manual acks and de-duplication on messageId.
set -euo pipefail
exchange=${1:?usage: subscribe.sh <exchange, e.g. Jusou.Contracts.MultiAgency:SupportCaseOpened> [queue]}
queue=${2:-integrator.$(printf '%s' "$exchange" | tr ':' '.')}
api=${RABBITMQ_MANAGEMENT_URL:-http://127.0.0.1:15672}/api
auth="${RABBITMQ_USER:-guest}:${RABBITMQ_PASSWORD:-guest}"
wait_seconds=${WAIT_SECONDS:-60}
wanted=${MESSAGES:-1}
vhost=%2F

encode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
call() { curl -fsS -u "$auth" -H 'content-type: application/json' "$@"; }

# 1. Your own durable queue: you own it, you name it, messages wait there while your system is down.
call -X PUT "$api/queues/$vhost/$(encode "$queue")" -d '{"durable": true}'
# 2. The event's exchange (fanout, durable, as MassTransit declares it; declaring it here too means it does not
#    matter who starts first) and the binding. A fanout exchange ignores the routing key.
call -X PUT "$api/exchanges/$vhost/$(encode "$exchange")" -d '{"type": "fanout", "durable": true, "auto_delete": false}'
call -X POST "$api/bindings/$vhost/e/$(encode "$exchange")/q/$(encode "$queue")" -d '{"routing_key": ""}' >/dev/null
echo "subscribed: queue $queue is bound to exchange $exchange" >&2

# 3. Take messages off the queue: each one is MassTransit's JSON envelope; the event is its "message" field.
received=0
deadline=$((SECONDS + wait_seconds))
while [ "$received" -lt "$wanted" ] && [ "$SECONDS" -lt "$deadline" ]; do
  batch=$(call -X POST "$api/queues/$vhost/$(encode "$queue")/get" \
    -d "{\"count\": $((wanted - received)), \"ackmode\": \"ack_requeue_false\", \"encoding\": \"auto\"}")
  count=$(printf '%s' "$batch" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
  if [ "$count" -gt 0 ]; then
    # One line per event: the event body, compact JSON.
    printf '%s' "$batch" | python3 -c '
import json, sys
for m in json.load(sys.stdin):
    print(json.dumps(json.loads(m["payload"])["message"], ensure_ascii=False), flush=True)'
    received=$((received + count))
  else
    sleep 0.5
  fi
done
[ "$received" -ge "$wanted" ] || { echo "no message within ${wait_seconds}s" >&2; exit 1; }
