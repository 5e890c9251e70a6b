#!/usr/bin/env bash
# CPU per message of one gateway on Redis: starts a redis-server and the packaged gateway (bench/wechat-lib.sh),
# warms it up, then measures one wrk run and prints msgs/s with the CPU time (user + system, from /proc) the
# gateway and Redis spent per message in it, then Redis's own time per command (INFO commandstats). For comparing
# one change against the one before on the same machine: run it before and after, on an otherwise idle machine.
# Usage: bench/cpu.sh [workload] [warm-up-seconds] [seconds]   (faq | intake | mix; default faq 50 10: the JIT settles after about 50 s)
#   env: SKIP_BUILD=1 takes target/intake-gateway.jar as built; JFR=1 also records 20 s of the same load with
#        Java Flight Recorder (1 ms samples) into bench/out/cpu.jfr.
set -euo pipefail
cd "$(dirname "$0")/.."
WORKLOAD="${1:-faq}"
WARM="${2:-50}"
DURATION="${3:-10}"
THREADS=1; TOKEN=benchtoken; MAX_RATE=25000; USERS=10000; CONNECTIONS=64; OUT=bench/out; TOLERANCE=300
mkdir -p "$OUT"
for tool in wrk redis-server redis-cli python3; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool (apt-get install wrk redis-server)"; exit 1; }
done
[[ -n "${SKIP_BUILD:-}" ]] || mvn -B -q -ntp package -DskipTests >/dev/null
source bench/wechat-lib.sh
write_questions
start_redis_gateway cpu
REDIS_PID=${PIDS[0]}
HZ=$(getconf CLK_TCK)

warm_up gateway "$P" "$WORKLOAD" "$WARM"
sign_queries "$OUT/queries" "$(next_run_id)" $(( MAX_RATE * DURATION ))
RUN=$(cat "$OUT/run-id")
g0=$(ticks "$GW"); r0=$(ticks "$REDIS_PID"); redis-cli -p "$RP" config resetstat >/dev/null
out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s bench/wechat-workload.lua "http://127.0.0.1:$P" -- \
  "$OUT/queries" "$RUN" "$WORKLOAD" "$USERS" "$OUT/questions.txt" 0 "$CONNECTIONS")
g1=$(ticks "$GW"); r1=$(ticks "$REDIS_PID")
check_errors gateway "$WORKLOAD" "$out" errors
line=$(grep '^RESULT' <<<"$out")
requests=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$line")
echo "$WORKLOAD ${line#RESULT }"
awk -v g=$((g1 - g0)) -v r=$((r1 - r0)) -v n="$requests" -v hz="$HZ" -v d="$DURATION" 'BEGIN {
  printf "CPU per message: gateway %.0f us (%.2f cores), Redis %.0f us (%.2f cores)\n",
    g * 1e6 / hz / n, g / hz / d, r * 1e6 / hz / n, r / hz / d }'
redis-cli -p "$RP" info commandstats | awk -F'[:,=]' -v n="$requests" '/^cmdstat/ {
  printf "  %-16s %6.2f calls/msg %7.1f us/call\n", substr($1, 9), $3 / n, $7 }' | sort -k2 -nr | head -12
if [[ -n "${JFR:-}" ]]; then
  # A file, not <(...): the gateway, another process, opens the settings itself.
  printf '<configuration version="2.0"><event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">1 ms</setting></event></configuration>' \
    > "$OUT/cpu.jfc"
  jcmd "$GW" JFR.start name=cpu settings="$PWD/$OUT/cpu.jfc" >/dev/null
  run_wrk "$P" 20 "$WORKLOAD" >/dev/null
  jcmd "$GW" JFR.stop name=cpu filename="$PWD/$OUT/cpu.jfr" >/dev/null
  echo "profile: $OUT/cpu.jfr"
fi
