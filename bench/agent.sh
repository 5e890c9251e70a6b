#!/usr/bin/env bash
# The agents' console (issue 14 point 9): an agent's reply until the homeowner's page shows it (p50/p99
# over N replies), and how many console sockets one gateway holds, at what memory, with how fast a queue
# change reaches all of them. Embedded store, the packaged jar; one bench account.
# Usage: bench/agent.sh [replies] [consoles]
set -euo pipefail
cd "$(dirname "$0")/.."
REPLIES="${1:-300}"
CONSOLES="${2:-2000}"
OUT=bench/out
mkdir -p "$OUT"

mvn -B -q -ntp package -DskipTests >/dev/null
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"
source bench/procs-lib.sh
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

AGENTS=$(mktemp -d)/agents.yaml
HASH=$(printf 'bench-password-1' | java -jar target/intake-gateway.jar hash-password)
printf -- '- username: bench\n  displayName: 压测客服\n  role: agent\n  passwordHash: "%s"\n' "$HASH" > "$AGENTS"

start_gateway() {
  P=$(free_port); DATA=$(mktemp -d)
  GATEWAY_LOG_LEVEL=WARN GATEWAY_HTTP_HOST=127.0.0.1 GATEWAY_HTTP_PORT=$P GATEWAY_DATA_DIR=$DATA \
    AGENTS_FILE=$AGENTS AGENT_SERVICE_HOURS= \
    RATE_LIMIT_IP_PER_S=100000 RATE_LIMIT_IP_BURST=100000 RATE_LIMIT_CONVERSATION_PER_MIN=100000 \
    RATE_LIMIT_CONVERSATION_BURST=100000 RATE_LIMIT_NEW_CONVERSATIONS_PER_MIN=100000 \
    java $BENCH_JAVA_OPTS -jar target/intake-gateway.jar > "$OUT/agent-gateway.log" 2>&1 & GW=$!; PIDS+=($GW)
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$P/health" && return 0; sleep 0.2; done
  echo "gateway did not start"; exit 1
}

echo "# $(date -u +%FT%TZ) replies=$REPLIES consoles=$CONSOLES cores=$(nproc) load=$(cut -d' ' -f1 /proc/loadavg)"

start_gateway
java -cp "$CP" com.furnishcare.intake.bench.AgentBench latency "$P" "$REPLIES" | grep '^RESULT'
kill "$GW" 2>/dev/null || true; wait "$GW" 2>/dev/null || true

start_gateway
sleep 2
java -cp "$CP" com.furnishcare.intake.bench.AgentBench consoles "$P" "$CONSOLES" 5 > "$OUT/agent-consoles.txt" 2>&1 &
CLIENT=$!; PIDS+=($CLIENT)
# Memory is read after a full GC, once after the sign-ins (argon2id grows the heap) and once with all consoles up.
for _ in $(seq 1 120); do grep -q '^SIGNED_IN' "$OUT/agent-consoles.txt" && break; sleep 0.5; done
jcmd "$GW" GC.run >/dev/null 2>&1 || true; sleep 1
BEFORE=$(rss_kb "$GW"); HEAP_BEFORE=$(jcmd "$GW" GC.heap_info 2>/dev/null | awk '/used/ {print $0; exit}')
for _ in $(seq 1 600); do grep -q '^OPEN' "$OUT/agent-consoles.txt" && break; sleep 0.5; done
grep -q '^OPEN' "$OUT/agent-consoles.txt" || { echo "consoles did not open"; cat "$OUT/agent-consoles.txt"; exit 1; }
jcmd "$GW" GC.run >/dev/null 2>&1 || true; sleep 1
AFTER=$(rss_kb "$GW"); HEAP_AFTER=$(jcmd "$GW" GC.heap_info 2>/dev/null | awk '/used/ {print $0; exit}')
echo "heap before: $HEAP_BEFORE"; echo "heap after:  $HEAP_AFTER"
wait "$CLIENT" || { cat "$OUT/agent-consoles.txt"; exit 1; }
grep '^RESULT' "$OUT/agent-consoles.txt"
echo "console sockets held: $CONSOLES; gateway RSS ${BEFORE} kB -> ${AFTER} kB; per console $(( (AFTER - BEFORE) * 1024 / CONSOLES )) bytes"
