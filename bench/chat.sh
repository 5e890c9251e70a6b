#!/usr/bin/env bash
# The web chat's socket: how many idle pages one gateway holds and the memory each costs, and the
# round trip of a question through the socket next to the same question through POST /api/chat/messages,
# at a fixed rate, in the same run. Embedded store; the public rate limits are lifted for the bench client.
# Usage: bench/chat.sh [idle-pages] [rate-per-s] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES="${1:-10000}"
RATE="${2:-200}"
SECONDS_RUN="${3:-20}"
OUT=bench/out
mkdir -p "$OUT"

mvn -B -q -ntp package -DskipTests >/dev/null
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"
source bench/procs-lib.sh
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

start_gateway() {
  P=$(free_port); DATA=$(mktemp -d)
  GATEWAY_LOG_LEVEL=WARN GATEWAY_HTTP_HOST=127.0.0.1 GATEWAY_HTTP_PORT=$P GATEWAY_DATA_DIR=$DATA \
    RATE_LIMIT_IP_PER_S=100000 RATE_LIMIT_IP_BURST=100000 RATE_LIMIT_CONVERSATION_PER_MIN=100000 \
    RATE_LIMIT_CONVERSATION_BURST=100000 RATE_LIMIT_NEW_CONVERSATIONS_PER_MIN=100000 \
    java $BENCH_JAVA_OPTS -jar target/intake-gateway.jar > "$OUT/chat-gateway.log" 2>&1 & GW=$!; PIDS+=($GW)
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$P/health" && return 0; sleep 0.2; done
  echo "gateway did not start"; exit 1
}

echo "# $(date -u +%FT%TZ) pages=$PAGES rate=$RATE/s seconds=$SECONDS_RUN cores=$(nproc) load=$(cut -d' ' -f1 /proc/loadavg)"

# 1. Idle pages: memory before and after opening them (each has a conversation and a live subscription).
start_gateway
sleep 2
BEFORE=$(rss_kb "$GW")
java -cp "$CP" com.furnishcare.intake.bench.ChatSocketBench open "$P" "$PAGES" 30 > "$OUT/chat-open.txt" 2>&1 &
CLIENT=$!; PIDS+=($CLIENT)
for _ in $(seq 1 600); do grep -q '^OPEN' "$OUT/chat-open.txt" && break; sleep 0.5; done
grep -q '^OPEN' "$OUT/chat-open.txt" || { echo "pages did not open"; cat "$OUT/chat-open.txt"; exit 1; }
sleep 3
AFTER=$(rss_kb "$GW")
OPEN=$(sed -n 's/^OPEN //p' "$OUT/chat-open.txt")
echo "idle pages held: $OPEN; gateway RSS ${BEFORE} kB -> ${AFTER} kB; per page $(( (AFTER - BEFORE) * 1024 / OPEN )) bytes"
kill "$CLIENT" "$GW" 2>/dev/null || true
wait "$GW" 2>/dev/null || true

# 2. Round trips at a fixed rate: half through sockets, half through the JSON endpoint, same run.
start_gateway
java -cp "$CP" com.furnishcare.intake.bench.ChatSocketBench rtt "$P" "$RATE" "$SECONDS_RUN" 200 | grep '^RESULT'
