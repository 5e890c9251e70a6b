# Shared by bench/run.sh and bench/sessions.sh: ports, waiting for a server, signing WeChat queries, one
# wrk run of bench/wechat-workload.lua, and the 1% error rule. Expects THREADS, TOKEN, MAX_RATE, USERS,
# CONNECTIONS and OUT to be set by the caller; sourced, not run.

source bench/procs-lib.sh
wait_http() {
  for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$1$2" && return 0; sleep 0.2; done
  echo "server on $1 did not start"; exit 1
}
# sign_queries PREFIX RUN-ID COUNT: PREFIX.1 .. PREFIX.$THREADS, one signed query string a line
# (signature = sha1 of the sorted token, timestamp and nonce), timestamp = now, nonces unique per run.
sign_queries() {
  python3 - "$1" "$2" "$(( ($3 + THREADS - 1) / THREADS ))" "$THREADS" "$TOKEN" <<'PY'
import hashlib, sys, time
prefix, run, per_thread, threads, token = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
ts = str(int(time.time()))
for tid in range(1, threads + 1):
    with open(f"{prefix}.{tid}", "w") as out:
        lines = []
        for i in range(per_thread):
            nonce = f"{run:04d}{tid}{i:09d}"
            sig = hashlib.sha1("".join(sorted((token, ts, nonce))).encode()).hexdigest()
            lines.append(f"signature={sig}&timestamp={ts}&nonce={nonce}&openid=bench\n")
        out.writelines(lines)
PY
}

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
      if [[ "${reused:-0}" -gt 0 ]]; then
        echo "  $reused requests re-used a signed query (refused as replays): raise MAX_RATE (now $MAX_RATE)"
      fi
      echo "  server logs: $OUT/*.log"
    } >&2
    exit 1
  fi
}

# Each wrk run gets its own run id (in its users' names, MsgIds and nonces), so no run repeats an earlier
# one's messages: a repeated MsgId is a platform retry, answered from the record without a turn, and would
# measure the dedupe path instead. run_wrk is called as out=$(run_wrk ...), a subshell whose variables are
# lost, so the id is counted in a file (kept across invocations: a reused data directory stays fresh too).
next_run_id() {
  local file="$OUT/run-id" n
  n=$(( $(cat "$file" 2>/dev/null || echo 0) + 1 ))
  (( n < 90000 )) || n=1   # MsgId = run * 1e11 + ...: stays an exact integer in wrk's Lua numbers
  echo "$n" > "$file"
  echo "$n"
}
run_wrk() { # port seconds workload [rate]
  local RUN rate=${4:-0} count
  RUN=$(next_run_id)
  count=$(( rate > 0 ? rate * $2 * 2 : MAX_RATE * $2 ))
  sign_queries "$OUT/queries" "$RUN" "$count"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" -s bench/wechat-workload.lua "http://127.0.0.1:$1" -- \
    "$OUT/queries" "$RUN" "$3" "$USERS" "$OUT/questions.txt" "$rate" "$CONNECTIONS" ||
    { echo "FAIL: wrk exited with $?" >&2; exit 1; }
}

warm_up() { # name port workload seconds
  local out
  # A cold JVM on a busy machine may time a few requests out, which is not measured; any answer other
  # than 2xx (a refused signature, a replay, a stale timestamp) already fails the run.
  out=$(run_wrk "$2" "$4" "$3")
  check_errors "$1" "$3 warm-up" "$out" non2xx
}


# Homeowners' questions with an answer in the knowledge base (the evaluation set's, not the entries' own).
write_questions() {
  grep -v '^#' src/test/resources/faq-eval.tsv | awk -F'\t' '$2 != "-" {print $1}' | head -40 > "$OUT/questions.txt"
}

# start_redis_gateway NAME: a redis-server (no persistence) and the packaged gateway on it, both on free
# loopback ports, logs in $OUT/NAME-*.log; sets RP (Redis port), P (HTTP port) and GW (the gateway's pid).
start_redis_gateway() {
  RP=$(free_port); P=$(free_port)
  redis-server --port "$RP" --bind 127.0.0.1 --save "" --appendonly no > "$OUT/$1-redis.log" 2>&1 & PIDS+=($!)
  sleep 0.5
  GATEWAY_LOG_LEVEL=WARN GATEWAY_HTTP_HOST=127.0.0.1 GATEWAY_HTTP_PORT=$P REDIS_URL=redis://127.0.0.1:$RP \
    WECHAT_TOKEN=$TOKEN WECHAT_TIMESTAMP_TOLERANCE_S=$TOLERANCE java $BENCH_JAVA_OPTS -jar target/intake-gateway.jar \
    > "$OUT/$1-gateway.log" 2>&1 & PIDS+=($!)
  GW=${PIDS[-1]}
  wait_http "$P" /health
}
