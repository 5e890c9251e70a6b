#!/usr/bin/env bash
# Gateway throughput and latency: signed WeChat text messages through /wechat, embedded store and
# Redis store, next to a bare Vert.x handler measured in the same run on the same machine.
# Usage: bench/run.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
WARMUP="${WARMUP:-10}"
CONNECTIONS="${2:-64}"
THREADS=2
TOKEN=benchtoken
OUT=bench/out
mkdir -p "$OUT"

for tool in wrk redis-server python3; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool (apt-get install wrk redis-server)"; exit 1; }
done

mvn -B -q -ntp package -DskipTests >/dev/null
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() {
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$1$2" && return 0; sleep 0.2; done
  echo "server on $1 did not start"; exit 1
}
signed_query() {
  local ts nonce sig
  ts=$(date +%s); nonce=$RANDOM$RANDOM
  sig=$(printf '%s\n' "$TOKEN" "$ts" "$nonce" | LC_ALL=C sort | tr -d '\n' | sha1sum | cut -d' ' -f1)
  echo "signature=$sig&timestamp=$ts&nonce=$nonce&openid=bench"
}
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

measure() { # name port
  local name=$1 port=$2 run=$3
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/wechat-text.lua "http://127.0.0.1:$port" -- "$(signed_query)" "$((run * 10 + 1))" >/dev/null
  local line
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s bench/wechat-text.lua "http://127.0.0.1:$port" \
    -- "$(signed_query)" "$((run * 10 + 2))" | grep '^RESULT')
  echo "$name $line" | tee -a "$OUT/results.txt"
}

: > "$OUT/results.txt"
echo "# $(date -u +%FT%TZ) warmup=${WARMUP}s duration=${DURATION}s connections=$CONNECTIONS threads=$THREADS cores=$(nproc)" | tee -a "$OUT/results.txt"

# 1. Baseline: bare Vert.x handler.
P=$(free_port)
java -cp "$CP" com.furnishcare.intake.bench.BareVertxServer "$P" > "$OUT/bare.log" 2>&1 & PIDS+=($!)
wait_http "$P" /
measure bare "$P" 1
kill "${PIDS[-1]}"

# 2. Gateway, embedded store.
P=$(free_port); DATA=$(mktemp -d)
GATEWAY_LOG_LEVEL=WARN GATEWAY_HTTP_HOST=127.0.0.1 GATEWAY_HTTP_PORT=$P GATEWAY_DATA_DIR=$DATA WECHAT_TOKEN=$TOKEN \
  java -jar target/intake-gateway.jar > "$OUT/embedded.log" 2>&1 & PIDS+=($!)
wait_http "$P" /health
measure embedded "$P" 2
kill "${PIDS[-1]}"

# 3. Gateway, Redis store.
RP=$(free_port)
redis-server --port "$RP" --bind 127.0.0.1 --save "" --appendonly no > "$OUT/redis.log" 2>&1 & PIDS+=($!)
sleep 0.5
P=$(free_port)
GATEWAY_LOG_LEVEL=WARN GATEWAY_HTTP_HOST=127.0.0.1 GATEWAY_HTTP_PORT=$P REDIS_URL=redis://127.0.0.1:$RP WECHAT_TOKEN=$TOKEN \
  java -jar target/intake-gateway.jar > "$OUT/redis-gateway.log" 2>&1 & PIDS+=($!)
wait_http "$P" /health
measure redis "$P" 3

echo
python3 - "$OUT/results.txt" <<'PY'
import sys, re
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r'(\w+) RESULT rps=(\d+) p50_ms=([\d.]+) p99_ms=([\d.]+) requests=(\d+) errors=(\d+)', line)
    if m:
        rows[m.group(1)] = [float(x) for x in m.groups()[1:]]
base = rows.get('bare')
print(f"{'server':10} {'msgs/s':>9} {'vs bare':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
for name, (rps, p50, p99, n, err) in rows.items():
    ratio = f"{rps / base[0]:.2f}x" if base else "-"
    print(f"{name:10} {rps:9.0f} {ratio:>8} {p50:8.2f} {p99:8.2f} {int(err):7d}")
PY
grep -h "has been blocked" "$OUT"/*.log && echo "WARNING: blocked-thread warnings above" || true
