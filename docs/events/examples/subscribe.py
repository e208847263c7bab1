#!/usr/bin/env python3
"""Subscribe to one municipality's Jusou events with the broker account issued for it, from outside .NET.

    JUSOU_AMQP_URL=amqp://integrator-032085-fukushi:<password>@rabbit-1:5672/%2F \
    JUSOU_QUEUE=integrator.032085.fukushi.cases \
      python3 docs/events/examples/subscribe.py '032085.multiagency.support-case-opened.v1' ['032085.intake.#' ...]

Declares your own durable quorum queue (its name must begin with your account's queue prefix), binds it to the
topic exchange jusou.events with the binding keys given (each must begin with your municipality's code: the broker
refuses any other), and prints each event as one line of JSON: its routing key, messageId and body. Acks only after
printing: a message you have not handled stays in your queue. De-duplicate on messageId (delivery is at least once).
Environment: JUSOU_AMQP_URL, JUSOU_QUEUE, WAIT_SECONDS (default 60: stop after this long without reaching
MESSAGES), MESSAGES (default 1: stop after this many). Needs pika (Debian: python3-pika; pip: pika).
Exit status: 0 all messages received, 1 too few in time, 3 the broker refused the queue or a binding.
"""
import json
import os
import sys
import time

import pika

EXCHANGE = "jusou.events"


def main(binding_keys):
    if not binding_keys:
        sys.exit(__doc__)
    queue = os.environ["JUSOU_QUEUE"]
    wanted = int(os.environ.get("MESSAGES", "1"))
    deadline = time.monotonic() + float(os.environ.get("WAIT_SECONDS", "60"))

    connection = pika.BlockingConnection(pika.URLParameters(os.environ["JUSOU_AMQP_URL"]))
    channel = connection.channel()
    try:
        # 1. Your own durable queue: messages wait there while your system is down.
        channel.queue_declare(queue, durable=True, arguments={"x-queue-type": "quorum"})
        # 2. Bound to the events exchange by routing key: {tenantCode}.{service}.{event}.v{n}.
        for key in binding_keys:
            channel.queue_bind(queue, EXCHANGE, routing_key=key)
    except pika.exceptions.ChannelClosedByBroker as refused:
        print(f"refused: {refused.reply_code} {refused.reply_text}", file=sys.stderr, flush=True)
        sys.exit(3)
    print(f"subscribed: queue {queue} is bound to {EXCHANGE} with {', '.join(binding_keys)}", file=sys.stderr, flush=True)

    # 3. Consume: each message is MassTransit's JSON envelope; the event is its "message" field.
    received = 0
    channel.basic_qos(prefetch_count=10)
    for method, _properties, body in channel.consume(queue, inactivity_timeout=0.5):
        if method is not None:
            envelope = json.loads(body)
            print(json.dumps({"routingKey": method.routing_key, "messageId": envelope["messageId"], "event": envelope["message"]},
                             ensure_ascii=False), flush=True)
            channel.basic_ack(method.delivery_tag)
            received += 1
        if received >= wanted or time.monotonic() > deadline:
            break
    channel.cancel()
    connection.close()
    if received < wanted:
        print(f"received {received} of {wanted} messages in time", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
