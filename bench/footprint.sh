#!/usr/bin/env bash
# Start-up time and resident memory of the packaged jar (java -jar target/intake-gateway.jar, default JVM
# flags, as operators run it), embedded store and Redis store:
#   - ms from `java -jar` to the first answered GET /health, and to the first answered chat message
#     (sent as soon as /health answers);
#   - RSS (VmRSS of /proc/PID/status) idle 5 s after start, after N web-chat conversations (each started
#     with one message, C at a time), and after a full GC (jcmd PID GC.run), with the heap in use then;
#   - where start-up goes: an extra start with -Xlog:class+load (uptime decorations) and the gateway's
#     own timestamped log lines, as offsets from the launch.
# Loopback only; every process it starts (gateways, redis-server) is stopped on exit.
# Usage: bench/footprint.sh [conversations] [concurrency]   (SKIP_BUILD=1 takes the jar as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"
C="${2:-16}"
OUT=bench/out
JAR=target/intake-gateway.jar
mkdir -p "$OUT"

for tool in redis-server python3 jcmd curl; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool (apt-get install redis-server curl; jcmd comes with the JDK)"; exit 1; }
done
[ "${SKIP_BUILD:-0}" = 1 ] || mvn -B -q -ntp package -DskipTests >/dev/null
[ -f "$JAR" ] || { echo "$JAR not found"; exit 1; }

PIDS=()
DIRS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  for d in "${DIRS[@]}"; do rm -rf "$d"; done
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
heap_used_kb() { jcmd "$1" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc '0-9'; }
now_ms() { date +%s%3N; }

# Polls /health from the launch (epoch ms in $2) until it answers 200, then sends the first chat message;
# prints "health_ms chat_ms", both counted from the launch.
first_answers() {
  python3 - "$1" "$2" <<'PY'
import http.client, json, sys, time
port, launched = int(sys.argv[1]), int(sys.argv[2])
deadline = time.time() + 60
def ms(): return int(time.time() * 1000) - launched
while True:
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        c.request("GET", "/health")
        if c.getresponse().status == 200:
            health = ms(); break
    except OSError:
        pass
    if time.time() > deadline: sys.exit("no /health answer within 60 s")
    time.sleep(0.005)
c = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
c.request("POST", "/api/chat/messages", json.dumps({"text": "你好"}), {"Content-Type": "application/json"})
r = c.getresponse(); body = r.read()
if r.status != 200: sys.exit("first chat answered %d: %s" % (r.status, body[:200]))
print(health, ms())
PY
}

# N new web-chat conversations, C at a time, each started with the first message of a real intake
# (so each session holds slots); prints "seconds conversations_per_s errors".
conversations() {
  python3 - "$1" "$N" "$C" <<'PY'
import http.client, json, sys, threading, time
port, n, c = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
body = json.dumps({"text": "衣柜门板色差很明显，订单号DD2026110301，电话13800138000，我叫王芳，地址杭州市西湖区文三路100号5幢2单元301室，要求更换"})
lock = threading.Lock(); counter = [0]; errors = [0]
def worker():
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while True:
        with lock:
            if counter[0] >= n: return
            counter[0] += 1
        try:
            conn.request("POST", "/api/chat/messages", body, {"Content-Type": "application/json"})
            r = conn.getresponse(); data = r.read()
            ok = r.status == 200 and json.loads(data).get("conversationSecret")
        except (OSError, http.client.HTTPException, ValueError):
            ok = False
            conn.close(); conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        if not ok:
            with lock: errors[0] += 1
start = time.time()
threads = [threading.Thread(target=worker) for _ in range(c)]
for t in threads: t.start()
for t in threads: t.join()
secs = time.time() - start
print("%.1f %.0f %d" % (secs, n / secs, errors[0]))
PY
}

# Gateway log lines as offsets from the launch (the log's HH:mm:ss.SSS is this machine's local time).
log_offsets() {
  python3 - "$1" "$2" <<'PY'
import re, sys, datetime
launched = int(sys.argv[2]) / 1000
base = datetime.datetime.fromtimestamp(launched).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"(\d\d):(\d\d):(\d\d)\.(\d{3}) +(\w+) +\[[^\]]*\] (\S+) - (.*)", line)
    if not m: continue
    t = base + int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3]) + int(m[4]) / 1000
    print("  %6d ms  %s" % ((t - launched) * 1000, m[7][:110]))
    if "listening" in m[7]: break
PY
}

RUN_ENV=(GATEWAY_HTTP_HOST=127.0.0.1 RATE_LIMIT_NEW_CONVERSATIONS_PER_MIN=1000000 RATE_LIMIT_IP_PER_S=100000
  RATE_LIMIT_IP_BURST=1000000 RATE_LIMIT_CONVERSATION_PER_MIN=100000 RATE_LIMIT_CONVERSATION_BURST=100000)

RESULTS="$OUT/footprint.txt"
echo "# $(date -u +%FT%TZ) conversations=$N concurrency=$C cores=$(nproc) mem=$(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo)MB $(java -version 2>&1 | head -1)" | tee "$RESULTS"

measure() { # name [extra env...]
  local name=$1; shift
  local port data pid launched answers idle load after gc heap code
  port=$(free_port); data=$(mktemp -d); DIRS+=("$data")
  launched=$(now_ms)
  env "${RUN_ENV[@]}" GATEWAY_HTTP_PORT="$port" GATEWAY_DATA_DIR="$data" "$@" \
    java -jar "$JAR" > "$OUT/footprint-$name.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  answers=$(first_answers "$port" "$launched")
  sleep 5
  idle=$(rss_kb "$pid")
  load=$(conversations "$port")
  after=$(rss_kb "$pid")
  jcmd "$pid" GC.run >/dev/null
  sleep 2
  gc=$(rss_kb "$pid"); heap=$(heap_used_kb "$pid")
  kill -TERM "$pid"; code=0; wait "$pid" || code=$?
  echo "$name $answers $idle $after $gc $heap $load exit=$code" | tee -a "$RESULTS"
  echo "start-up, $name (log lines as ms after java -jar):"
  log_offsets "$OUT/footprint-$name.log" "$launched"
}

measure embedded
RP=$(free_port); RDIR=$(mktemp -d); DIRS+=("$RDIR")
redis-server --port "$RP" --bind 127.0.0.1 --save "" --appendonly no --dir "$RDIR" > "$OUT/footprint-redis-server.log" 2>&1 &
PIDS+=($!); REDIS_PID=$!
for _ in $(seq 1 50); do [ "$(printf 'PING\r\n' | timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$RP; cat >&3; head -c5 <&3" 2>/dev/null)" = "+PONG" ] && break; sleep 0.1; done
measure redis REDIS_URL="redis://127.0.0.1:$RP"
echo "redis-server RSS after the run: $(rss_kb "$REDIS_PID") kB" | tee -a "$RESULTS"
kill "$REDIS_PID"

# Where start-up goes: one more embedded start with class loading logged against JVM uptime.
port=$(free_port); data=$(mktemp -d); DIRS+=("$data")
launched=$(now_ms)
env "${RUN_ENV[@]}" GATEWAY_HTTP_PORT="$port" GATEWAY_DATA_DIR="$data" \
  java "-Xlog:class+load=info:file=$OUT/footprint-classload.log:uptime" -jar "$JAR" > "$OUT/footprint-startup.log" 2>&1 &
pid=$!; PIDS+=("$pid")
answers=$(first_answers "$port" "$launched")
kill -TERM "$pid"; wait "$pid" || true
echo
echo "start-up breakdown (embedded, -Xlog:class+load; first /health and chat at ${answers% *} / ${answers#* } ms):"
python3 - "$OUT/footprint-classload.log" <<'PY'
import re, sys
marks = [("JVM up: GatewayMain loaded", r"com\.furnishcare\.intake\.GatewayMain"),
         ("logback configured, Vert.x starting", r"io\.vertx\.core\.Vertx"),
         ("Gateway.start: reading dialogs", r"com\.furnishcare\.intake\.dialog\.load\.DialogBookLoader"),
         ("dialogs built, knowledge base reading", r"com\.furnishcare\.intake\.faq\.KnowledgeBaseSource"),
         ("smartcn analyzer (dictionaries)", r"org\.apache\.lucene\.analysis\.cn\.smart\.SmartChineseAnalyzer"),
         ("FAQ index built, stores opening", r"com\.furnishcare\.intake\.faq\.LuceneFaqSearch"),
         ("HTTP verticles deploying", r"com\.furnishcare\.intake\.web\.HttpGatewayVerticle"),
         ("listening (shutdown hook installed)", r"com\.furnishcare\.intake\.GatewayMain\$Shutdown")]
seen = {}
for line in open(sys.argv[1]):
    m = re.match(r"\[([\d.]+)s\](?:\[[^\]]*\])* (\S+) ", line)
    if not m: continue
    for label, pattern in marks:
        if label not in seen and re.fullmatch(pattern, m[2]):
            seen[label] = float(m[1]) * 1000
for label, _ in marks:
    print("  %6s ms  %s" % ("%d" % seen[label] if label in seen else "-", label))
PY
echo "the same start's log lines:"
log_offsets "$OUT/footprint-startup.log" "$launched"

echo
python3 - "$RESULTS" <<'PY'
import sys
print("| store | /health answered | first chat answered | RSS idle | RSS after N conv. | RSS after full GC | heap used after GC | conv./s | errors |")
print("|---|---|---|---|---|---|---|---|---|")
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) < 10 or f[0] not in ("embedded", "redis"): continue
    mb = lambda kb: "%.0f MB" % (int(kb) / 1024)
    print("| %s | %s ms | %s ms | %s | %s | %s | %s | %s | %s |" % (f[0], f[1], f[2], mb(f[3]), mb(f[4]), mb(f[5]), mb(f[6]), f[8], f[9]))
PY
