-- wrk script: signed plaintext WeChat messages for three workloads, a unique MsgId per request.
--   wrk -t1 -cC -s wechat-workload.lua URL -- QUERIES RUN WORKLOAD USERS QUESTIONS [RATE]
-- QUERIES: the file of signed query strings for this run (run.sh signs them just before; the gateway
--   refuses a (timestamp, nonce) pair twice), one per line, PREFIX.<thread>.
-- WORKLOAD:
--   faq     every message a homeowner's question from QUESTIONS (one per line), in turn;
--   intake  every user walks a complaint intake, one answer per message (complaint, order number, phone,
--           name, address, wish, confirmation), then starts over: conversations mid-flow;
--   mix     users by tenths: five walk the intake, three ask questions, two use the menu and events
--           (subscribe, menu clicks, "菜单", a greeting).
-- Message c goes to user c mod USERS and is that user's step c div USERS, so each user's messages come
-- in order, seconds apart. Users are named per run: every run starts with fresh conversations.
-- RATE (messages/s, optional): each of the C connections waits a random time between requests, C/RATE s on
-- average, for latency at a set rate (a closed loop with a delay: the achieved rate is printed and may fall
-- short). The waits are exponential, so the C connections send like independent homeowners (Poisson
-- arrivals). A fixed wait, as before 2026-12-04, kept the connections in step: all 64 start together and each
-- waits the same time after its answer, so they came back in bursts of up to 64 at once, and the tail measured
-- the burst (the hand-written handler without Redis, 30 us a message: p50 1.5 ms and p99 17 ms at 500/s with
-- fixed waits, 0.11 and 4.1 ms with random ones).
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

local INTAKE = {
  "衣柜门板色差很明显", "DD2026110301", "13800138000", "王芳", "杭州市西湖区文三路100号5幢2单元301室",
  "更换", "确认",
}
local MENU = {"event:subscribe", "菜单", "event:CLICK:MENU_FAQ", "你好"}

local function lines_of(path)
  local file, err = io.open(path, "r")
  if not file then
    error("cannot open " .. path .. ": " .. tostring(err))
  end
  local out = {}
  for line in file:lines() do
    if #line > 0 then
      out[#out + 1] = line
    end
  end
  file:close()
  if #out == 0 then
    error("nothing in " .. path)
  end
  return out
end

function init(args)
  queries = lines_of(args[1] .. "." .. tid)
  run = tonumber(args[2]) or 0
  workload = args[3] or "faq"
  users = tonumber(args[4]) or 10000
  questions = lines_of(args[5])
  rate = tonumber(args[6] or "0") or 0
  connections = tonumber(args[7] or "1") or 1
  if workload ~= "faq" and workload ~= "intake" and workload ~= "mix" then
    error("unknown workload " .. workload)
  end
  lines = #queries
  counter = 0
  reused = 0
  non2xx = 0
  codes = {}
  sample = nil
  created = os.time()
  math.randomseed(os.time() * 1000 + tid)
end

function delay()
  if rate > 0 then
    return -math.log(1 - math.random()) * connections * 1000 / rate
  end
  return 0
end

local function text_body(user, content, msgid)
  return string.format(
    "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>" ..
    "<CreateTime>%d</CreateTime><MsgType><![CDATA[text]]></MsgType>" ..
    "<Content><![CDATA[%s]]></Content><MsgId>%d</MsgId></xml>", user, created, content, msgid)
end

local function event_body(user, event, key, step)
  return string.format(
    "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>" ..
    "<CreateTime>%d</CreateTime><MsgType><![CDATA[event]]></MsgType>" ..
    "<Event><![CDATA[%s]]></Event><EventKey><![CDATA[%s]]></EventKey></xml>", user, created + step, event, key or "")
end

local function message(c, msgid)
  local u = c % users
  local step = math.floor(c / users)
  local user = string.format("bench-%d-%d-%d", run, tid, u)
  local kind = workload
  if workload == "mix" then
    local tenth = u % 10
    kind = tenth < 5 and "intake" or (tenth < 8 and "faq" or "menu")
  end
  if kind == "faq" then
    return text_body(user, questions[(c % #questions) + 1], msgid)
  elseif kind == "intake" then
    return text_body(user, INTAKE[(step % #INTAKE) + 1], msgid)
  end
  local item = MENU[(step % #MENU) + 1]
  if item:sub(1, 6) == "event:" then
    local event, key = item:sub(7):match("([^:]+):?(.*)")
    -- Events carry no MsgId: WeChat dedupes them by sender + CreateTime, so each step gets its own second.
    return event_body(user, event, key, step)
  end
  return text_body(user, item, msgid)
end

function request()
  counter = counter + 1
  if counter > #queries then
    reused = reused + 1
  end
  local query = queries[(counter - 1) % #queries + 1]
  local msgid = run * 100000000000 + tid * 10000000000 + counter
  return wrk.format("POST", "/wechat?" .. query, {["Content-Type"] = "text/xml"}, message(counter - 1, msgid))
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    codes[status] = (codes[status] or 0) + 1
    if sample == nil then
      sample = string.sub(body or "", 1, 200)
    end
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local non2xx_total, reused_total, lines_total = 0, 0, 0
  local by_code, first_sample = {}, nil
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
    reused_total = reused_total + (thread:get("reused") or 0)
    lines_total = lines_total + (thread:get("lines") or 0)
    for code, n in pairs(thread:get("codes") or {}) do
      by_code[code] = (by_code[code] or 0) + n
    end
    first_sample = first_sample or thread:get("sample")
  end
  -- wrk's own status count only covers codes above 399; ours covers every non-2xx answer.
  local status_errors = math.max(non2xx_total, summary.errors.status)
  local bad = status_errors + summary.errors.connect + summary.errors.read +
              summary.errors.write + summary.errors.timeout
  local code_list = {}
  for code, n in pairs(by_code) do
    code_list[#code_list + 1] = code .. ":" .. n
  end
  table.sort(code_list)
  io.write(string.format(
    "RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d errors=%d non2xx=%d socket_errors=%d timeouts=%d reused=%d lines=%d codes=%s\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, bad, status_errors,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.timeout, reused_total, lines_total, #code_list > 0 and table.concat(code_list, ",") or "-"))
  if first_sample then
    io.write("FIRST_ERROR_BODY " .. string.gsub(first_sample, "%s+", " ") .. "\n")
  end
end
