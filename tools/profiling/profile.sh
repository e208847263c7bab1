#!/usr/bin/env bash
# Profiles one benchmark measurement on the service that does its work.
#   tools/profiling/profile.sh P4 [OUT_DIR]   the referral pipeline: MultiAgency consumes (Intake relays), 15 s
#   tools/profiling/profile.sh P2 [OUT_DIR]   consultation writes: Intake, 10 s
# (OUT_DIR defaults to .jusou/profile/<measure>-<timestamp>.) Runs `./jusou bench --only <measure>` and, as soon as the
# measurement starts (P4: during its first stream of 5,000 referrals; P2: its warm-up and run), collects:
#   - a sampled trace of the service (dotnet-trace), its hottest frames (topN report) and summarise.py's split;
#   - counters of both services (dotnet-counters: System.Runtime, Npgsql, Microsoft.AspNetCore.Hosting) as CSV,
#     from which statements per referral = Npgsql commands during the stream / referrals consumed;
#   - the CPU of each process (top, one sample a second).
# Use a quiet machine: the figures are shares of CPU and counts per message, but a loaded machine starves the pipeline.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
measure=${1:?P4 or P2}
case "$measure" in
  P4) service=Jusou.MultiAgency; seconds=15 ;;
  P2) service=Jusou.Intake; seconds=10 ;;
  *) echo "profile: P4 or P2, not $measure" >&2; exit 2 ;;
esac
out=${2:-$root/.jusou/profile/$measure-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
cd "$root"
dotnet tool restore >/dev/null

./jusou bench --only "$measure" >"$out/bench.log" 2>&1 &
bench=$!
trap 'kill $bench 2>/dev/null || true' EXIT

echo "profile: waiting for the benchmark to start $measure (log: $out/bench.log)"
until grep -q "bench: $measure" "$out/bench.log"; do
  kill -0 $bench 2>/dev/null || { echo "profile: the benchmark ended before $measure"; tail -20 "$out/bench.log"; exit 1; }
  sleep 0.5
done
pid_of() { # the service process the AppHost started from this checkout's build output
  for p in $(pgrep -f "$1" || true); do
    [[ $(basename "$(tr '\0' ' ' </proc/$p/cmdline | cut -d' ' -f1)") == "$1" ]] && { echo "$p"; return; }
  done
}
traced=$(pid_of $service)
multiagency=$(pid_of Jusou.MultiAgency)
intake=$(pid_of Jusou.Intake)
echo "profile: $service pid $traced; collecting $seconds s"
counters=System.Runtime,Npgsql,Microsoft.AspNetCore.Hosting
# The runtime's sampled thread stacks (~100 Hz, EventPipe): threads that wait appear too, so the summary below
# separates samples on CPU from samples waiting. (collect-linux's kernel cpu-sampling traces could not be read back
# into frames by dotnet-trace report or convert here.)
duration=00:00:00:$seconds
dotnet dotnet-trace collect -p "$traced" --profile dotnet-sampled-thread-time --duration $duration --format Speedscope -o "$out/trace.nettrace" >"$out/trace.log" 2>&1 &
dotnet dotnet-counters collect -p "$multiagency" --counters "$counters" --refresh-interval 1 --format csv -o "$out/multiagency-counters.csv" --duration $duration >"$out/counters.log" 2>&1 &
dotnet dotnet-counters collect -p "$intake" --counters "$counters" --refresh-interval 1 --format csv -o "$out/intake-counters.csv" --duration $duration >/dev/null 2>&1 &
top -b -d 1 -n "$seconds" -w 200 >"$out/top.txt" 2>/dev/null &
wait_for_collectors() { for job in $(jobs -p); do [[ $job == "$bench" ]] || wait "$job" || true; done; }
wait_for_collectors
echo "profile: collected; waiting for the benchmark to finish"
wait $bench || true
trap - EXIT

dotnet dotnet-trace report "$out/trace.nettrace" topN -n 40 --inclusive >"$out/top-inclusive.txt" 2>&1 || true
dotnet dotnet-trace report "$out/trace.nettrace" topN -n 40 >"$out/top-exclusive.txt" 2>&1 || true
python3 "$root/tools/profiling/summarise.py" "$out/trace.speedscope.json" >"$out/summary.txt" || true
python3 "$root/tools/profiling/counters.py" "$out"/*-counters.csv >"$out/counters.txt" || true
grep "$measure" "$out/bench.log" | tail -2
echo "profile: written to $out"
