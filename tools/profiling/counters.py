#!/usr/bin/env python3
"""Mean and peak of the counters that explain a profile (CPU, GC, allocation, JIT, thread pool, locks, database bytes),
from dotnet-counters CSV files. Usage: counters.py FILE.csv [FILE.csv ...]"""
import csv
import sys
from collections import defaultdict

WANTED = ("cpu.time", "gc.pause", "total_allocated", "gc.collections", "jit.compilation.time", "thread_pool.thread.count",
          "lock_contentions", "thread_pool.queue.length", "work_item.count", "working_set", "bytes_written", "bytes_read",
          "dotnet.exceptions")
for path in sys.argv[1:]:
    values = defaultdict(list)
    for row in csv.DictReader(open(path)):
        name = row["Counter Name"]
        if any(w in name for w in WANTED) and "Pooling=False" not in name:
            values[name.split("[db.client")[0]].append(float(row["Mean/Increment"]))
    print(path)
    for name, series in sorted(values.items()):
        print(f"  {name[:80]:80} mean {sum(series) / len(series):14.3f}  max {max(series):14.3f}")
