#!/usr/bin/env bash
# The WeChat path side by side, in one run on one machine: two hand-written Vert.x baselines (signature +
# StAX parse + dedupe + XML reply; and the same + a session GET/SETEX in Redis) and the gateway (a full
# turn: claim, dialog, FAQ search, atomic commit) on its embedded store and on Redis, each under three
# workloads (bench/wechat-workload.lua): faq, intake (conversations mid-flow), mix (50% intake, 30%
# questions, 20% menu and events). Then each server again at half of its own FAQ saturation rate, for
# the latency a homeowner sees when the server is not flat out.
# Every request carries its own signed query (fresh timestamp, unique nonce), signed just before each
# wrk run. The run fails (exit 1) when more than 1% of a server's requests got no 2xx answer.
# Usage: bench/run.sh [duration-seconds] [connections]
#   env: WARMUP=60 (first workload of a server; later ones WARMUP_NEXT=5), USERS=10000, MAX_RATE=25000,
#        WORKLOADS="faq intake mix", SERVERS="hw hw-redis embedded redis", HALF_RATE=1; the server
#        hw-redis-pipelined (not in the default list) is hw-redis on one pipelined Redis connection;
#        BENCH_JAVA_OPTS (bench/procs-lib.sh) for every Java server alike;
#        ROUNDS=3: every server runs at once (idle while another is measured), each is warmed up, then
#        every workload is measured ROUNDS times, the servers taking turns within a round, so a machine that
#        slows down or speeds up during the run (a shared VM does, by a fifth within minutes) weighs on every
#        server alike; the ratios are worked out within each round and their median printed. ROUNDS=1 is the
#        quicker run of one server after the other, which such a drift can tilt either way.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONNECTIONS="${2:-64}"
WARMUP="${WARMUP:-60}"
WARMUP_NEXT="${WARMUP_NEXT:-5}"
USERS="${USERS:-10000}"
MAX_RATE="${MAX_RATE:-25000}"   # signed queries per second of run; above what any server here reaches
WORKLOADS="${WORKLOADS:-faq intake mix}"
SERVERS="${SERVERS:-hw hw-redis embedded redis}"
HALF_RATE="${HALF_RATE:-1}"
ROUNDS="${ROUNDS:-3}"
THREADS=1
TOKEN=benchtoken
TOLERANCE=300                   # the gateway's WECHAT_TIMESTAMP_TOLERANCE_S, set explicitly below
OUT=bench/out
mkdir -p "$OUT"

for s in "$DURATION" "$WARMUP"; do
  # Signing takes a few seconds at most; the timestamps must still be in the window when wrk stops.
  if (( s + 60 > TOLERANCE )); then
    echo "FAIL: a wrk run of ${s}s would outlive the gateway's ${TOLERANCE}s timestamp window (use <= $((TOLERANCE - 60))s)" >&2
    exit 2
  fi
done

for tool in wrk redis-server python3; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool (apt-get install wrk redis-server)"; exit 1; }
done

mvn -B -q -ntp package -DskipTests >/dev/null
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"

source bench/wechat-lib.sh
write_questions

measure() { # name port workload warm-up-seconds [round]
  local name=$1 port=$2 workload=$3 out
  warm_up "$name" "$port" "$workload" "$4"
  out=$(run_wrk "$port" "$DURATION" "$workload")
  check_errors "$name" "$workload" "$out" errors
  echo "$name $workload $(grep '^RESULT' <<<"$out") load1=$(cut -d' ' -f1 /proc/loadavg) round=${5:-1}" | tee -a "$OUT/results.txt"
  rm -f "$OUT"/queries.*
}

at_half_rate() { # name port
  local name=$1 port=$2 rps out
  # Half of its saturation rate: of its FAQ runs' rates (one per round), the median.
  rps=$(awk -v n="$name" '$1 == n && $2 == "faq" {sub("rps=", "", $4); print $4}' "$OUT/results.txt" | sort -n |
    awk '{r[NR] = $1} END {if (NR) print r[int((NR + 1) / 2)]}')
  [[ -n "$rps" ]] || return 0
  out=$(run_wrk "$port" "$DURATION" faq $(( rps / 2 )))
  check_errors "$name" "faq at half rate" "$out" errors
  echo "$name faq@half $(grep '^RESULT' <<<"$out") target=$(( rps / 2 )) load1=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/results.txt"
  rm -f "$OUT"/queries.*
}

start_server() { # name → sets P
  local name=$1 rp
  P=$(free_port)
  case "$name" in
    hw)
      java $BENCH_JAVA_OPTS -cp "$CP" com.furnishcare.intake.bench.HandWrittenWeChatServer "$P" "$TOKEN" > "$OUT/$name.log" 2>&1 & PIDS+=($!) ;;
    hw-redis)
      rp=$(free_port)
      redis-server --port "$rp" --bind 127.0.0.1 --save "" --appendonly no > "$OUT/$name-redis.log" 2>&1 & PIDS+=($!)
      sleep 0.5
      java $BENCH_JAVA_OPTS -cp "$CP" com.furnishcare.intake.bench.HandWrittenWeChatServer "$P" "$TOKEN" "redis://127.0.0.1:$rp" > "$OUT/$name.log" 2>&1 & PIDS+=($!) ;;
    hw-redis-pipelined) # the same on one pipelined Redis connection, as the gateway sends its commands
      rp=$(free_port)
      redis-server --port "$rp" --bind 127.0.0.1 --save "" --appendonly no > "$OUT/$name-redis.log" 2>&1 & PIDS+=($!)
      sleep 0.5
      java $BENCH_JAVA_OPTS -cp "$CP" com.furnishcare.intake.bench.HandWrittenWeChatServer "$P" "$TOKEN" "redis://127.0.0.1:$rp" pipelined > "$OUT/$name.log" 2>&1 & PIDS+=($!) ;;
    embedded)
      GATEWAY_LOG_LEVEL=WARN GATEWAY_HTTP_HOST=127.0.0.1 GATEWAY_HTTP_PORT=$P GATEWAY_DATA_DIR=$(mktemp -d) WECHAT_TOKEN=$TOKEN \
        WECHAT_TIMESTAMP_TOLERANCE_S=$TOLERANCE java $BENCH_JAVA_OPTS -jar target/intake-gateway.jar > "$OUT/$name.log" 2>&1 & PIDS+=($!) ;;
    redis)
      rp=$(free_port)
      redis-server --port "$rp" --bind 127.0.0.1 --save "" --appendonly no > "$OUT/$name-redis.log" 2>&1 & PIDS+=($!)
      sleep 0.5
      GATEWAY_LOG_LEVEL=WARN GATEWAY_HTTP_HOST=127.0.0.1 GATEWAY_HTTP_PORT=$P REDIS_URL=redis://127.0.0.1:$rp WECHAT_TOKEN=$TOKEN \
        WECHAT_TIMESTAMP_TOLERANCE_S=$TOLERANCE java $BENCH_JAVA_OPTS -jar target/intake-gateway.jar > "$OUT/$name.log" 2>&1 & PIDS+=($!) ;;
    *) echo "unknown server $name" >&2; exit 2 ;;
  esac
  if [[ "$name" == hw* ]]; then wait_http "$P" /; else wait_http "$P" /health; fi
}

stop_servers() { cleanup; PIDS=(); sleep 1; }

: > "$OUT/results.txt"
echo "# $(date -u +%FT%TZ) warmup=${WARMUP}s/${WARMUP_NEXT}s duration=${DURATION}s connections=$CONNECTIONS threads=$THREADS users=$USERS cores=$(nproc)" | tee -a "$OUT/results.txt"
echo "# java options: ${BENCH_JAVA_OPTS:-(JVM defaults)}; transparent huge pages: $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo unknown)" | tee -a "$OUT/results.txt"
echo "# load before: $(uptime)" | tee -a "$OUT/results.txt"

if (( ROUNDS <= 1 )); then
  # One server at a time (the others would only take memory), every workload, then the half-rate run.
  for server in $SERVERS; do
    start_server "$server"
    warm=$WARMUP
    for workload in $WORKLOADS; do
      measure "$server" "$P" "$workload" "$warm"
      warm=$WARMUP_NEXT
    done
    if [[ "$HALF_RATE" == 1 ]]; then at_half_rate "$server" "$P"; fi
    stop_servers
  done
else
  # Every server at once; each warmed up, then the servers take turns within each round.
  declare -A PORT
  for server in $SERVERS; do start_server "$server"; PORT[$server]=$P; done
  first=${WORKLOADS%% *}
  for server in $SERVERS; do warm_up "$server" "${PORT[$server]}" "$first" "$WARMUP"; done
  for round in $(seq 1 "$ROUNDS"); do
    for workload in $WORKLOADS; do
      for server in $SERVERS; do measure "$server" "${PORT[$server]}" "$workload" "$WARMUP_NEXT" "$round"; done
    done
  done
  if [[ "$HALF_RATE" == 1 ]]; then
    for server in $SERVERS; do at_half_rate "$server" "${PORT[$server]}"; done
  fi
  stop_servers
fi

echo "# load after: $(uptime)" | tee -a "$OUT/results.txt"
echo
python3 - "$OUT/results.txt" <<'PY'
import sys, re, statistics
rows = []
for line in open(sys.argv[1]):
    m = re.match(r'(\S+) (\S+) RESULT rps=(\d+) p50_ms=([\d.]+) p99_ms=([\d.]+) requests=(\d+) errors=(\d+)', line)
    if m:
        load = re.search(r' load1=([\d.]+)', line)
        target = re.search(r' target=(\d+)', line)
        rnd = re.search(r' round=(\d+)', line)
        rows.append((m.group(1), m.group(2), *[float(x) for x in m.groups()[2:]], load.group(1) if load else "-",
                     target.group(1) if target else "", int(rnd.group(1)) if rnd else 1))
# A ratio compares two servers measured in the same round: on a machine whose speed drifts, rounds apart would not.
base = {(r[0], r[1], r[9]): r[2] for r in rows}
rounds = max((r[9] for r in rows), default=1)
print(f"{'server':10} {'workload':9} {'msgs/s':>8} {'vs hw':>6} {'vs hw-redis':>11} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'load1':>6}"
      + ("  round" if rounds > 1 else ""))
ratios = {}
for name, workload, rps, p50, p99, n, err, load, target, rnd in rows:
    w = workload.split('@')[0]
    def vs(b):
        if (b, w, rnd) not in base or '@' in workload:
            return "-"
        ratio = rps / base[(b, w, rnd)]
        ratios.setdefault((name, w, b), []).append(ratio)
        return f"{ratio:.2f}"
    label = workload + (f"({target}/s)" if target else "")
    print(f"{name:10} {label:9} {rps:8.0f} {vs('hw'):>6} {vs('hw-redis'):>11} {p50:7.2f} {p99:7.2f} {int(err):6d} {load:>6}"
          + (f"  {rnd:5d}" if rounds > 1 and '@' not in workload else ""))
if rounds > 1:
    print()
    for (name, w, b), rs in sorted(ratios.items()):
        if name != b:
            print(f"{name} {w} vs {b}: median {statistics.median(rs):.2f} of {len(rs)} rounds "
                  f"({', '.join(f'{r:.2f}' for r in rs)})")
PY
grep -h "has been blocked" "$OUT"/*.log && echo "WARNING: blocked-thread warnings above" || true
