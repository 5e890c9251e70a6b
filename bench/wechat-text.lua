-- wrk script: signed plaintext WeChat text messages, a unique MsgId per request, senders spread over
-- 10,000 users. The gateway refuses a (timestamp, nonce) pair it has already seen with another body
-- and a timestamp outside its window, so every request needs its own signed query. run.sh signs them
-- just before each wrk run, one file per wrk thread (PREFIX.1, PREFIX.2, ...: threads never share a
-- line), one query string per line:
--   wrk -t2 -s wechat-text.lua URL -- PREFIX <run-id>
-- Every answer other than 2xx counts as an error (by status code in the RESULT line). A thread that
-- runs out of lines starts over and counts the re-used lines as "reused": the gateway refuses those as
-- replays (errors), the bare baseline does not check signatures and answers them all the same.
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local prefix = args[1]
  run = tonumber(args[2]) or 0
  local path = prefix .. "." .. tid
  local file, err = io.open(path, "r")
  if not file then
    error("cannot open the signed queries for thread " .. tid .. ": " .. tostring(err))
  end
  queries = {}
  for line in file:lines() do
    if #line > 0 then
      queries[#queries + 1] = line
    end
  end
  file:close()
  if #queries == 0 then
    error("no signed queries in " .. path)
  end
  lines = #queries
  counter = 0
  reused = 0
  non2xx = 0
  codes = {}
  sample = nil
  created = os.time()
end

function request()
  counter = counter + 1
  if counter > #queries then
    reused = reused + 1
  end
  local query = queries[(counter - 1) % #queries + 1]
  local user = (counter * 7919 + tid * 104729) % 10000
  local msgid = run * 100000000000 + tid * 10000000000 + counter
  local body = string.format(
    "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[bench-user-%d]]></FromUserName>" ..
    "<CreateTime>%d</CreateTime><MsgType><![CDATA[text]]></MsgType>" ..
    "<Content><![CDATA[衣柜门板色差很明显，订单号DD2026110301 第%d条]]></Content><MsgId>%d</MsgId></xml>",
    user, created, counter, msgid)
  return wrk.format("POST", "/wechat?" .. query, {["Content-Type"] = "text/xml"}, body)
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
