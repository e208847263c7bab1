#!/usr/bin/env python3
"""A broker account for one municipality's integration events (./jusou integrator-account; docs/events/README.md).

    integrator_account.py TENANT_CODE NAME

The account is least privilege, set through RabbitMQ's management HTTP API (as an administrator):
  - AMQP only (no management tag): it cannot list the broker's queues, exchanges or other users;
  - configure/write/read only on queues named  integrator.<tenant>.<name>.<anything>  (its own);
  - read on the topic exchange jusou.events, where topic permissions let it bind only routing keys that begin with
    "<tenant>." - another municipality's events, "#" or "*.…" are refused by the broker;
  - no write on any exchange: it cannot publish.
Running it again for the same tenant and name gives the account a new password (the old one stops working).

Environment: JUSOU_RABBITMQ_MANAGEMENT  the management API with an administrator's credentials,
             e.g. http://admin:secret@rabbit-1:15672 (on ./jusou up: the messaging resource's management URL, guest/guest);
             JUSOU_RABBITMQ_VHOST       the virtual host (default /).
Prints the account as KEY=value lines (user, password, vhost, queue prefix, the binding key pattern).
"""
import base64
import json
import os
import re
import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request

EXCHANGE = "jusou.events"  # services/Contracts/EventNames.cs
WEIGHTS = (6, 5, 4, 3, 2)


def municipality_code_is_valid(code):
    """全国地方公共団体コード: prefecture 01-47, three digits, check digit (ServiceDefaults/Auth/MunicipalityCode.cs)."""
    if not re.fullmatch(r"[0-9]{6}", code) or not 1 <= int(code[:2]) <= 47:
        return False
    total = sum(int(d) * w for d, w in zip(code[:5], WEIGHTS))
    return str((11 - total % 11) % 10) == code[5]


def fail(message, status=2):
    print(f"integrator-account: {message}", file=sys.stderr)
    sys.exit(status)


def main(argv):
    if len(argv) != 2:
        fail("usage: ./jusou integrator-account <tenant code, e.g. 032085> <name, e.g. fukushi-system>")
    tenant, name = argv
    if not municipality_code_is_valid(tenant):
        fail(f"'{tenant}' is not a 全国地方公共団体コード (six digits, prefecture 01-47, the right check digit)")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,39}", name):
        fail(f"'{name}' is not a name: 1-40 characters of a-z, 0-9 and '-', starting with a letter or digit")
    management = os.environ.get("JUSOU_RABBITMQ_MANAGEMENT") or fail(
        "set JUSOU_RABBITMQ_MANAGEMENT to the management API with an administrator's credentials, e.g. http://admin:secret@rabbit-1:15672")
    vhost = os.environ.get("JUSOU_RABBITMQ_VHOST", "/")

    url = urllib.parse.urlsplit(management)
    if not url.username:
        fail("JUSOU_RABBITMQ_MANAGEMENT must carry the administrator's user and password (http://user:password@host:port)")
    base = f"{url.scheme}://{url.hostname}:{url.port or 15672}{url.path.rstrip('/')}/api"
    auth = base64.b64encode(f"{urllib.parse.unquote(url.username)}:{urllib.parse.unquote(url.password or '')}".encode()).decode()

    def put(path, body):
        request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="PUT",
                                         headers={"Authorization": f"Basic {auth}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30):
                pass
        except urllib.error.HTTPError as error:
            fail(f"the broker refused PUT {path}: {error.code} {error.read().decode(errors='replace')}", 1)
        except urllib.error.URLError as error:
            fail(f"cannot reach the management API at {base}: {error.reason}", 1)

    user = f"integrator-{tenant}-{name}"
    password = secrets.token_urlsafe(24)
    prefix = f"integrator.{tenant}.{name}."
    own_queues = "^" + re.escape(prefix) + ".+$"
    quoted_user, quoted_vhost = urllib.parse.quote(user, safe=""), urllib.parse.quote(vhost, safe="")

    put(f"/users/{quoted_user}", {"password": password, "tags": ""})
    put(f"/permissions/{quoted_vhost}/{quoted_user}", {
        "configure": own_queues,                                             # declare and delete its own queues
        "write": own_queues,                                                 # bind them (write on the queue) ...
        "read": "^(" + re.escape(prefix) + ".+|" + re.escape(EXCHANGE) + ")$",  # ... to jusou.events; consume them
    })
    put(f"/topic-permissions/{quoted_vhost}/{quoted_user}", {
        "exchange": EXCHANGE,
        "write": "^$",                                # never publish
        "read": "^" + re.escape(tenant) + r"\.",      # bind only this municipality's routing keys
    })

    print(f"user={user}")
    print(f"password={password}")
    print(f"vhost={vhost}")
    print(f"queue_prefix={prefix}")
    print(f"exchange={EXCHANGE}")
    print(f"binding_keys={tenant}.#")


if __name__ == "__main__":
    main(sys.argv[1:])
