#!/usr/bin/env bash
# Profiles the referral pipeline (benchmark P4) on MultiAgency, the consuming side, and Intake, the relaying side.
#   tools/profiling/profile-referrals.sh [OUT_DIR]     (default .jusou/profile/<timestamp>)
# Runs `./jusou bench --only P4` and, while its first stream of 5,000 referrals flows, collects for 15 s:
#   - a sampled trace of MultiAgency (dotnet-trace) and its hottest frames (topN report);
#   - counters of both services (dotnet-counters: System.Runtime, Npgsql, Microsoft.AspNetCore.Hosting) as CSV,
#     from which statements per referral = Npgsql commands during the stream / referrals consumed;
#   - the CPU of each process (top, one sample a second).
# Use a quiet machine: the figures are shares of CPU and counts per message, but a loaded machine starves the pipeline.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/.jusou/profile/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
cd "$root"
dotnet tool restore >/dev/null

./jusou bench --only P4 >"$out/bench.log" 2>&1 &
bench=$!
trap 'kill $bench 2>/dev/null || true' EXIT

echo "profile: waiting for the benchmark to start P4 (log: $out/bench.log)"
until grep -q "bench: P4" "$out/bench.log"; do
  kill -0 $bench 2>/dev/null || { echo "profile: the benchmark ended before P4"; tail -20 "$out/bench.log"; exit 1; }
  sleep 0.5
done
pid_of() { # the service process the AppHost started from this checkout's build output
  for p in $(pgrep -f "$1" || true); do
    [[ $(basename "$(tr '\0' ' ' </proc/$p/cmdline | cut -d' ' -f1)") == "$1" ]] && { echo "$p"; return; }
  done
}
multiagency=$(pid_of Jusou.MultiAgency)
intake=$(pid_of Jusou.Intake)
echo "profile: MultiAgency pid $multiagency, Intake pid $intake; collecting 15 s"
counters=System.Runtime,Npgsql,Microsoft.AspNetCore.Hosting
# The runtime's sampled thread stacks (~100 Hz, EventPipe): threads that wait appear too, so the summary below
# separates samples on CPU from samples waiting. (collect-linux's kernel cpu-sampling traces could not be read back
# into frames by dotnet-trace report or convert here.)
dotnet dotnet-trace collect -p "$multiagency" --profile dotnet-sampled-thread-time --duration 00:00:00:15 --format Speedscope -o "$out/multiagency.nettrace" >"$out/trace.log" 2>&1 &
dotnet dotnet-counters collect -p "$multiagency" --counters "$counters" --refresh-interval 1 --format csv -o "$out/multiagency-counters.csv" --duration 00:00:00:15 >"$out/counters.log" 2>&1 &
dotnet dotnet-counters collect -p "$intake" --counters "$counters" --refresh-interval 1 --format csv -o "$out/intake-counters.csv" --duration 00:00:00:15 >/dev/null 2>&1 &
top -b -d 1 -n 15 -w 200 >"$out/top.txt" 2>/dev/null &
wait_for_collectors() { for job in $(jobs -p); do [[ $job == "$bench" ]] || wait "$job" || true; done; }
wait_for_collectors
echo "profile: collected; waiting for the benchmark to finish"
wait $bench || true
trap - EXIT

dotnet dotnet-trace report "$out/multiagency.nettrace" topN -n 40 --inclusive >"$out/multiagency-top-inclusive.txt" 2>&1 || true
dotnet dotnet-trace report "$out/multiagency.nettrace" topN -n 40 >"$out/multiagency-top-exclusive.txt" 2>&1 || true
python3 "$root/tools/profiling/summarise.py" "$out/multiagency.speedscope.json" >"$out/summary.txt" || true
grep "P4" "$out/bench.log" | tail -3
echo "profile: written to $out"
