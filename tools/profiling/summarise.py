#!/usr/bin/env python3
"""Summarises a dotnet-trace Speedscope file of thread-time samples (profile dotnet-sampled-thread-time).

Thread-time samples cannot tell native code that runs from native code that waits, so each thread's time is split:
  waiting  - the innermost managed frame is a known wait (semaphore, monitor, delay, the socket engine's epoll loop,
             the file watcher's read, a thread-pool worker parked in native code, a thread held for a GC);
  managed  - running managed code (TraceEvent's CPU_TIME leaf): CPU for certain;
  native   - other native code (system calls such as send/recv, the JIT, the GC's own work).
Then the managed CPU by component (the innermost frame that names one) with its hottest methods, and the native time
by its innermost managed frame. Usage: summarise.py FILE.speedscope.json
"""
import json
import sys
from collections import Counter

WAITS = ("Wait", "Sleep", "LowLevelLifoSemaphore", "SemaphoreSlim", "Monitor", "WaitForSignal", "Delay", "WaitHandle",
         "ManualResetEvent", "SocketAsyncEngine.EventLoop", "WaitForSocketEvents", "FileSystem.Watcher!Interop+Sys.Read",
         "PortableThreadPool+WorkerThread.WorkerThreadStart()", "PollGC", "?!?")
COMPONENTS = [
    ("Npgsql", "Npgsql (PostgreSQL driver)"),
    ("Microsoft.EntityFrameworkCore", "EF Core"),
    ("MassTransit", "MassTransit"),
    ("RabbitMQ.Client", "RabbitMQ client"),
    ("System.Text.Json", "System.Text.Json"),
    ("OpenTelemetry", "OpenTelemetry"),
    ("Microsoft.Extensions.Logging", "logging"),
    ("Jusou.", "Jusou (our code)"),
    ("System.Net.Sockets", "sockets"),
    ("System.Threading", "thread pool and tasks"),
]


def component(stack):
    for name in reversed(stack):
        for prefix, label in COMPONENTS:
            if prefix in name:
                return label
    return "other (runtime, GC, JIT)"


def main(path):
    data = json.load(open(path))
    frames = [f["name"] for f in data["shared"]["frames"]]
    kinds, components, exclusive, native = Counter(), Counter(), Counter(), Counter()
    for profile in data["profiles"]:
        if profile.get("type") != "evented":
            continue
        stack, last = [], None
        for event in profile["events"]:
            at = event["at"]
            if stack and last is not None and at > last:
                names = [frames[i] for i in stack]
                leaf = names[-1]
                managed = [n for n in names if n not in ("CPU_TIME", "UNMANAGED_CODE_TIME")]
                inner = managed[-1] if managed else ""
                if leaf != "CPU_TIME" and any(w in inner for w in WAITS):
                    kinds["waiting"] += at - last
                elif leaf == "CPU_TIME":
                    kinds["managed"] += at - last
                    components[component(managed)] += at - last
                    exclusive[inner] += at - last
                else:
                    kinds["native"] += at - last
                    native[inner] += at - last
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack:
                stack.pop()
            last = at
    total = sum(kinds.values()) or 1
    print("Thread time by state (all threads):")
    for kind, time in kinds.most_common():
        print(f"  {kind:8} {100 * time / total:5.1f} %")
    busy = sum(components.values()) or 1
    print("\nManaged CPU by component (innermost frame that names one):")
    for name, time in components.most_common():
        print(f"  {100 * time / busy:5.1f} %  {name}")
    print("\nManaged methods with the most exclusive CPU:")
    for name, time in exclusive.most_common(25):
        print(f"  {100 * time / busy:5.1f} %  {name[:150]}")
    native_total = sum(native.values()) or 1
    print("\nNative time (not a known wait) by its innermost managed frame:")
    for name, time in native.most_common(15):
        print(f"  {100 * time / native_total:5.1f} %  {name[:150]}")


if __name__ == "__main__":
    main(sys.argv[1])
