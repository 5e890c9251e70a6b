#!/usr/bin/env bash
# Memory per live conversation, and throughput against the number of live conversations, on Redis.
#  1. The gateway on a fresh Redis; the mix workload (bench/wechat-workload.lua) for CREATE seconds starts
#     conversations. Redis's used_memory and its keys before and after give the bytes one conversation keeps
#     (session, transcript, retry records of its messages, its tickets and their outbox entries), by kind.
#  2. Redis is filled to each size in SIZES live conversations — copies, made inside Redis, of the keys of
#     conversations the gateway really wrote (session, transcript list and its key index) — and the faq and
#     mix workloads run DURATION seconds each on new users: msgs/s, p50/p99, the gateway's RSS, Redis memory.
#     Flat is the goal: a conversation's keys are found by name, never by a scan.
# Usage: bench/sessions.sh [sizes...]   (default 1000 100000 1000000)
#   env: CREATE=30 DURATION=10 WARMUP=30 CONNECTIONS=64 USERS=10000
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-1000 100000 1000000}")
read -r -a SIZES <<<"${SIZES[*]}"
CREATE="${CREATE:-30}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-30}"
CONNECTIONS="${CONNECTIONS:-64}"
USERS="${USERS:-10000}"
MAX_RATE="${MAX_RATE:-25000}"
THREADS=1
TOKEN=benchtoken
TOLERANCE=300
OUT=bench/out
mkdir -p "$OUT"
for tool in wrk redis-server redis-cli python3; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool (apt-get install wrk redis-server)"; exit 1; }
done
[ "${SKIP_BUILD:-0}" = 1 ] || mvn -B -q -ntp package -DskipTests >/dev/null
source bench/wechat-lib.sh
write_questions

start_redis_gateway sessions
rc() { redis-cli -p "$RP" "$@"; }
used() { rc info memory | sed -n 's/^used_memory:\([0-9]*\).*/\1/p'; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$GW/status"; }
# keys by kind: the part of the name after the prefix up to the first ':' ("session", "chatlog", "turn" ...)
kinds() { rc --scan | sed 's/^intake://; s/:.*//' | sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' '; }

echo "# $(date -u +%FT%TZ) create=${CREATE}s duration=${DURATION}s connections=$CONNECTIONS cores=$(nproc)" | tee "$OUT/sessions.txt"
# 1. Conversations the gateway writes, and what they keep.
warm_up gateway "$P" mix 10
before=$(used); sessions0=$(rc --scan --pattern 'intake:session:*' | wc -l)
out=$(run_wrk "$P" "$CREATE" mix); check_errors gateway create "$out" errors
after=$(used); sessions1=$(rc --scan --pattern 'intake:session:*' | wc -l)
made=$((sessions1 - sessions0))
echo "conversations started: $made; Redis used_memory +$(( (after - before) / 1024 )) KiB;" \
  "per conversation: $(( (after - before) / (made > 0 ? made : 1) )) bytes; keys now: $(kinds)" | tee -a "$OUT/sessions.txt"
sample=$(rc --scan --pattern 'intake:chatlog:wechat:*' | awk 'NR == 1')
user=${sample#intake:chatlog:wechat:}
for k in "intake:session:wechat:$user" "intake:chatlog:wechat:$user" "intake:chatlog-keys:wechat:$user"; do
  echo "  one conversation: $k $(rc memory usage "$k") bytes" | tee -a "$OUT/sessions.txt"
done

# Copies of that conversation's three keys, FROM..TO, named fill-N, with the session's idle expiry.
FILL_SCRIPT='
local s, l, k = KEYS[1], KEYS[2], KEYS[3]
local body = redis.call("GET", s)
local ttl = redis.call("PTTL", s)
if ttl < 0 then ttl = 604800000 end
local items = redis.call("LRANGE", l, 0, -1)
local index = redis.call("HGETALL", k)
for i = tonumber(ARGV[1]), tonumber(ARGV[2]) - 1 do
  local id = "fill-" .. i
  redis.call("SET", "intake:session:wechat:" .. id, body, "PX", ttl)
  if #items > 0 then redis.call("RPUSH", "intake:chatlog:wechat:" .. id, unpack(items)) end
  if #index > 0 then redis.call("HSET", "intake:chatlog-keys:wechat:" .. id, unpack(index)) end
end
return 1'
filled=0
fill_to() {
  local target=$1 from
  while (( filled < target )); do
    from=$filled; filled=$(( filled + 20000 < target ? filled + 20000 : target ))
    rc eval "$FILL_SCRIPT" 3 "intake:session:wechat:$user" "intake:chatlog:wechat:$user" "intake:chatlog-keys:wechat:$user" \
      "$from" "$filled" >/dev/null
  done
}

# 2. Throughput against live conversations.
warm_up gateway "$P" faq "$WARMUP"
for n in "${SIZES[@]}"; do
  fill_to "$n"
  live=$(rc dbsize)
  for workload in faq mix; do
    out=$(run_wrk "$P" "$DURATION" "$workload"); check_errors gateway "$workload at $n" "$out" errors
    echo "live=$n $workload $(grep '^RESULT' <<<"$out") keys=$live redis_mib=$(( $(used) / 1048576 )) gateway_rss_mib=$(rss_mib) load1=$(cut -d' ' -f1 /proc/loadavg)" \
      | tee -a "$OUT/sessions.txt"
    rm -f "$OUT"/queries.*
  done
done
echo
python3 - "$OUT/sessions.txt" <<'PY'
import re, sys
print(f"{'live':>9} {'workload':8} {'msgs/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'Redis MiB':>9} {'gateway RSS MiB':>15}")
for line in open(sys.argv[1]):
    m = re.match(r'live=(\d+) (\S+) RESULT rps=(\d+) p50_ms=([\d.]+) p99_ms=([\d.]+).* redis_mib=(\d+) gateway_rss_mib=(\d+)', line)
    if m:
        n, w, rps, p50, p99, rm, gm = m.groups()
        print(f"{int(n):9d} {w:8} {int(rps):7d} {float(p50):7.2f} {float(p99):7.2f} {int(rm):9d} {int(gm):15d}")
PY
grep -h "has been blocked" "$OUT"/sessions-*.log && echo "WARNING: blocked-thread warnings above" || true
