#!/usr/bin/env bash
# The reports at a national brand's size (issue 16 point 5): for each store and size, a fresh store filled
# by the generator (N tickets over a year, 2N survey responses), then the dashboard's p50/p95 (60 requests:
# a year, a quarter, a month, filtered by dealer / region / category / channel or not, a ticket written every
# third request so today's cached day is read again), the aggregates' footprint (cells, rows or keys, bytes),
# and the cost per ticket event of keeping them current (commitTurn throughput with and without, same run).
# A redis-server of its own on a free port, no persistence. Usage: bench/reports.sh [sizes...]
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(10000 100000 1000000)
OUT=bench/out
mkdir -p "$OUT"
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no > "$OUT/reports-redis.log" 2>&1 &
REDIS=$!
trap 'kill $REDIS 2>/dev/null || true' EXIT
sleep 0.5
echo "# $(date -u +%FT%TZ) cores=$(nproc) load=$(cut -d' ' -f1 /proc/loadavg) sizes=${SIZES[*]}"
: > "$OUT/reports.txt"
for size in "${SIZES[@]}"; do
  for store in embedded redis; do
    redis-cli -p "$PORT" flushall >/dev/null
    java -Xmx6g -cp "$CP" com.furnishcare.intake.bench.ReportBench "$store" "$size" "redis://127.0.0.1:$PORT" 2>&1 \
      | grep '^RESULT' | tee -a "$OUT/reports.txt"
    if [ "$store" = redis ]; then
      echo "RESULT_REDIS size=$size used_memory=$(redis-cli -p "$PORT" info memory | awk -F: '/^used_memory:/ {print $2}' | tr -d '\r')" \
        | tee -a "$OUT/reports.txt"
    fi
  done
done
echo
printf '%-9s %9s %9s %7s %8s %7s %7s %9s %10s %12s %11s %11s %6s\n' store tickets responses gen_s cold_ms p50_ms \
  p95_ms cells rows/keys agg_bytes with/s without/s ratio
grep '^RESULT ' "$OUT/reports.txt" | sed 's/[a-z_0-9]*=//g; s#/s##g' | awk '{printf "%-9s %9s %9s %7s %8s %7s %7s %9s %10s %12s %11s %11s %6s\n", $2,$3,$4,$5,$6,$7,$8,$10,$11,$12,$15,$16,$17}'
