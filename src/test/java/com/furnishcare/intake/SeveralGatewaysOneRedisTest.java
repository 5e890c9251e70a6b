package com.furnishcare.intake;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.GatewayProcess;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.chanjar.weixin.common.util.crypto.SHA1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17.3: several gateway processes, one Redis, no lost update. Three gateways (separate JVMs running
 * GatewayMain, as an operator runs several replicas) on one real redis-server behind a round-robin HTTP
 * proxy written here (what the shipped nginx example does). Many homeowners send two messages of one
 * intake at the same moment — a complaint and its order number, then the phone and the name with the
 * address — so the two turns of one conversation are decided at once, mostly on two processes. Every
 * message gets a reply, no answer is lost (the summary and the ticket hold all of them), each homeowner
 * gets exactly one ticket, delivered exactly once to the ticket webhook, and WeChat's retry of a message
 * to another process gets the same reply without a second turn.
 */
@ExtendWith(VertxExtension.class)
class SeveralGatewaysOneRedisTest {

  private static final int GATEWAYS = 3;
  private static final int HOMEOWNERS = 12;
  private static final String WEBHOOK_SECRET = "webhook-secret-0123456789";
  private static final Pattern MSG_ID = Pattern.compile("<MsgId>(\\d+)</MsgId>");
  private static final Pattern TICKET_ID = Pattern.compile("TK\\d{6}-[2-9A-Z]{5}");
  private static final AtomicLong NONCE = new AtomicLong(7000);

  @TempDir
  Path dir;

  /** Which gateway (index) each delivery of a MsgId went to, in arrival order. */
  private final Map<String, List<Integer>> routed = new ConcurrentHashMap<>();
  /** Ticket id → deliveries the webhook received. */
  private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> delivered = new ConcurrentHashMap<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();

  @Test
  void twoMessagesOfOneHomeownerOnTwoProcessesAtOnceLoseNothing(Vertx vertx) throws Exception {
    HttpServer sink = startSink(vertx);
    List<GatewayProcess> gateways = new ArrayList<>();
    try (RedisServer redis = RedisServer.start()) {
      for (int g = 0; g < GATEWAYS; g++) {
        gateways.add(GatewayProcess.start(TestConfig.onStore("redis", dir.resolve("g" + g), redis)
            .with("GATEWAY_LOG_LEVEL", "WARN")
            .with("GATEWAY_REPLY_BUDGET_MS", "4900")
            .with("TICKET_SINK", "webhook")
            .with("TICKET_WEBHOOK_URL", "http://127.0.0.1:" + sink.actualPort() + "/tickets")
            .with("TICKET_WEBHOOK_SECRET", WEBHOOK_SECRET)
            .with("OUTBOX_BASE_DELAY_MS", "50")
            .with("OUTBOX_MAX_DELAY_MS", "200")
            .with("OUTBOX_RELAY_INTERVAL_MS", "50")
            .env(), dir.resolve("g" + g + ".log")));
      }
      List<Integer> ports = gateways.stream().map(GatewayProcess::port).toList();
      HttpServer proxy = startRoundRobinProxy(vertx, ports);
      WebClient http = WebClient.create(vertx);
      try {
        // Warm each process up (class loading, the FAQ index) so the budget measures turns, not start-up.
        for (int port : ports) {
          await(post(http, port, WeChatClient.textXml("o-warm-" + port, "1" + port, "你好")));
        }
        int proxyPort = proxy.actualPort();
        String[] orderNos = new String[HOMEOWNERS];
        String[] phones = new String[HOMEOWNERS];
        for (int h = 0; h < HOMEOWNERS; h++) {
          orderNos[h] = String.format("DD2026110%03d", h);
          phones[h] = String.format("1380013%04d", h);
        }
        // Two rounds of pairs, each pair sent at the same moment.
        round(http, proxyPort, h -> List.of("衣柜门板色差很明显", "订单号" + orderNos[h]), 1);
        round(http, proxyPort, h -> List.of("手机号" + phones[h], "地址是杭州市西湖区文三路100号5幢2单元301室"), 3);
        round(http, proxyPort, h -> List.of("王芳"), 5);
        // The wants, and WeChat's retry of that very message racing the original (same MsgId, same moment).
        List<Future<String>> summaries = new ArrayList<>();
        List<Future<String>> retried = new ArrayList<>();
        for (int h = 0; h < HOMEOWNERS; h++) {
          String xml = WeChatClient.textXml(openId(h), msgId(h, 6), "更换");
          summaries.add(post(http, proxyPort, xml));
          retried.add(post(http, proxyPort, xml));
        }
        for (int h = 0; h < HOMEOWNERS; h++) {
          String summary = await(summaries.get(h));
          assertEquals(summary, await(retried.get(h)), "a retry racing the original gets the same reply");
          for (String fact : List.of("请核对", orderNos[h], phones[h], "王芳", "文三路100号", "更换")) {
            assertTrue(summary.contains(fact), "homeowner " + h + ": '" + fact + "' lost; the summary: " + summary);
          }
        }
        String[] confirmed = new String[HOMEOWNERS];
        String[] confirmXml = new String[HOMEOWNERS];
        List<Future<String>> created = new ArrayList<>();
        for (int h = 0; h < HOMEOWNERS; h++) {
          confirmXml[h] = WeChatClient.textXml(openId(h), msgId(h, 7), "确认");
          created.add(post(http, proxyPort, confirmXml[h]));
        }
        List<String> ticketIds = new ArrayList<>();
        for (int h = 0; h < HOMEOWNERS; h++) {
          confirmed[h] = await(created.get(h));
          Matcher id = TICKET_ID.matcher(confirmed[h]);
          assertTrue(id.find(), "homeowner " + h + " got no ticket number: " + confirmed[h]);
          ticketIds.add(id.group());
        }
        assertEquals(HOMEOWNERS, ticketIds.stream().distinct().count(), "one ticket per homeowner: " + ticketIds);

        Await.until("every ticket delivered", () -> deliveries.keySet().containsAll(ticketIds));
        // WeChat's retry of the confirmation, to a process that did not handle it: same reply, no second turn.
        for (int h = 0; h < HOMEOWNERS; h++) {
          String msgId = msgId(h, 7);
          int handledBy = routed.get(msgId).get(0);
          int other = ports.get((handledBy + 1) % GATEWAYS);
          assertEquals(confirmed[h], await(post(http, other, confirmXml[h])), "retry on another process");
        }
        Thread.sleep(1500); // several relay passes on every process: a second delivery would show by now
        assertEquals(List.of(), problems);
        assertEquals(HOMEOWNERS, deliveries.size(), "tickets at the sink: " + deliveries.keySet());
        deliveries.forEach((id, n) -> assertEquals(1, n.get(), "deliveries of " + id));
        for (int h = 0; h < HOMEOWNERS; h++) {
          JsonObject ticket = delivered.get(ticketIds.get(h));
          String body = ticket.encode();
          for (String fact : List.of(orderNos[h], phones[h], "王芳", "文三路100号")) {
            assertTrue(body.contains(fact), "ticket of homeowner " + h + " lacks '" + fact + "': " + body);
          }
        }

        long split = 0;
        for (int h = 0; h < HOMEOWNERS; h++) {
          for (int first : new int[] {1, 3}) {
            if (!routed.get(msgId(h, first)).get(0).equals(routed.get(msgId(h, first + 1)).get(0))) {
              split++;
            }
          }
        }
        long stale = 0;
        for (int port : ports) {
          String metrics = await(http.get(port, "127.0.0.1", "/metrics").send()).bodyAsString();
          Matcher m = Pattern.compile("gateway_stale_turns_total\\{channel=\"wechat\"} (\\d+)").matcher(metrics);
          stale += m.find() ? Long.parseLong(m.group(1)) : 0;
        }
        System.out.printf("pairs on two processes: %d of %d; turns decided again after a stale read: %d%n", split,
            2 * HOMEOWNERS, stale);
        assertTrue(stale > 0, "no two turns of one conversation raced: the test proved nothing");
        assertTrue(split >= HOMEOWNERS / 2, "round-robin put both messages of a pair on one process too often: " + split);
        for (int g = 0; g < GATEWAYS; g++) {
          String log = Files.readString(dir.resolve("g" + g + ".log"));
          assertEquals(List.of(), GatewayProcess.troubleIn(log).stream()
              // Three JVMs and the test on a loaded CI machine: a starved event loop is not this test's subject.
              .filter(l -> !l.contains("BlockedThreadChecker")).toList(), "trouble in gateway " + g);
        }
      } finally {
        http.close();
        await(proxy.close());
        for (GatewayProcess g : gateways) {
          g.close();
        }
        await(sink.close());
      }
    }
  }

  /**
   * Sends every homeowner's messages of one round at the same moment (each message a new MsgId, numbered
   * from {@code firstMsg}); asserts each got a reply.
   */
  private void round(WebClient http, int port, java.util.function.IntFunction<List<String>> texts, int firstMsg) {
    List<Future<String>> replies = new ArrayList<>();
    for (int h = 0; h < HOMEOWNERS; h++) {
      List<String> mine = texts.apply(h);
      for (int i = 0; i < mine.size(); i++) {
        replies.add(post(http, port, WeChatClient.textXml(openId(h), msgId(h, firstMsg + i), mine.get(i))));
      }
    }
    for (int i = 0; i < replies.size(); i++) {
      String text = await(replies.get(i));
      assertTrue(text != null && !text.isBlank(), "a message got no reply");
    }
  }

  private static String openId(int homeowner) {
    return "o-several-" + homeowner;
  }

  private static String msgId(int homeowner, int n) {
    return Long.toString(9_000_000L + homeowner * 100L + n);
  }

  /** Posts signed plaintext WeChat XML; resolves with the passive reply's Content ("" for "success"). */
  private static Future<String> post(WebClient http, int port, String xml) {
    String timestamp = Long.toString(WeChatClient.now());
    String nonce = Long.toString(NONCE.incrementAndGet());
    String uri = "/wechat?signature=" + SHA1.gen(TestConfig.TOKEN, timestamp, nonce) + "&timestamp=" + timestamp
        + "&nonce=" + nonce + "&openid=x";
    return http.post(port, "127.0.0.1", uri).sendBuffer(Buffer.buffer(xml)).map(r -> {
      String body = r.bodyAsString();
      if (r.statusCode() != 200) {
        throw new AssertionError("HTTP " + r.statusCode() + ": " + body);
      }
      return body == null || !body.startsWith("<xml>") ? "" : GatewayHarness.content(body);
    });
  }

  /** Round-robin over the gateways, one request after the other, as nginx's default upstream does. */
  private HttpServer startRoundRobinProxy(Vertx vertx, List<Integer> ports) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(64));
    AtomicInteger next = new AtomicInteger();
    return await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      int g = Math.floorMod(next.getAndIncrement(), ports.size());
      Matcher id = MSG_ID.matcher(body.toString());
      if (id.find()) {
        routed.computeIfAbsent(id.group(1), k -> new CopyOnWriteArrayList<>()).add(g);
      }
      client.request(req.method(), ports.get(g), "127.0.0.1", req.uri())
          .compose(out -> {
            String type = req.getHeader("Content-Type");
            if (type != null) {
              out.putHeader("Content-Type", type);
            }
            return out.send(body);
          })
          .compose(in -> in.body().map(answer -> {
            req.response().setStatusCode(in.statusCode());
            String type = in.getHeader("Content-Type");
            if (type != null) {
              req.response().putHeader("Content-Type", type);
            }
            return answer;
          }))
          .onSuccess(answer -> req.response().end(answer))
          .onFailure(err -> req.response().setStatusCode(502).end(String.valueOf(err)));
    })).listen(0, "127.0.0.1"));
  }

  /** The ticket webhook: counts the deliveries of each ticket and checks their signature. */
  private HttpServer startSink(Vertx vertx) {
    return await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      String expected = "sha256=" + com.furnishcare.intake.ticket.WebhookSink.sign(
          WEBHOOK_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), body.getBytes());
      if (!expected.equals(req.getHeader(com.furnishcare.intake.ticket.WebhookSink.SIGNATURE_HEADER))) {
        problems.add("bad signature");
      }
      JsonObject ticket = body.toJsonObject();
      deliveries.computeIfAbsent(ticket.getString("id"), k -> new AtomicInteger()).incrementAndGet();
      delivered.put(ticket.getString("id"), ticket);
      req.response().setStatusCode(202).end();
    })).listen(0, "127.0.0.1"));
  }
}
