-- wrk script: signed plaintext WeChat text messages, a unique MsgId per request, senders spread over
-- 10,000 users. The signature only covers token/timestamp/nonce, so run.sh signs once and passes the
-- query string: wrk -s wechat-text.lua URL -- "<query>" <run-id>
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  query = args[1]
  run = tonumber(args[2]) or 0
  counter = 0
  created = os.time()
end

function request()
  counter = counter + 1
  local user = (counter * 7919 + tid * 104729) % 10000
  local msgid = run * 100000000000 + tid * 10000000000 + counter
  local body = string.format(
    "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[bench-user-%d]]></FromUserName>" ..
    "<CreateTime>%d</CreateTime><MsgType><![CDATA[text]]></MsgType>" ..
    "<Content><![CDATA[衣柜门板色差很明显，订单号DD2026110301 第%d条]]></Content><MsgId>%d</MsgId></xml>",
    user, created, counter, msgid)
  return wrk.format("POST", "/wechat?" .. query, {["Content-Type"] = "text/xml"}, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read +
              summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d errors=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, bad))
end
