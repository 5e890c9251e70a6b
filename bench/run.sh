#!/usr/bin/env bash
# Gateway throughput and latency: signed WeChat text messages through /wechat, embedded store and
# Redis store, next to a bare Vert.x handler measured in the same run on the same machine.
# Every request carries its own signed query (fresh timestamp, unique nonce): the gateway refuses a
# (timestamp, nonce) pair already seen with another body and a timestamp outside its window. The
# queries are signed just before each wrk run, MAX_RATE msgs/s x run length of them, one file per
# wrk thread. The run fails (exit 1) when more than 1% of a server's requests got no 2xx answer.
# Usage: bench/run.sh [duration-seconds] [connections]     (env: WARMUP=10 MAX_RATE=25000)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
WARMUP="${WARMUP:-10}"
CONNECTIONS="${2:-64}"
MAX_RATE="${MAX_RATE:-25000}"   # signed queries per second of run; the gateway has done about 5,000
THREADS=2
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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() {
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$1$2" && return 0; sleep 0.2; done
  echo "server on $1 did not start"; exit 1
}
# sign_queries PREFIX RUN-ID SECONDS: PREFIX.1 .. PREFIX.$THREADS, one signed query string a line
# (signature = sha1 of the sorted token, timestamp and nonce), timestamp = now, nonces unique per run.
sign_queries() {
  python3 - "$1" "$2" "$(( (MAX_RATE * $3 + THREADS - 1) / THREADS ))" "$THREADS" "$TOKEN" <<'PY'
import hashlib, sys, time
prefix, run, per_thread, threads, token = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
ts = str(int(time.time()))
for tid in range(1, threads + 1):
    with open(f"{prefix}.{tid}", "w") as out:
        lines = []
        for i in range(per_thread):
            nonce = f"{run:03d}{tid}{i:09d}"
            sig = hashlib.sha1("".join(sorted((token, ts, nonce))).encode()).hexdigest()
            lines.append(f"signature={sig}&timestamp={ts}&nonce={nonce}&openid=bench\n")
        out.writelines(lines)
PY
}
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# check_errors NAME PHASE WRK-OUTPUT FIELD: exit 1 when FIELD (errors: no 2xx answer or a socket
# error or timeout; non2xx: an answer other than 2xx) is more than 1% of the requests.
check_errors() {
  local name=$1 phase=$2 field=$4 line requests errors reused
  line=$(grep '^RESULT' <<<"$3" || true)
  requests=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$line")
  errors=$(sed -n "s/.* $field=\\([0-9]*\\).*/\\1/p" <<<"$line")
  reused=$(sed -n 's/.* reused=\([0-9]*\).*/\1/p' <<<"$line")
  if [[ -z "$requests" || -z "$errors" ]]; then
    echo "FAIL: $name $phase: wrk printed no RESULT line" >&2; exit 1
  fi
  if (( requests == 0 || errors * 100 > requests )); then
    {
      echo
      echo "FAIL: $name $phase: $errors $field in $requests requests (more than 1%); no figures are valid."
      echo "  $line"
      grep '^FIRST_ERROR_BODY' <<<"$3" | sed 's/^/  /' || true
      if [[ "$name" != bare && "${reused:-0}" -gt 0 ]]; then
        echo "  $reused requests re-used a signed query (the gateway refuses replays): raise MAX_RATE (now $MAX_RATE)"
      fi
      echo "  server logs: $OUT/*.log"
    } >&2
    exit 1
  fi
}

run_wrk() { # port seconds run-id
  sign_queries "$OUT/queries" "$3" "$2"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" -s bench/wechat-text.lua "http://127.0.0.1:$1" -- "$OUT/queries" "$3" ||
    { echo "FAIL: wrk exited with $?" >&2; exit 1; }
}

measure() { # name port run
  local name=$1 port=$2 run=$3 out
  # Warm-up: a cold JVM on a busy machine may time a few requests out, which is not measured; any
  # answer other than 2xx (a refused signature, a replay, a stale timestamp) already fails the run.
  out=$(run_wrk "$port" "$WARMUP" "$((run * 10 + 1))")
  check_errors "$name" warm-up "$out" non2xx
  grep '^RESULT' <<<"$out" | sed "s/^/# $name warm-up /" >> "$OUT/results.txt"
  out=$(run_wrk "$port" "$DURATION" "$((run * 10 + 2))")
  check_errors "$name" measurement "$out" errors
  echo "$name $(grep '^RESULT' <<<"$out") load1=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/results.txt"
  rm -f "$OUT"/queries.*
}

: > "$OUT/results.txt"
echo "# $(date -u +%FT%TZ) warmup=${WARMUP}s duration=${DURATION}s connections=$CONNECTIONS threads=$THREADS cores=$(nproc) max_rate=$MAX_RATE" | tee -a "$OUT/results.txt"
echo "# load before: $(uptime)" | tee -a "$OUT/results.txt"

# 1. Baseline: bare Vert.x handler.
P=$(free_port)
java -cp "$CP" com.furnishcare.intake.bench.BareVertxServer "$P" > "$OUT/bare.log" 2>&1 & PIDS+=($!)
wait_http "$P" /
measure bare "$P" 1
kill "${PIDS[-1]}"

# 2. Gateway, embedded store.
P=$(free_port); DATA=$(mktemp -d)
GATEWAY_LOG_LEVEL=WARN GATEWAY_HTTP_HOST=127.0.0.1 GATEWAY_HTTP_PORT=$P GATEWAY_DATA_DIR=$DATA WECHAT_TOKEN=$TOKEN WECHAT_TIMESTAMP_TOLERANCE_S=$TOLERANCE \
  java -jar target/intake-gateway.jar > "$OUT/embedded.log" 2>&1 & PIDS+=($!)
wait_http "$P" /health
measure embedded "$P" 2
kill "${PIDS[-1]}"

# 3. Gateway, Redis store.
RP=$(free_port)
redis-server --port "$RP" --bind 127.0.0.1 --save "" --appendonly no > "$OUT/redis.log" 2>&1 & PIDS+=($!)
sleep 0.5
P=$(free_port)
GATEWAY_LOG_LEVEL=WARN GATEWAY_HTTP_HOST=127.0.0.1 GATEWAY_HTTP_PORT=$P REDIS_URL=redis://127.0.0.1:$RP WECHAT_TOKEN=$TOKEN WECHAT_TIMESTAMP_TOLERANCE_S=$TOLERANCE \
  java -jar target/intake-gateway.jar > "$OUT/redis-gateway.log" 2>&1 & PIDS+=($!)
wait_http "$P" /health
measure redis "$P" 3

echo "# load after: $(uptime)" | tee -a "$OUT/results.txt"
echo
python3 - "$OUT/results.txt" <<'PY'
import sys, re
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r'(\w+) RESULT rps=(\d+) p50_ms=([\d.]+) p99_ms=([\d.]+) requests=(\d+) errors=(\d+)', line)
    if m:
        load = re.search(r' load1=([\d.]+)', line)
        rows[m.group(1)] = [float(x) for x in m.groups()[1:]] + [load.group(1) if load else "-"]
base = rows.get('bare')
print(f"{'server':10} {'msgs/s':>9} {'vs bare':>8} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7} {'load1':>6}")
for name, (rps, p50, p99, n, err, load) in rows.items():
    ratio = f"{rps / base[0]:.2f}x" if base else "-"
    print(f"{name:10} {rps:9.0f} {ratio:>8} {p50:8.2f} {p99:8.2f} {int(n):9d} {int(err):7d} {load:>6}")
PY
grep -h "has been blocked" "$OUT"/*.log && echo "WARNING: blocked-thread warnings above" || true
