#!/usr/bin/env bash
# Soak: the mix workload (bench/wechat-workload.lua) at half of the gateway's own saturation rate for SOAK
# seconds on Redis, in WINDOW-second slices, recording per slice msgs/s, p50/p99, the gateway's RSS and heap
# after a young collection, and Redis's used_memory. Flat is the goal: the run fails (exit 1) when the last
# third's median p99 is more than 2x the first third's, or the heap in use after GC grows by more than 25%
# from the first third to the last (a leak grows without bound; caches fill once and stop).
# Usage: bench/soak.sh [soak-seconds] [window-seconds]   (default 600 30; env CONNECTIONS=16 RATE=...)
#   PREFILL=N first writes N filler keys of 250 bytes with a day's TTL (about 450 MB for 1.3 million), so the
#   soak starts on a Redis that already holds data, as one that has served a while does (a day of message
#   records, a month of transcripts), instead of an empty one.
set -euo pipefail
cd "$(dirname "$0")/.."
SOAK="${1:-600}"
WINDOW="${2:-30}"
CONNECTIONS="${CONNECTIONS:-16}"
USERS="${USERS:-10000}"
MAX_RATE="${MAX_RATE:-25000}"
THREADS=1
TOKEN=benchtoken
TOLERANCE=300
OUT=bench/out
mkdir -p "$OUT"
for tool in wrk redis-server redis-cli python3 jcmd; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool"; exit 1; }
done
[ "${SKIP_BUILD:-0}" = 1 ] || mvn -B -q -ntp package -DskipTests >/dev/null
source bench/wechat-lib.sh
write_questions

start_redis_gateway soak
redis_mib() { echo $(( $(redis-cli -p "$RP" info memory | sed -n 's/^used_memory:\([0-9]*\).*/\1/p') / 1048576 )); }
if (( ${PREFILL:-0} > 0 )); then
  python3 - "$PREFILL" <<'PY' | redis-cli -p "$RP" --pipe >/dev/null
import sys
out, value = sys.stdout.buffer, b"x" * 250
for i in range(int(sys.argv[1])):
    key = b"bench:filler:%d" % i
    out.write(b"*5\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$250\r\n%s\r\n$2\r\nEX\r\n$5\r\n86400\r\n" % (len(key), key, value))
PY
  echo "# Redis prefilled: $(redis-cli -p "$RP" dbsize) keys, $(redis_mib) MiB"
fi

# Saturation: 60 s of warm-up, then the mix as fast as it goes.
warm_up gateway "$P" mix "${SOAK_WARMUP:-60}"
out=$(run_wrk "$P" 15 mix); check_errors gateway saturation "$out" errors
saturated=$(sed -n 's/.*RESULT rps=\([0-9]*\).*/\1/p' <<<"$out")
RATE="${RATE:-$(( saturated / 2 ))}"
echo "# $(date -u +%FT%TZ) saturation (mix): $saturated msgs/s; soak at $RATE msgs/s for ${SOAK}s in ${WINDOW}s slices, $CONNECTIONS connections${PREFILL:+, Redis prefilled with $PREFILL keys}" \
  | tee "$OUT/soak.txt"
heap_mib() { # heap in use right after a young collection, MiB
  jcmd "$GW" GC.run >/dev/null 2>&1 || true
  jcmd "$GW" GC.heap_info 2>/dev/null | sed -n 's/.*garbage-first heap.* used \([0-9]*\)K.*/\1/p' | awk '{printf "%.0f", $1 / 1024}'
}
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }   # the machine's, in the same ticks
HZ=$(getconf CLK_TCK)
REDIS_PID=${PIDS[0]}
for (( t = 0; t < SOAK; t += WINDOW )); do
  g0=$(ticks "$GW"); r0=$(ticks "$REDIS_PID"); m0=$(busy)
  out=$(run_wrk "$P" "$WINDOW" mix "$RATE"); check_errors gateway "soak at ${t}s" "$out" errors
  g1=$(ticks "$GW"); r1=$(ticks "$REDIS_PID"); m1=$(busy)
  # Cores used in the slice by the gateway, by Redis, and by everything else (wrk, the kernel's own threads).
  cores=$(awk -v g=$((g1 - g0)) -v r=$((r1 - r0)) -v m=$((m1 - m0)) -v hz="$HZ" -v w="$WINDOW" \
    'BEGIN { printf "gw_cores=%.2f redis_cores=%.2f rest_cores=%.2f", g / hz / w, r / hz / w, (m - g - r) / hz / w }')
  echo "t=$t $(grep '^RESULT' <<<"$out") rss_mib=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' /proc/$GW/status)" \
    "heap_mib=$(heap_mib) redis_mib=$(redis_mib)" \
    "load1=$(cut -d' ' -f1 /proc/loadavg) $cores" | tee -a "$OUT/soak.txt"
  rm -f "$OUT"/queries.*
done
python3 - "$OUT/soak.txt" <<'PY'
import re, statistics, sys
rows = []
for line in open(sys.argv[1]):
    m = re.match(r't=(\d+) RESULT rps=(\d+) p50_ms=([\d.]+) p99_ms=([\d.]+).* rss_mib=(\d+) heap_mib=(\d*) redis_mib=(\d+)', line)
    if m:
        rows.append([float(x) if x else 0.0 for x in m.groups()])
if len(rows) < 3:
    sys.exit("soak: too few slices")
third = max(1, len(rows) // 3)
first, last = rows[:third], rows[-third:]
med = lambda rs, i: statistics.median(r[i] for r in rs)
print(f"{'':12} {'msgs/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'RSS MiB':>8} {'heap MiB':>8} {'Redis MiB':>9}")
for name, rs in (("first third", first), ("last third", last)):
    print(f"{name:12} {med(rs,1):7.0f} {med(rs,2):7.2f} {med(rs,3):7.2f} {med(rs,4):8.0f} {med(rs,5):8.0f} {med(rs,6):9.0f}")
p99_ratio = med(last, 3) / max(med(first, 3), 0.01)
heap_ratio = med(last, 5) / max(med(first, 5), 1)
print(f"p99 last/first: {p99_ratio:.2f}   heap after GC last/first: {heap_ratio:.2f}")
if p99_ratio > 2 or heap_ratio > 1.25:
    sys.exit("soak: FAIL (latency or heap not flat)")
print("soak: flat")
PY
grep -h "has been blocked" "$OUT"/soak-*.log && { echo "FAIL: blocked-thread warnings above"; exit 1; } || true
